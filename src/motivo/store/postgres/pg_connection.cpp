#include <motivo/core/text.hpp>
#include <motivo/store/postgres/pg_connection.hpp>
#include <motivo/store/postgres/pg_conninfo.hpp>
#include <motivo/store/store.hpp>

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <thread>
#include <type_traits>
#include <vector>

namespace motivo::store::postgres {

namespace {

// Parameters are sent as text (PostgreSQL infers their types from the query) and the result is read whole when
// the statement first steps.
class PgCursor : public sql::Cursor {
public:
  PgCursor(pqxx::transaction_base& tx, std::string_view sql) : tx_(tx), sql_(dollar_placeholders(sql)) {}
  void bind_text(int index, std::string_view text) override { param(index) = std::string(text); }
  void bind_int(int index, std::int64_t value) override { param(index) = std::to_string(value); }
  void bind_real(int index, double value) override { param(index) = fmt::format("{}", value); }
  void bind_null(int index) override { param(index).reset(); }
  void bind_blob(int index, const void* data, std::size_t size) override
  {
    // bytea's hex input form
    std::string& text = param(index).emplace("\\x");
    for (std::size_t i = 0; i < size; ++i) text += fmt::format("{:02x}", static_cast<const unsigned char*>(data)[i]);
  }
  bool step() override
  {
    if (!result_) {
      result_ = tx_.exec_params(sql_, pqxx::prepare::make_dynamic_params(params_));
      row_ = -1;
    }
    if (++row_ >= static_cast<std::int64_t>(result_->size())) return false;
    current_.emplace((*result_)[static_cast<pqxx::result::size_type>(row_)]);
    return true;
  }
  void reset() override
  {
    current_.reset();
    result_.reset();
    params_.clear();
  }
  std::int64_t changes() const override { return result_ ? static_cast<std::int64_t>(result_->affected_rows()) : 0; }
  bool is_null(int column) const override { return field(column).is_null(); }
  std::int64_t column_int(int column) const override { return field(column).as<std::int64_t>(); }
  double column_real(int column) const override { return field(column).as<double>(); }
  bool column_bool(int column) const override { return field(column).as<bool>(); }
  std::string_view column_view(int column) const override
  {
    const pqxx::field f = field(column);
    return {f.c_str(), f.size()};
  }

private:
  std::optional<std::string>& param(int index)
  {
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(static_cast<std::size_t>(index));
    return params_[static_cast<std::size_t>(index) - 1];
  }
  pqxx::field field(int column) const { return (*current_)[column]; }

  pqxx::transaction_base& tx_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;
  std::optional<pqxx::result> result_;
  std::int64_t row_ = -1;
  std::optional<pqxx::row> current_; // the row step() moved to
};

} // namespace

std::string dollar_placeholders(std::string_view sql)
{
  std::string out;
  out.reserve(sql.size());
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    const bool placeholder = !quoted && c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9';
    out += placeholder ? '$' : c;
  }
  return out;
}

PgConnection::PgConnection(const std::string& url)
  : url_(with_local_defaults(url, environment_chooses_ssl())), where_(redact_url(url))
{
}

PgConnection::~PgConnection() = default;

namespace {
// Every session's setup. No JIT compilation: motivo's reads are index lookups of milliseconds, and a plan whose
// estimated cost passes jit_above_cost (a table without statistics yet, a join guessed large) compiled for 100 ms
// before a report's 30 ms query at 1,000,000 invitations.
constexpr std::string_view session_setup = "SET jit = off";
} // namespace

bool PgConnection::connect()
{
  if (connection_ && connection_->is_open()) return false;
  connection_.reset();
  try {
    connection_ = std::make_unique<pqxx::connection>(url_);
  } catch (const pqxx::broken_connection& e) {
    throw TransientError(fmt::format("cannot connect to the database {}: {}", where_, text::trim(e.what())));
  }
  return true;
}

void PgConnection::set_up_session()
{
  try {
    pqxx::nontransaction(*connection_).exec0(std::string(session_setup));
  } catch (const pqxx::sql_error&) {
    // A server before PostgreSQL 11 has no JIT to turn off.
  }
}

pqxx::connection& PgConnection::connection()
{
  if (connect()) set_up_session();
  return *connection_;
}

pqxx::result PgConnection::open_with(const std::string& sql)
{
  if (!connect()) return pqxx::nontransaction(*connection_).exec(sql);
  try {
    // One simple query, one round trip. Its statements run as one implicit transaction: when either fails, neither
    // is kept, and each runs again alone (the setup's failure ignored as in set_up_session, `sql`'s thrown).
    return pqxx::nontransaction(*connection_).exec(std::string(session_setup) + "; " + sql);
  } catch (const pqxx::sql_error&) {
  }
  set_up_session();
  return pqxx::nontransaction(*connection_).exec(sql);
}

pqxx::work& PgConnection::work()
{
  if (!work_) throw std::logic_error("a PostgreSQL write outside a writing transaction");
  return *work_;
}

sql::Statement PgConnection::prepare(std::string_view sql)
{
  if (!current_) throw std::logic_error("a PostgreSQL statement outside a transaction");
  return sql::Statement(std::make_unique<PgCursor>(*current_, sql));
}

sql::Statement PgWork::prepare(std::string_view sql)
{
  return sql::Statement(std::make_unique<PgCursor>(tx_, sql));
}

void PgConnection::exec(std::string_view sql)
{
  if (current_) {
    current_->exec0(std::string(sql));
    return;
  }
  pqxx::nontransaction tx(connection());
  tx.exec0(std::string(sql));
}

template <typename Transaction>
void PgConnection::run(const std::function<void()>& work)
{
  Transaction tx(connection());
  current_ = &tx;
  if constexpr (std::is_same_v<Transaction, pqxx::work>) work_ = &tx;
  struct Clear {
    PgConnection& c;
    ~Clear() { c.current_ = nullptr, c.work_ = nullptr; }
  } clear{*this};
  work();
  tx.commit();
}

void PgConnection::transaction(bool write, const std::function<void()>& work)
{
  constexpr int tries = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      if (write) {
        run<pqxx::work>(work);
      } else {
        run<pqxx::nontransaction>(work);
      }
      break;
    } catch (const pqxx::in_doubt_error& e) {
      // The connection broke while committing: whether it committed is unknown, so it is not run again. A read
      // had nothing to commit: everything it read was read.
      connection_.reset();
      if (!write) break;
      throw std::runtime_error(fmt::format("lost the connection to the database {} while committing; the change may "
                                           "or may not be stored: check, then try again ({})",
                                           where_, text::trim(e.what())));
    } catch (const std::exception& e) {
      const bool lost = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
                        dynamic_cast<const TransientError*>(&e) != nullptr;
      if (!lost && !is_transient(e)) throw;
      connection_.reset();
      if (attempt == tries) {
        throw TransientError(
            fmt::format("the database {} is unreachable (tried {} times): {}", where_, tries, text::trim(e.what())));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt * attempt));
    }
  }
  if (write) data_changed(connection());
}

} // namespace motivo::store::postgres
