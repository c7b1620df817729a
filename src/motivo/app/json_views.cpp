#include <motivo/app/json_views.hpp>
#include <motivo/core/datetime.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace motivo::app {

namespace {

nlohmann::json to_json(const app::InvitationStatus& status)
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
                   {"outcome", v.outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.outcome)}};
  j["outcome_at"] = v.outcome_at ? nlohmann::json(datetime::format_iso(*v.outcome_at)) : nlohmann::json(nullptr);
  j["label"] = v.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.label);
  j["label_source"] = v.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.label_by_user ? "user" : "motivo");
  j["language"] = v.language.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.language);
  j["confidence"] = v.confidence ? nlohmann::json(std::round(*v.confidence * 100) / 100) : nlohmann::json(nullptr);
  j["reasons"] = v.reasons;
  j["campaign"] = v.campaign ? nlohmann::json(*v.campaign) : nlohmann::json(nullptr);
  const auto time_or_null = [](const std::optional<datetime::UnixSeconds>& t) {
    return t ? nlohmann::json(datetime::format_iso(*t)) : nlohmann::json(nullptr);
  };
  j["state"] = protocol::state_name(e.state);
  j["suggestion"] = protocol::suggestion_name(e.suggestion);
  j["suggestion_reason"] = e.why;
  j["asked"] = e.timeline.asked_at.has_value();
  j["replied"] = e.timeline.replied_at.has_value();
  j["asked_at"] = time_or_null(e.timeline.asked_at);
  j["replied_at"] = time_or_null(e.timeline.replied_at);
  j["deadline"] = time_or_null(e.deadline);
  j["decision"] = v.decision.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.decision);
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

ordered_json incoming_json(const report::Incoming& in)
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
  j["accepted"] = in.accepted;
  j["declined"] = in.declined;
  j["pending"] = in.pending;
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
  j["incoming"] = incoming_json(f.incoming);
  const report::Outgoing& o = f.outgoing;
  ordered_json out;
  out["sent"] = o.sent;
  out["with_note"] = o.with_note;
  out["without_note"] = o.without_note;
  out["accepted"] = o.accepted;
  out["accepted_with_note"] = o.accepted_with_note;
  out["accepted_without_note"] = o.accepted_without_note;
  out["templated"] = o.templated;
  out["handwritten"] = o.handwritten;
  out["accepted_templated"] = o.accepted_templated;
  out["accepted_handwritten"] = o.accepted_handwritten;
  put_rate(out, "acceptance_rate", o.acceptance);
  put_rate(out, "acceptance_with_note", o.with_note_rate);
  put_rate(out, "acceptance_without_note", o.without_note_rate);
  put_rate(out, "acceptance_templated", o.templated_rate);
  put_rate(out, "acceptance_handwritten", o.handwritten_rate);
  out["notes_make_a_difference"] = o.notes_differ;
  out["handwriting_makes_a_difference"] = o.handwriting_differs;
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
    const ordered_json incoming = incoming_json(p.figures.incoming);
    for (auto it = incoming.begin(); it != incoming.end(); ++it) point[it.key()] = it.value();
    point["outgoing_sent"] = p.figures.outgoing.sent;
    point["outgoing_accepted"] = p.figures.outgoing.accepted;
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

} // namespace

std::string invitations_json(const std::vector<InvitationStatus>& list, int indent)
{
  nlohmann::json array = nlohmann::json::array();
  for (const auto& v : list) array.push_back(to_json(v));
  return array.dump(indent);
}

std::string invitation_json(const InvitationStatus& status, int indent)
{
  return to_json(status).dump(indent);
}

std::string report_json(const report::Report& report, int indent)
{
  return report_to_json(report).dump(indent);
}

std::string reports_json(const std::vector<report::Report>& reports, int indent)
{
  ordered_json j = ordered_json::array();
  for (const auto& r : reports) j.push_back(report_to_json(r));
  return j.dump(indent);
}

std::string people_json(const std::vector<store::PersonView>& people, int indent)
{
  nlohmann::json array = nlohmann::json::array();
  for (const auto& p : people) array.push_back(person_json(p));
  return array.dump(indent);
}

} // namespace motivo::app
