// COPY lines and what is written with them (labels), transient errors, and the change counter.
#include <motivo/store/postgres/pg_connection.hpp>
#include <motivo/store/postgres/pg_store.hpp>
#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace motivo::store::postgres {

CopyLine& CopyLine::raw(std::string_view value)
{
  if (!line_.empty()) line_ += '\t';
  line_ += value;
  return *this;
}

CopyLine& CopyLine::text(std::string_view value)
{
  if (!line_.empty()) line_ += '\t';
  for (const char c : value) {
    switch (c) {
    case '\\': line_ += "\\\\"; break;
    case '\t': line_ += "\\t"; break;
    case '\n': line_ += "\\n"; break;
    case '\r': line_ += "\\r"; break;
    case '\0': line_ += "\xEF\xBF\xBD"; break; // PostgreSQL text cannot hold NUL: U+FFFD in its place
    default: line_ += c;
    }
  }
  return *this;
}

CopyLine& CopyLine::number(std::int64_t value)
{
  return raw(std::to_string(value));
}

CopyLine& CopyLine::real(double value)
{
  return raw(fmt::format("{}", value));
}

CopyLine& CopyLine::key(const IdentityKey& key)
{
  static constexpr char hex[] = "0123456789abcdef";
  if (!line_.empty()) line_ += '\t';
  line_ += "\\\\x"; // bytea's hex form, its backslash escaped for COPY
  for (const auto b : key) {
    line_ += hex[static_cast<unsigned char>(b) >> 4];
    line_ += hex[static_cast<unsigned char>(b) & 15];
  }
  return *this;
}

void copy_in(pqxx::work& tx, const std::string& table, const std::string& lines,
             const std::vector<std::string>& columns)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  // tablewriter is libpqxx 6's COPY writer that takes ready-made lines (stream_to would escape them again).
  pqxx::tablewriter writer =
      columns.empty() ? pqxx::tablewriter(tx, table) : pqxx::tablewriter(tx, table, columns.begin(), columns.end());
  for (std::size_t start = 0; start < lines.size();) {
    const std::size_t end = lines.find('\n', start);
    writer.write_raw_line(lines.substr(start, end - start));
    start = end + 1;
  }
  writer.complete();
#pragma GCC diagnostic pop
}

bool is_transient(const std::exception& e)
{
  return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
         dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr; // deadlock, serialization failure
}

// Labels.

namespace {

// Labels are written in batches: COPY into a temporary table, then one UPDATE joining it.
class PgLabelSink : public LabelSink {
public:
  explicit PgLabelSink(pqxx::work& tx) : tx_(&tx) { start(); }
  // With its own transaction on `connection`.
  explicit PgLabelSink(pqxx::connection& connection) : own_(std::in_place, connection), tx_(&*own_) { start(); }

  Notes notes(std::int64_t after, std::size_t limit) override
  {
    PgWork work(*tx_);
    return sql::read_notes(work, after, limit);
  }

  void put(const LabelRow& l) override
  {
    line_.clear();
    line_.number(l.id).text(l.label).text(l.language).real(l.confidence).text(nlohmann::json(l.reasons).dump());
    line_.number(l.campaign ? std::optional<std::int64_t>(*l.campaign) : std::nullopt);
    pending_ += line_.str();
    pending_ += '\n';
    if (++rows_ >= 20000) flush();
  }

  void put_models(const std::vector<StoredModel>& models) override
  {
    PgWork work(*tx_);
    sql::store_models(work, models);
  }

  void labelled_by(std::string_view classifier, std::int64_t changes) override
  {
    PgWork work(*tx_);
    sql::store_label_state(work, classifier, changes);
  }

  void done() override
  {
    flush();
    if (!own_) return; // the caller's transaction: it commits, and says so
    own_->commit();
    data_changed(own_->conn());
  }

private:
  void start()
  {
    tx_->exec0("CREATE TEMP TABLE IF NOT EXISTS stage_labels (id bigint, label text, language text, confidence "
               "double precision, reasons text, campaign bigint) ON COMMIT DROP");
  }

  void flush()
  {
    if (rows_ == 0) return;
    tx_->exec0("TRUNCATE stage_labels");
    copy_in(*tx_, "stage_labels", pending_);
    tx_->exec0(R"sql(
UPDATE invitations i SET label = s.label, language = s.language, confidence = s.confidence, reasons = s.reasons,
                         campaign = s.campaign
FROM stage_labels s
WHERE i.id = s.id  -- and only what changed: re-imports label everything again, mostly the same
  AND (i.label, i.language, i.confidence, i.reasons, i.campaign) IS DISTINCT FROM
      (s.label, s.language, s.confidence, s.reasons, s.campaign))sql");
    pending_.clear();
    rows_ = 0;
  }

  std::optional<pqxx::work> own_;
  pqxx::work* tx_;
  CopyLine line_;
  std::string pending_;
  std::size_t rows_ = 0;
};

} // namespace

std::unique_ptr<LabelSink> label_sink_in(pqxx::work& tx)
{
  return std::make_unique<PgLabelSink>(tx);
}

std::unique_ptr<LabelSink> label_sink_of(pqxx::connection& connection)
{
  return std::make_unique<PgLabelSink>(connection);
}

void data_changed(pqxx::connection_base& connection)
{
  pqxx::nontransaction tx(connection);
  tx.exec("SELECT nextval('motivo_changes')");
}

} // namespace motivo::store::postgres
