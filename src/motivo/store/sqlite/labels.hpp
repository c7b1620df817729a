#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

#include <optional>
#include <string_view>

namespace motivo::store::sqlite {

// Writes labels with one prepared UPDATE; with `own_transaction`, inside a transaction of its own that done()
// commits, else in the caller's.
class SqliteLabelSink : public LabelSink {
public:
  SqliteLabelSink(Database& db, bool own_transaction);
  ~SqliteLabelSink() override;
  Notes notes(std::int64_t after, std::size_t limit) override;
  void put(const LabelRow& label) override;
  void put_models(const std::vector<StoredModel>& models) override;
  void labelled_by(std::string_view classifier, std::int64_t changes) override;
  void done() override;

private:
  Database& db_;
  std::optional<Transaction> tx_;
  sql::Statement update_;
};

} // namespace motivo::store::sqlite
