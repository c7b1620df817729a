#include <motivo/app/json_views.hpp>
#include <motivo/app/mail.hpp>
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
  if (!v.invitation) return skip(message, v.skipped, v.detail, v.warning);
  if (v.invitation->sent_at > latest_) {
    return skip(message, "dated in the future", quote_value(datetime::format_iso(v.invitation->sent_at)), true);
  }
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
    PeopleResolver people(*session, session->known_people());
    std::optional<PersonId> owner = session->latest_owner();
    std::string owner_name;
    if (!owner && !scan.invitations.empty()) {
      // No export yet: the mailbox is the addressee's.
      const std::string& recipient = scan.invitations.front().recipient;
      if (text::trim(recipient).empty() || recipient.find('@') != std::string::npos) {
        throw InputError(source, 0,
                         "cannot tell whose mailbox this is (the mail names no addressee): import your LinkedIn "
                         "export first");
      }
      owner = people.resolve(recipient, "");
      owner_name = recipient;
    }
    if (owner) {
      check_owner_is_theirs(*session, options.user, *owner, owner_name, source);
      session->set_owner(*owner);
    }
    report.owner = owner_name;
    const std::string owner_key = owner ? key_number(*owner) : std::string();
    std::string url;
    for (const mail::Invitation& inv : scan.invitations) {
      url = profile_url(inv.profile_slug);
      store::MailInvitationRecord r;
      r.owner = *owner;
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
      switch (session->add_mail_invitation(r)) {
      case store::MailOutcome::added: ++report.added; break;
      case store::MailOutcome::known: ++report.known; break;
      case store::MailOutcome::matched: ++report.matched; break;
      }
    }
    report.people_added = people.created();
  }
  if (cursor) session->set_mail_cursor(cursor->account, cursor->cursor);
  session->finish(std::nullopt, std::nullopt, mail_summary_json(report));
  static const classify::Classifier classifier;
  report.labels = classify_stored(*session, classifier);
  session->commit();
  return report;
}

} // namespace motivo::app
