#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/sync.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/datetime.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>

namespace motivo::app {

namespace {

nlohmann::json to_json(const app::InvitationStatus& status, std::string_view language)
{
  const store::InvitationView& v = status.invitation;
  const protocol::Evaluation& e = status.evaluation;
  nlohmann::json j{{"id", v.id},
                   {"direction", to_string(v.direction)},
                   {"from", v.from},
                   {"to", v.to},
                   {"sent_at", datetime::format_iso(v.sent_at)},
                   {"message", v.message},
                   {"from_url", v.from_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.from_url)},
                   {"to_url", v.to_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.to_url)},
                   {"person", v.other_person ? nlohmann::json(*v.other_person) : nlohmann::json(nullptr)},
                   {"outcome", v.outcome ? nlohmann::json(to_string(*v.outcome)) : nlohmann::json(nullptr)}};
  j["outcome_at"] = v.outcome_at ? nlohmann::json(datetime::format_iso(*v.outcome_at)) : nlohmann::json(nullptr);
  j["label"] = v.label ? nlohmann::json(classify::label_name(*v.label)) : nlohmann::json(nullptr);
  j["label_source"] = v.label ? nlohmann::json(v.label_by_user ? "user" : "motivo") : nlohmann::json(nullptr);
  j["language"] = v.language.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.language);
  j["confidence"] = v.confidence ? nlohmann::json(std::round(*v.confidence * 100) / 100) : nlohmann::json(nullptr);
  j["check_label"] = label_needs_check(v);
  j["reasons"] = language.empty() ? reasons_shown(v) : classify::translate_reasons(reasons_shown(v), language);
  j["campaign"] = v.campaign ? nlohmann::json(*v.campaign) : nlohmann::json(nullptr);
  const auto time_or_null = [](const std::optional<datetime::UnixSeconds>& t) {
    return t ? nlohmann::json(datetime::format_iso(*t)) : nlohmann::json(nullptr);
  };
  j["state"] = protocol::state_name(e.state);
  j["suggestion"] = protocol::suggestion_name(e.suggestion);
  j["suggestion_reason"] = e.why.in(language.empty() ? "en" : language);
  j["asked"] = e.timeline.asked_at.has_value();
  j["replied"] = e.timeline.replied_at.has_value();
  j["asked_at"] = time_or_null(e.timeline.asked_at);
  j["replied_at"] = time_or_null(e.timeline.replied_at);
  j["deadline"] = time_or_null(e.deadline);
  j["decision"] = v.decision ? nlohmann::json(protocol::decision_name(*v.decision)) : nlohmann::json(nullptr);
  j["decided_at"] = v.decision ? time_or_null(v.decision_at) : nlohmann::json(nullptr);
  j["version"] = v.version;
  return j;
}

using nlohmann::ordered_json;

double round3(double v)
{
  return std::round(v * 1000) / 1000;
}

void put_rate(ordered_json& j, const std::string& name, const report::Rate& r)
{
  j[name] = r.total ? ordered_json(round3(r.value)) : ordered_json(nullptr);
  j[name + "_n"] = r.total;
  j[name + "_interval"] = r.total ? ordered_json::array({round3(r.low), round3(r.high)}) : ordered_json(nullptr);
}

// A count that is unknown when acceptance is (no Connections.csv imported): null, never 0.
ordered_json known_count(std::size_t n, bool known)
{
  return known ? ordered_json(n) : ordered_json(nullptr);
}

void put_known_rate(ordered_json& j, const std::string& name, const report::Rate& r, bool known)
{
  put_rate(j, name, r);
  if (known) return;
  j[name] = j[name + "_n"] = j[name + "_interval"] = nullptr;
}

ordered_json incoming_json(const report::Incoming& in, bool acceptance_known)
{
  ordered_json j;
  j["received"] = in.received;
  j["personalized"] = in.personalized;
  j["not_personalized"] = in.not_personalized;
  ordered_json by_label;
  for (const auto l : classify::all_labels)
    by_label[std::string(classify::label_name(l))] = in.by_label[static_cast<std::size_t>(l)];
  j["by_label"] = by_label;
  j["asked"] = in.asked;
  j["replied"] = in.replied;
  j["accepted"] = known_count(in.accepted, acceptance_known);
  j["declined"] = in.declined;
  j["pending"] = known_count(in.pending, acceptance_known);
  j["withdrawn"] = in.withdrawn;
  j["spam"] = in.spam;
  put_rate(j, "personalization_rate", in.personalization);
  put_rate(j, "reply_rate", in.reply);
  j["median_hours_to_reply"] =
      in.median_hours_to_reply ? ordered_json(std::round(*in.median_hours_to_reply * 10) / 10) : ordered_json(nullptr);
  return j;
}

ordered_json figures_json(const report::Figures& f)
{
  ordered_json j;
  const bool known = f.acceptance_known;
  j["incoming"] = incoming_json(f.incoming, known);
  const report::Outgoing& o = f.outgoing;
  ordered_json out;
  out["sent"] = o.sent;
  out["with_note"] = o.with_note;
  out["without_note"] = o.without_note;
  out["accepted"] = known_count(o.accepted, known);
  out["accepted_with_note"] = known_count(o.accepted_with_note, known);
  out["accepted_without_note"] = known_count(o.accepted_without_note, known);
  out["templated"] = o.templated;
  out["handwritten"] = o.handwritten;
  out["accepted_templated"] = known_count(o.accepted_templated, known);
  out["accepted_handwritten"] = known_count(o.accepted_handwritten, known);
  put_known_rate(out, "acceptance_rate", o.acceptance, known);
  put_known_rate(out, "acceptance_with_note", o.with_note_rate, known);
  put_known_rate(out, "acceptance_without_note", o.without_note_rate, known);
  put_known_rate(out, "acceptance_templated", o.templated_rate, known);
  put_known_rate(out, "acceptance_handwritten", o.handwritten_rate, known);
  out["notes_make_a_difference"] = known ? ordered_json(o.notes_differ) : ordered_json(nullptr);
  out["handwriting_makes_a_difference"] = known ? ordered_json(o.handwriting_differs) : ordered_json(nullptr);
  j["outgoing"] = out;
  ordered_json w;
  w["sent"] = f.welcome.sent;
  w["replied"] = f.welcome.replied;
  put_rate(w, "reply_rate", f.welcome.reply);
  j["welcome"] = w;
  j["time"] = {{"asks", f.time.asks}, {"minutes", f.time.minutes}, {"minutes_saved_by_strict", f.time.minutes}};
  return j;
}

ordered_json report_to_json(const report::Report& r)
{
  ordered_json j;
  j["period"] = {{"since", r.period.since.empty() ? ordered_json(nullptr) : ordered_json(r.period.since)},
                 {"until", r.period.until.empty() ? ordered_json(nullptr) : ordered_json(r.period.until)}};
  const ordered_json figures = figures_json(r.figures);
  for (auto it = figures.begin(); it != figures.end(); ++it) j[it.key()] = it.value();
  ordered_json series = ordered_json::array();
  for (const auto& p : r.series) {
    ordered_json point;
    point["period"] = p.period;
    const ordered_json incoming = incoming_json(p.figures.incoming, p.figures.acceptance_known);
    for (auto it = incoming.begin(); it != incoming.end(); ++it) point[it.key()] = it.value();
    point["outgoing_sent"] = p.figures.outgoing.sent;
    point["outgoing_accepted"] = known_count(p.figures.outgoing.accepted, p.figures.acceptance_known);
    series.push_back(point);
  }
  j["series"] = series;
  return j;
}

nlohmann::json person_json(const store::PersonView& p)
{
  return {{"id", p.id},
          {"name", p.name},
          {"slug", p.slug.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.slug)},
          {"notes", p.notes}};
}

nlohmann::json labels_to_json(const ClassifySummary& summary)
{
  nlohmann::json j{{"notes", summary.notes}, {"campaigns", summary.campaigns}};
  for (const auto l : classify::all_labels)
    j["by_label"][std::string(classify::label_name(l))] = summary.by_label[static_cast<std::size_t>(l)];
  return j;
}

// One file of a snapshot, as the summary kept in the store has it.
nlohmann::json file_to_json(const FileReport& f)
{
  return {{"file", f.name}, {"kind", f.kind},   {"rows", f.rows},
          {"new", f.added}, {"known", f.known}, {"skipped", f.skipped}};
}

nlohmann::json import_to_json(const ImportReport& report)
{
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : report.files) {
    nlohmann::json j = file_to_json(f);
    if (!f.note.empty()) j["note"] = f.note;
    if (f.unchanged_since) j["unchanged_since"] = datetime::format_iso(*f.unchanged_since);
    files.push_back(std::move(j));
  }
  return {{"owner", report.owner},
          {"people_added", report.people_added},
          {"files", files},
          {"labels", labels_to_json(report.labels)}};
}

nlohmann::json chats_to_json(const MailChatsReport& chats)
{
  return {{"read", chats.read}, {"new", chats.added}, {"known", chats.known}, {"matched", chats.matched}};
}

nlohmann::json acceptances_to_json(const MailAcceptancesReport& a)
{
  return {{"read", a.read},
          {"invitations_accepted", a.accepted},
          {"connections_without_invitation", a.without_invitation},
          {"known", a.known}};
}

nlohmann::json mail_to_json(const MailImportReport& report)
{
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : report.warnings) warnings.push_back({{"where", w.where}, {"reason", w.reason}});
  return {{"messages", report.messages},
          {"invitations", report.invitations},
          {"new", report.added},
          {"known", report.known},
          {"matched", report.matched},
          {"chats", chats_to_json(report.chats)},
          {"acceptances", acceptances_to_json(report.acceptances)},
          {"skipped", report.skipped},
          {"warnings", warnings},
          {"people_added", report.people_added},
          {"labels", labels_to_json(report.labels)}};
}

} // namespace

std::vector<std::string> reasons_shown(const store::InvitationView& v)
{
  return v.label_by_user ? std::vector<std::string>{"labelled by you"} : v.reasons;
}

std::string_view label_word(const store::InvitationView& v)
{
  return v.label ? classify::label_name(*v.label) : std::string_view();
}

std::string invitations_json(const std::vector<InvitationStatus>& list, int indent, std::string_view language)
{
  nlohmann::json array = nlohmann::json::array();
  for (const auto& v : list) array.push_back(to_json(v, language));
  return array.dump(indent);
}

std::string invitation_json(const InvitationStatus& status, int indent, std::string_view language)
{
  return to_json(status, language).dump(indent);
}

std::string report_json(const report::Report& report, int indent)
{
  return report_to_json(report).dump(indent);
}

std::string comparison_json(const Comparison& comparison, std::string_view language, int indent)
{
  ordered_json periods = ordered_json::array();
  for (const auto& [name, r] : comparison.periods)
    periods.push_back(ordered_json{{"period", name}, {"report", report_to_json(r)}});
  return ordered_json{{"periods", periods},
                      {"personalization_differs", comparison.personalization_differs},
                      {"verdict", comparison_verdict(comparison, language)}}
      .dump(indent);
}

std::string people_json(const std::vector<store::PersonView>& people, int indent)
{
  nlohmann::json array = nlohmann::json::array();
  for (const auto& p : people) array.push_back(person_json(p));
  return array.dump(indent);
}

std::string ask_json(const Asked& asked, int indent)
{
  return nlohmann::json{{"id", asked.invitation.id},
                        {"to", asked.invitation.from},
                        {"language", asked.ask.language},
                        {"message", asked.ask.text},
                        {"recorded", asked.recorded}}
      .dump(indent);
}

std::string messages_json(const std::vector<store::MessageView>& messages, int indent)
{
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages)
    out.push_back({{"at", datetime::format_iso(m.at)}, {"from_me", m.from_owner}, {"content", m.content}});
  return out.dump(indent);
}

std::string invitation_detail_json(const InvitationDetail& d, int indent, std::string_view language)
{
  nlohmann::json j = to_json(d.status, language);
  j["messages"] = nlohmann::json::parse(messages_json(d.messages, -1));
  nlohmann::json recorded = nlohmann::json::array();
  for (const auto& r : d.recorded)
    recorded.push_back({{"kind", store::to_string(r.kind)}, {"at", datetime::format_iso(r.at)}, {"text", r.text}});
  j["recorded"] = recorded;
  j["notes"] = d.person ? d.person->notes : std::vector<std::string>();
  return j.dump(indent);
}

std::string undo_json(const store::UndoneAction& u, const InvitationStatus& now, int indent, std::string_view language)
{
  const auto decision = [](const std::optional<protocol::Decision>& d) {
    return d ? nlohmann::json(protocol::decision_name(*d)) : nlohmann::json(nullptr);
  };
  const bool decided = u.kind == store::ActionKind::decision;
  nlohmann::json undone{{"kind", store::to_string(u.kind)},
                        {"at", datetime::format_iso(u.at)},
                        {"decision", decision(u.decision)},
                        {"restored", decision(u.restored)},
                        {"text", decided ? nlohmann::json(nullptr) : nlohmann::json(u.text)}};
  return nlohmann::json{{"undone", undone}, {"invitation", to_json(now, language)}}.dump(indent);
}

std::string bulk_decision_json(const BulkDecision& bulk, int indent, std::string_view language)
{
  nlohmann::json applied = nlohmann::json::array(), unchanged = nlohmann::json::array(),
                 refused = nlohmann::json::array();
  for (const auto& v : bulk.applied)
    applied.push_back(
        {{"id", v.id},
         {"from", v.from},
         {"was", v.decision ? nlohmann::json(protocol::decision_name(*v.decision)) : nlohmann::json(nullptr)}});
  for (const auto& v : bulk.unchanged) unchanged.push_back({{"id", v.id}, {"from", v.from}});
  for (const auto& r : bulk.refused)
    refused.push_back({{"id", r.invitation.id},
                       {"from", r.invitation.from},
                       {"reason", r.why.in(language.empty() ? "en" : language)}});
  return nlohmann::json{{"decision", protocol::decision_name(bulk.decision)},
                        {"applied", applied},
                        {"unchanged", unchanged},
                        {"refused", refused}}
      .dump(indent);
}

std::string team_report_json(const TeamReport& team, int indent)
{
  // Keys in order of name (nlohmann::json), as this answer has always had them; the single report keeps its own order.
  nlohmann::json users = nlohmann::json::array();
  for (const auto& [u, r] : team.users)
    users.push_back(
        {{"user", u.name}, {"role", store::to_string(u.role)}, {"report", nlohmann::json(report_to_json(r))}});
  return nlohmann::json{{"users", users}, {"team", nlohmann::json(report_to_json(team.team))}}.dump(indent);
}

std::string note_json(PersonId person, const std::string& note, int indent)
{
  return nlohmann::json{{"person", person}, {"note", note}}.dump(indent);
}

std::string forget_json(std::optional<PersonId> id, const std::string& name, bool dry_run, const store::ForgetCounts& c,
                        int indent)
{
  return nlohmann::json{
      {"person", {{"id", id ? nlohmann::json(*id) : nlohmann::json(nullptr)}, {"name", name}}},
      {"dry_run", dry_run},
      {"invitations", c.invitations},
      {"asks", c.asks},
      {"messages", c.messages},
      {"group_messages", c.group_messages},
      {"connections", c.connections},
      {"welcomes", c.welcomes},
      {"notes", c.notes},
      // false: forgotten, but the files not yet rewritten (exit status 3, the warning says why)
      {"compacted", dry_run ? nlohmann::json(nullptr) : nlohmann::json(c.compaction == store::Compaction::done)}}
      .dump(indent);
}

std::string import_json(const ImportReport* snapshot, const MailImportReport* mail, int indent)
{
  nlohmann::json j = snapshot ? import_to_json(*snapshot) : nlohmann::json::object();
  if (mail) j["mail"] = mail_to_json(*mail);
  return j.dump(indent);
}

std::string mail_import_json(const MailImportReport& report, int indent)
{
  return mail_to_json(report).dump(indent);
}

std::string sync_json(const SyncReport& r, int indent)
{
  nlohmann::json j{{"snapshot", r.snapshot},
                   {"events", r.events},
                   {"messages", r.messages},
                   {"unknown_conversation", r.unknown_conversation},
                   {"group_conversation", r.group_conversation}};
  if (r.snapshot) {
    j["why"] = r.why;
    j["profile"] = r.profile;
  }
  j["stored"] = r.rows ? import_to_json(*r.rows) : nlohmann::json(nullptr);
  return j.dump(indent);
}

std::string labels_json(const ClassifySummary& summary, int indent)
{
  nlohmann::json j = labels_to_json(summary);
  j["taught"] = {{"like_corrected", summary.like_corrected}, {"by_model", summary.by_model}};
  return j.dump(indent);
}

std::string import_summary_json(const ImportReport& report)
{
  nlohmann::json files = nlohmann::json::array();
  for (const FileReport& f : report.files) files.push_back(file_to_json(f));
  return nlohmann::json{{"files", files}, {"people_added", report.people_added}}.dump();
}

std::string mail_summary_json(const MailImportReport& report)
{
  // The full report's counts, with the warnings counted rather than listed, and without the labels.
  nlohmann::json mail = mail_to_json(report);
  mail["warnings"] = report.warnings.size();
  mail.erase("people_added");
  mail.erase("labels");
  return nlohmann::json{{"mail", std::move(mail)}, {"people_added", report.people_added}}.dump();
}

std::string compose_json(const std::string& to, const std::string& note, std::size_t length, std::size_t limit,
                         int indent)
{
  return nlohmann::json{{"to", to}, {"note", note}, {"length", length}, {"limit", limit}, {"fits", length <= limit}}
      .dump(indent);
}

std::string welcomes_json(const std::vector<WelcomeMessage>& welcomes, int indent)
{
  nlohmann::json array = nlohmann::json::array();
  for (const auto& [w, recorded, message] : welcomes)
    array.push_back({{"connection", w.connection.id},
                     {"name", w.connection.name},
                     {"connected_on", w.connection.connected_on},
                     {"welcomed", w.welcome.welcomed_at.has_value() || recorded},
                     {"replied", w.welcome.replied_at.has_value()},
                     {"message", message}});
  return array.dump(indent);
}

std::string status_json(const store::Counts& c, const std::vector<store::Account>& accounts,
                        const std::string& location, int indent)
{
  nlohmann::json owners = nlohmann::json::array();
  for (const auto& a : accounts)
    owners.push_back({{"name", a.name},
                      {"imports", a.imports},
                      {"user", a.user ? nlohmann::json(*a.user) : nlohmann::json(nullptr)}});
  nlohmann::json j{{"invitations", {{"incoming", c.incoming}, {"outgoing", c.outgoing}}},
                   {"messages", c.messages},
                   {"drafts", c.drafts},
                   {"connections", c.connections},
                   {"people", c.people},
                   {"imports", c.imports},
                   {"acceptance_known", c.acceptance_known},
                   {"owners", owners},
                   {"database", location}};
  if (c.owner) j["owner"] = *c.owner;
  if (c.last_import_at) j["last_import"] = datetime::format_iso(*c.last_import_at);
  return j.dump(indent);
}

std::string policy_json(const protocol::Policy& p, std::int64_t deadline_days, int indent)
{
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : p.rules)
    rules.push_back({{"suggest", protocol::suggestion_name(r.suggest)}, {"from", r.origin}});
  return nlohmann::json{{"policy", p.name}, {"deadline_days", deadline_days}, {"rules", rules}}.dump(indent);
}

std::string migration_json(const std::string& location, const store::SchemaStatus& before, bool dry_run, int indent)
{
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& m : before.pending)
    steps.push_back({{"version", m.version}, {"description", m.description}, {"sql", m.sql}});
  return nlohmann::json{{"database", location},
                        {"current", before.current},
                        {"latest", before.latest},
                        {"dry_run", dry_run},
                        {dry_run ? "pending" : "applied", steps}}
      .dump(indent);
}

std::string users_json(const std::vector<store::User>& users, int indent)
{
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : users)
    out.push_back(
        {{"name", u.name}, {"role", store::to_string(u.role)}, {"created", datetime::format_iso(u.created_at)}});
  return out.dump(indent);
}

std::string me_json(const std::string& name, bool admin, bool team, int indent)
{
  // What the server lets this caller do (docs/WEB.md, "Who sees what"): everyone decides, keeps notes on the people
  // of their own invitations and imports their own exports; searching people is for admins in a shared store; the
  // team's numbers are there only in one.
  const nlohmann::json can{
      {"decide", true}, {"notes", true}, {"import", true}, {"people", admin || !team}, {"team_report", team}};
  return nlohmann::json{{"name", name}, {"role", admin ? "admin" : "member"}, {"team", team}, {"can", can}}.dump(
      indent);
}

std::string live_json(const std::string& version, bool changed, const Arrivals& arrived, int indent)
{
  const nlohmann::json counts{
      {"invitations", arrived.invitations}, {"replies", arrived.replies}, {"messages", arrived.messages}};
  return nlohmann::json{{"version", version}, {"changed", changed}, {"new", counts}}.dump(indent);
}

std::string stale_json(const std::string& message, const InvitationStatus& now, std::string_view language)
{
  return nlohmann::json{{"error", message}, {"status", 409}, {"code", "stale"}, {"invitation", to_json(now, language)}}
      .dump();
}

std::string error_json(const std::string& message, int status)
{
  return nlohmann::json{{"error", message}, {"status", status}}.dump();
}

std::string cli_error_json(const std::string& message)
{
  return nlohmann::json{{"error", message}}.dump();
}

} // namespace motivo::app
