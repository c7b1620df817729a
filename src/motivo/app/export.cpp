#include <motivo/app/export.hpp>
#include <motivo/core/anonymize.hpp>
#include <motivo/core/csv.hpp>
#include <motivo/io/private_output.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <functional>

namespace motivo::app {

namespace {

using csv::row; // formula-like cells neutralised, as in every CSV motivo writes

// "2022-09-09" -> "09 Sep 2022", as Connections.csv writes it.
std::string connected_on(const std::string& iso)
{
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (iso.size() != 10) return iso;
  const int month = std::stoi(iso.substr(5, 2));
  if (month < 1 || month > 12) return iso;
  return fmt::format("{} {} {}", iso.substr(8, 2), months[month - 1], iso.substr(0, 4));
}

// Every invitation, in the order they were stored, a page at a time: an export of any size in constant memory.
void for_each_invitation(store::Store& store, const std::function<void(const store::InvitationView&)>& visit)
{
  constexpr std::int64_t page = 5000;
  store::InvitationQuery query;
  query.after_id = 0;
  query.limit = page;
  for (;;) {
    const auto rows = store.invitations(query);
    for (const auto& v : rows) visit(v);
    if (static_cast<std::int64_t>(rows.size()) < page) return;
    query.after_id = rows.back().id;
  }
}

} // namespace

ExportSummary export_anonymized(store::Store& store, const std::string& zip_path, std::uint64_t salt)
{
  Pseudonyms p(salt);
  ExportSummary summary;
  // Names first, so that text() knows every name word before any note is rewritten. In the order they were
  // stored: people are resolved in the order rows come, so the same order gives the same people (two namesakes
  // without a profile URL stay told apart the same way).
  for_each_invitation(store, [&](const store::InvitationView& v) {
    p.name(v.from);
    p.name(v.to);
  });
  store.for_each_connection([&](const store::StoredConnection& c) { p.name(c.first_name + " " + c.last_name); });
  store.for_each_message([&](const store::StoredMessage& m) {
    p.name(m.from_name);
    p.names(m.to_names);
  });

  io::ZipSpool zip(zip_path);
  const std::size_t inv = zip.add("Invitations.csv");
  zip.write(inv, "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
  for_each_invitation(store, [&](const store::InvitationView& v) {
    zip.write(inv,
              row({p.name(v.from), p.name(v.to), datetime::format_pacific_us(v.sent_at), p.text(v.message),
                   v.direction == Direction::incoming ? "INCOMING" : "OUTGOING", p.url(v.from_url), p.url(v.to_url)}));
    ++summary.invitations;
  });
  const std::size_t msg = zip.add("messages.csv");
  zip.write(msg, "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                 "SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n");
  store.for_each_message([&](const store::StoredMessage& m) {
    const std::string date = datetime::format_iso(m.sent_at);
    zip.write(msg, row({p.id(m.conversation_id), p.text(m.conversation_title), p.name(m.from_name), p.url(m.from_url),
                        p.names(m.to_names), p.urls(m.to_urls), date.substr(0, 10) + " " + date.substr(11, 8) + " UTC",
                        p.text(m.subject), p.text(m.content), m.folder, m.draft ? "Yes" : "No"}));
    ++summary.messages;
  });
  // No Connections.csv when no import listed any: an empty one would say that nobody accepted, where who accepted
  // is unknown. Company and Position are left empty: an employer and a job title single a person out as well as a
  // name does, and no report reads them.
  if (!store.owners_with_connections().empty()) {
    const std::size_t con = zip.add("Connections.csv");
    zip.write(con, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    store.for_each_connection([&](const store::StoredConnection& c) {
      const std::string email = c.email.empty() ? "" : p.id(c.email) + "@example.invalid";
      zip.write(con, row({p.name(c.first_name), p.name(c.last_name), p.url(c.url), email, "", "",
                          connected_on(c.connected_on)}));
      ++summary.connections;
    });
  }
  zip.commit();
  return summary;
}

ExportSummary export_json(store::Store& store, const std::string& path)
{
  ExportSummary summary;
  io::PrivateFile out(path);
  for_each_invitation(store, [&](const store::InvitationView& v) {
    nlohmann::ordered_json j{{"kind", "invitation"},
                             {"id", v.id},
                             {"direction", to_string(v.direction)},
                             {"from", v.from},
                             {"to", v.to},
                             {"from_url", v.from_url},
                             {"to_url", v.to_url},
                             {"sent_at", datetime::format_iso(v.sent_at)},
                             {"message", v.message},
                             {"outcome", v.outcome ? to_string(*v.outcome) : ""},
                             {"label", v.label ? classify::label_name(*v.label) : ""},
                             {"label_by_user", v.label_by_user},
                             {"language", v.language},
                             {"decision", v.decision ? protocol::decision_name(*v.decision) : ""},
                             {"decision_at", v.decision_at
                                                 ? nlohmann::ordered_json(datetime::format_iso(*v.decision_at))
                                                 : nlohmann::ordered_json(nullptr)}};
    out.write(j.dump() + "\n");
    ++summary.invitations;
  });
  store.for_each_message([&](const store::StoredMessage& m) {
    nlohmann::ordered_json j{{"kind", "message"},
                             {"conversation_id", m.conversation_id},
                             {"conversation_title", m.conversation_title},
                             {"from", m.from_name},
                             {"from_url", m.from_url},
                             {"to", m.to_names},
                             {"to_urls", m.to_urls},
                             {"sent_at", datetime::format_iso(m.sent_at)},
                             {"subject", m.subject},
                             {"content", m.content},
                             {"folder", m.folder},
                             {"draft", m.draft}};
    out.write(j.dump() + "\n");
    ++summary.messages;
  });
  store.for_each_connection([&](const store::StoredConnection& c) {
    nlohmann::ordered_json j{{"kind", "connection"},     {"first_name", c.first_name},
                             {"last_name", c.last_name}, {"url", c.url},
                             {"email", c.email},         {"company", c.company},
                             {"position", c.position},   {"connected_on", c.connected_on}};
    out.write(j.dump() + "\n");
    ++summary.connections;
  });
  store.for_each_writing([&](const store::StoredWriting& w) {
    const char* ref = w.kind == "note" ? "person" : w.kind == "ask" || w.kind == "reply" ? "invitation" : "connection";
    nlohmann::ordered_json j{{"kind", w.kind},
                             {ref, w.ref},
                             {"about", w.about},
                             {"about_url", w.about_url},
                             {"at", datetime::format_iso(w.at)},
                             {"text", w.text}};
    out.write(j.dump() + "\n");
    ++summary.writings;
  });
  out.commit();
  return summary;
}

} // namespace motivo::app
