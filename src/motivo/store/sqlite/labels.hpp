#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

#include <optional>
#include <string_view>

namespace motivo::store::sqlite {

// Writes labels with one prepared UPDATE; with `own_transaction`, inside a transaction of its own that done()
// commits, else in the caller's. A label the same as the stored one is not written: the stored labels are read
// alongside the labels put, both in the order of ids, so a relabelling that changes few labels costs one pass over
// the table instead of an UPDATE a note.
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
  // Whether the stored label of `l.id` is `l` (with `reasons` its JSON), read from stored_.
  bool unchanged(const LabelRow& l, std::string_view reasons);

  sql::Statement update_;
  sql::Statement stored_;     // every invitation's label, by id
  bool stored_on_ = false;    // stored_ is on a row
  bool stored_ended_ = false; // stored_ has passed the last row
};

} // namespace motivo::store::sqlite
