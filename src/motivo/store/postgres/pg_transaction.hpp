#pragma once

// PgStore's transactions, for the files that implement its calls (pg_store.cpp, pg_people.cpp).

#include <motivo/core/text.hpp>
#include <motivo/store/postgres/pg_store.hpp>

#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <type_traits>

namespace motivo::store::postgres {

template <typename Work>
inline auto PgStore::in_transaction(Work&& work)
{
  constexpr int tries = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      pqxx::work tx(connection());
      if constexpr (std::is_void_v<decltype(work(tx))>) {
        work(tx);
        tx.commit();
        return;
      } else {
        auto out = work(tx);
        tx.commit();
        return out;
      }
    } catch (const pqxx::in_doubt_error& e) {
      // The connection broke while committing: whether it committed is unknown, so it is not run again.
      connection_.reset();
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
}

template <typename Work>
inline auto PgStore::writing(Work&& work)
{
  if constexpr (std::is_void_v<decltype(in_transaction(work))>) {
    in_transaction(work);
    data_changed(connection());
  } else {
    auto out = in_transaction(work);
    data_changed(connection());
    return out;
  }
}

} // namespace motivo::store::postgres
