#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <optional>
#include <string>

namespace motivo::store::sql {

// What an import decides, written once for both engines and run inside the import's transaction (the
// connection's transaction() is never called): how a mail's invitation is matched with stored ones, how an
// export's row takes over the row its mail made, and the outcomes a snapshot settles (docs/ARCHITECTURE.md,
// "Outcomes").
class ImportRules {
public:
  ImportRules(Connection& connection, std::int64_t import_id) : c_(connection), import_(import_id) {}

  // An export's invitation that its mail was stored as first (same owner, direction and sender, within
  // mail_match_window): that row becomes the export's. False when there is none.
  bool adopt_mail_row(const InvitationRecord& r);
  // A mail's invitation already stored: by LinkedIn's invitation id, by the mail's key, or as an export's row of
  // the same sender within mail_match_window (not tied to another id). The stored row takes the mail's ids, and
  // its note when it had none. Nothing: the mail is new.
  std::optional<MailOutcome> match_mail(const MailInvitationRecord& r);
  // The owner of `user`'s most recent import that had one.
  std::optional<PersonId> latest_owner(std::optional<std::int64_t> user);
  // The name of a user other than `user` who imported snapshots of `owner`'s account.
  std::optional<std::string> owner_claimed_by_other(PersonId owner, std::optional<std::int64_t> user);
  void set_mail_cursor(const std::string& account, const MailCursor& cursor);
  // Settles the outcomes of `owner`'s invitations after this snapshot and closes the import's row
  // (ImportSession::finish).
  void finish(PersonId owner, datetime::UnixSeconds started_at, std::optional<ImportSession::Span> listed,
              std::optional<datetime::UnixSeconds> as_of, const std::string& summary_json);

private:
  void fill_from_mail(std::int64_t id, const MailInvitationRecord& r);
  void accept(PersonId owner);

  Connection& c_;
  std::int64_t import_;
  std::optional<Statement> near_, adopt_; // adopt_mail_row's, prepared once: it runs for every row
};

} // namespace motivo::store::sql
