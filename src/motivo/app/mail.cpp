#include <motivo/app/json_views.hpp>
#include <motivo/app/mail.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/identity.hpp>
#include <motivo/core/people.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/io/mail.hpp>

namespace motivo::app {

namespace {

const mail::Recogniser& recogniser()
{
  static const mail::Recogniser r;
  return r;
}

} // namespace

void MailScan::skip(const mail::Message& message, const std::string& reason, const std::string& detail, bool warning)
{
  ++skipped[reason];
  if (warning) warnings.push_back({message.where, detail.empty() ? reason : reason + ": " + detail});
}

void MailScan::add(const mail::Message& message)
{
  ++messages;
  mail::Verdict v = recogniser().recognise(message);
  const std::optional<datetime::UnixSeconds> at = v.invitation   ? v.invitation->sent_at
                                                  : v.message    ? v.message->sent_at
                                                  : v.acceptance ? std::optional(v.acceptance->at)
                                                                 : std::nullopt;
  if (!at) return skip(message, v.skipped, v.detail, v.warning);
  if (*at > latest_) return skip(message, "dated in the future", quote_value(datetime::format_iso(*at)), true);
  if (v.message) return chats.push_back(std::move(*v.message));
  if (v.acceptance) return acceptances.push_back(std::move(*v.acceptance));
  if (v.invitation->note_cut) {
    warnings.push_back({message.where, "a note longer than LinkedIn's " + std::to_string(mail::max_note_length) +
                                           " characters, cut there"});
  }
  invitations.push_back(std::move(*v.invitation));
}

bool is_mail_path(const std::string& path)
{
  return io::mail_source_of(path) != io::MailSource::none;
}

MailScan scan_mail_paths(const std::vector<std::string>& paths, datetime::UnixSeconds now)
{
  MailScan scan(now);
  for (const std::string& path : paths) {
    const io::MailSource kind = io::mail_source_of(path);
    if (kind == io::MailSource::none) throw InputError(path, 0, "not a mailbox, a Maildir folder or a message");
    io::read_mail(path, kind, [&](mail::Message&& m) { scan.add(m); });
  }
  return scan;
}

namespace {

// The mailbox's owner: the owner of the latest import, else the addressee the mail names.
std::optional<PersonId> mailbox_owner(store::ImportSession& session, PeopleResolver& people, const MailScan& scan,
                                      const std::string& source, std::string& owner_name)
{
  if (std::optional<PersonId> owner = session.latest_owner()) return owner;
  std::optional<std::string> recipient;
  if (!scan.invitations.empty())
    recipient = scan.invitations.front().recipient;
  else if (!scan.chats.empty())
    recipient = scan.chats.front().recipient;
  else if (!scan.acceptances.empty())
    recipient = scan.acceptances.front().recipient;
  if (!recipient) return std::nullopt;
  if (text::trim(*recipient).empty() || recipient->find('@') != std::string::npos) {
    throw InputError(source, 0,
                     "cannot tell whose mailbox this is (the mail names no addressee): import your LinkedIn "
                     "export first");
  }
  owner_name = *recipient;
  return people.resolve_one(*recipient, "");
}

// Counts where a row read from mail went: added, already stored, or matched to a stored row (the invitations'
// and the members' messages' reports have the same three counts).
template <typename Report>
void count_outcome(store::MailOutcome outcome, Report& report)
{
  switch (outcome) {
  case store::MailOutcome::added: ++report.added; break;
  case store::MailOutcome::known: ++report.known; break;
  case store::MailOutcome::matched: ++report.matched; break;
  }
}

void store_invitations(store::ImportSession& session, PeopleResolver& people, PersonId owner,
                       const std::vector<mail::Invitation>& invitations, MailImportReport& report)
{
  const std::string owner_key = key_number(owner);
  std::string url;
  for (const mail::Invitation& inv : invitations) {
    url = profile_url(inv.profile_slug);
    store::MailInvitationRecord r;
    r.owner = owner;
    r.from_person = people.resolve(inv.sender, url);
    r.to_person = owner;
    r.from_name = inv.sender;
    r.to_name = inv.recipient;
    r.from_url = url;
    r.sent_at = inv.sent_at;
    r.message = inv.note;
    r.linkedin_id = inv.invitation_id;
    r.mail_id = inv.message_id;
    // The mail's identity: LinkedIn's id, else the Message-ID, else who and when.
    if (!inv.invitation_id.empty())
      r.key = identity_key("mail-invitation", {owner_key, "id", inv.invitation_id});
    else if (!inv.message_id.empty())
      r.key = identity_key("mail-invitation", {owner_key, "mail", inv.message_id});
    else
      r.key = identity_key("mail-invitation", {owner_key, people.name_key(inv.sender), key_number(inv.sent_at)});
    count_outcome(session.add_mail_invitation(r), report);
  }
}

void store_chats(store::ImportSession& session, PeopleResolver& people, PersonId owner,
                 const std::vector<mail::ChatMessage>& chats, MailChatsReport& report)
{
  const std::string owner_key = key_number(owner);
  for (const mail::ChatMessage& c : chats) {
    const std::string url = profile_url(c.sender_slug);
    const std::optional<PersonId> sender = people.resolve(c.sender, url);
    if (!sender || *sender == owner) continue; // nobody, or the owner's own copy
    ++report.read;
    store::MailMessageRecord r;
    r.owner = owner;
    r.from_person = *sender;
    r.conversation_id = c.thread_id;
    r.from_name = c.sender;
    r.from_url = url;
    r.to_name = c.recipient;
    r.sent_at = c.sent_at;
    r.content = c.text;
    r.mail_id = c.message_id;
    // The mail's identity: its Message-ID, else the conversation, sender and time.
    r.key =
        !c.message_id.empty()
            ? identity_key("mail-message", {owner_key, "mail", c.message_id})
            : identity_key("mail-message", {owner_key, c.thread_id, people.name_key(c.sender), key_number(c.sent_at)});
    count_outcome(session.add_mail_message(r), report);
  }
}

void store_acceptances(store::ImportSession& session, PeopleResolver& people, PersonId owner,
                       const std::vector<mail::Acceptance>& acceptances, MailAcceptancesReport& report)
{
  for (const mail::Acceptance& a : acceptances) {
    const std::string url = profile_url(a.profile_slug);
    const std::optional<PersonId> person = people.resolve(a.person, url);
    if (!person || *person == owner) continue;
    ++report.read;
    const std::string_view name = text::trim(a.person);
    const std::size_t space = name.find(' ');
    store::MailAcceptanceRecord r;
    r.key = identity_key("mail-connection", {key_number(owner), key_number(*person)});
    r.owner = owner;
    r.person = *person;
    r.first_name = name.substr(0, space);
    r.last_name = space == std::string_view::npos ? std::string_view() : text::trim(name.substr(space + 1));
    r.url = url;
    r.at = a.at;
    r.authenticated = a.authenticated;
    switch (session.add_mail_acceptance(r)) {
    case store::AcceptanceOutcome::accepted: ++report.accepted; break;
    case store::AcceptanceOutcome::connection_only:
      ++report.connections_only;
      report.without_invitation.emplace_back(name);
      break;
    case store::AcceptanceOutcome::known: ++report.known; break;
    }
  }
}

} // namespace

MailImportReport import_mail(store::Store& store, MailScan scan, const std::string& source,
                             const ImportOptions& options, const std::optional<MailCursorUpdate>& cursor)
{
  MailImportReport report;
  report.messages = scan.messages;
  report.invitations = scan.invitations.size();
  report.skipped = std::move(scan.skipped);
  report.warnings = std::move(scan.warnings);

  auto session = store.begin_import({options.now, source, options.user});
  {
    PeopleResolver people(*session); // reads the people stored at the first mail stored
    std::string owner_name;
    const std::optional<PersonId> owner = mailbox_owner(*session, people, scan, source, owner_name);
    if (owner) {
      check_owner_is_theirs(*session, options.user, *owner, owner_name, source);
      session->set_owner(*owner);
      store_invitations(*session, people, *owner, scan.invitations, report);
      store_chats(*session, people, *owner, scan.chats, report.chats);
      store_acceptances(*session, people, *owner, scan.acceptances, report.acceptances);
    }
    report.owner = owner_name;
    report.people_added = people.created();
  }
  if (cursor) session->set_mail_cursor(cursor->account, cursor->cursor);
  session->finish(std::nullopt, std::nullopt, mail_summary_json(report));
  report.labels = label_import(*session); // in the same transaction
  refresh_timelines(*session);            // in the same transaction
  session->commit();
  return report;
}

} // namespace motivo::app
