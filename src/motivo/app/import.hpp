#pragma once

#include <motivo/app/classify.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::app {

// What one file of an import gave.
struct FileReport {
  std::string name; // as shown to the user
  std::string kind; // "invitations", "connections", "messages" or "skipped"
  std::string note; // why a file was skipped
  std::uint64_t rows = 0;
  std::uint64_t added = 0;
  std::uint64_t known = 0;   // already stored by an earlier import
  std::uint64_t skipped = 0; // rows read but not stored (none so far; kept for the summary's shape)
  // Not read: the same bytes as the file of its kind that this import (its start) took in last, whose rows are
  // taken as this snapshot's.
  std::optional<datetime::UnixSeconds> unchanged_since;
};

struct ImportReport {
  std::vector<FileReport> files;
  std::string owner;
  std::uint64_t people_added = 0;
  bool people_read = false;              // whether the people stored were read: not when every file was unchanged
  std::uint64_t owner_disagreements = 0; // invitations whose owner side names someone else
  ClassifySummary labels;                // every stored invitation, labelled again with this snapshot's
};

// Told how far an import is, for a progress bar.
class ProgressSink {
public:
  virtual ~ProgressSink() = default;
  virtual void update(std::uint64_t done_bytes, std::uint64_t total_bytes, std::string_view file) = 0;
  virtual void finish() = 0;
};

struct ImportOptions {
  datetime::UnixSeconds now = 0; // when the import runs, for the history
  ProgressSink* progress = nullptr;
  std::optional<std::int64_t> user; // team mode: the user importing (the snapshot's invitations are theirs)
  // The latest time an export's dates may show (then a day's tolerance): the command's clock (MOTIVO_NOW fixes it),
  // or `now` when unset. The day in the archive's name, when earlier, is the bound instead.
  std::optional<datetime::UnixSeconds> clock;
  // Whose export this is (import --owner): settles a tie between the people its files name equally often; an
  // error when the export cannot be theirs.
  std::optional<std::string> owner;
  // Whose data this is when the rows alone leave a tie (a single message: its two sides), before the database's
  // one account.
  std::string owner_hint;
  // Run inside the import's transaction, after its rows and before it commits (sync saves its cursor there).
  std::function<void(store::ImportSession&, PersonId owner)> before_commit;
};

// Team mode: throws InputError (naming `source`) when another user than `user` imports the LinkedIn account of
// `owner` (`owner_name`): each account belongs to one user. Nothing is checked without a user.
void check_owner_is_theirs(store::ImportSession& session, std::optional<std::int64_t> user, PersonId owner,
                           std::string_view owner_name, const std::string& source);

// A personal database (one without users) holds one LinkedIn account: throws InputError (naming `source`, the
// owner `owner_name` and the accounts stored, and how to use another database) when `accounts` holds another than
// `owner`. Team mode keeps several, each belonging to one user (check_owner_is_theirs).
void check_one_account(const std::vector<store::Account>& accounts, PersonId owner, std::string_view owner_name,
                       const std::string& source);

// Imports the files of one snapshot (an export's zip, its folder, or single CSV files) in one transaction:
// either everything is stored or, on any InputError, nothing is. Whose export it is comes from its files
// (linkedin::OwnerFinder): a tie goes to the account a personal database holds, or to `options.owner`; otherwise
// the import is refused, naming the people tied.
ImportReport import_snapshot(store::Store& store, const std::vector<io::InputFile>& inputs, const std::string& source,
                             const ImportOptions& options);

} // namespace motivo::app
