#include <motivo/app/export.hpp>
#include <motivo/core/anonymize.hpp>
#include <motivo/core/csv.hpp>
#include <motivo/io/zip_writer.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

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

} // namespace

ExportSummary export_anonymized(store::Store& store, const std::string& zip_path, std::uint64_t salt)
{
  Pseudonyms p(salt);
  ExportSummary summary;
  // In the order they were stored: people are resolved in the order rows come, so the same order gives the same
  // people (two namesakes without a profile URL stay told apart the same way).
  auto invitations = store.invitations({});
  std::sort(invitations.begin(), invitations.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  // Names first, so that text() knows every name word before any note is rewritten.
  for (const auto& v : invitations) {
    p.name(v.from);
    p.name(v.to);
  }
  store.for_each_connection([&](const store::StoredConnection& c) { p.name(c.first_name + " " + c.last_name); });
  store.for_each_message([&](const store::StoredMessage& m) {
    p.name(m.from_name);
    p.names(m.to_names);
  });

  std::string inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  for (const auto& v : invitations) {
    inv += row({p.name(v.from), p.name(v.to), datetime::format_pacific_us(v.sent_at), p.text(v.message),
                v.direction == Direction::incoming ? "INCOMING" : "OUTGOING", p.url(v.from_url), p.url(v.to_url)});
    ++summary.invitations;
  }
  std::string msg = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                    "SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n";
  store.for_each_message([&](const store::StoredMessage& m) {
    const std::string date = datetime::format_iso(m.sent_at);
    msg += row({p.id(m.conversation_id), p.text(m.conversation_title), p.name(m.from_name), p.url(m.from_url),
                p.names(m.to_names), p.urls(m.to_urls), date.substr(0, 10) + " " + date.substr(11, 8) + " UTC",
                p.text(m.subject), p.text(m.content), m.folder, m.draft ? "Yes" : "No"});
    ++summary.messages;
  });
  std::string con = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  store.for_each_connection([&](const store::StoredConnection& c) {
    const std::string email = c.email.empty() ? "" : p.id(c.email) + "@example.invalid";
    con += row({p.name(c.first_name), p.name(c.last_name), p.url(c.url), email, p.text(c.company), p.text(c.position),
                connected_on(c.connected_on)});
    ++summary.connections;
  });
  // No Connections.csv when no import listed any: an empty one would say that nobody accepted, where who accepted
  // is unknown.
  std::vector<std::pair<std::string, std::string>> files = {{"Invitations.csv", inv}, {"messages.csv", msg}};
  if (!store.owners_with_connections().empty()) files.emplace_back("Connections.csv", con);
  io::write_zip(zip_path, files);
  return summary;
}

ExportSummary export_json(store::Store& store, const std::string& path)
{
  ExportSummary summary;
  std::string out;
  for (const auto& v : store.invitations({})) {
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
    out += j.dump() + "\n";
    ++summary.invitations;
  }
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
    out += j.dump() + "\n";
    ++summary.messages;
  });
  store.for_each_connection([&](const store::StoredConnection& c) {
    nlohmann::ordered_json j{{"kind", "connection"},     {"first_name", c.first_name},
                             {"last_name", c.last_name}, {"url", c.url},
                             {"email", c.email},         {"company", c.company},
                             {"position", c.position},   {"connected_on", c.connected_on}};
    out += j.dump() + "\n";
    ++summary.connections;
  });
  store.for_each_writing([&](const store::StoredWriting& w) {
    const char* ref = w.kind == "note" ? "person" : w.kind == "ask" ? "invitation" : "connection";
    nlohmann::ordered_json j{{"kind", w.kind},
                             {ref, w.ref},
                             {"about", w.about},
                             {"about_url", w.about_url},
                             {"at", datetime::format_iso(w.at)},
                             {"text", w.text}};
    out += j.dump() + "\n";
    ++summary.writings;
  });
  io::write_private_file(path, out);
  return summary;
}

} // namespace motivo::app
