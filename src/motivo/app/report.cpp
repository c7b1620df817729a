#include <motivo/app/protocol.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/app/report.hpp>
#include <motivo/app/welcome.hpp>

#include <fmt/format.h>

#include <set>

namespace motivo::app {

report::Period parse_period(const std::string& since, const std::string& until, std::string_view since_name,
                            std::string_view until_name)
{
  for (const auto& [day, name] : {std::pair{&since, since_name}, std::pair{&until, until_name}}) {
    if (!day->empty() && !(day->size() == 10 && datetime::parse_iso(*day)))
      throw Refusal(Refusal::Kind::invalid,
                    Message(N_("{} must be a date like 2013-11-01 ({})"), name, quote_value(*day)));
  }
  if (!since.empty() && !until.empty() && until < since)
    throw Refusal(Refusal::Kind::invalid,
                  fmt::format("{} ({}) is before {} ({})", until_name, until, since_name, since));
  return {since, until};
}

report::Step report_step(std::string_view by)
{
  return by == "week" ? report::Step::week : by == "month" ? report::Step::month : report::Step::none;
}

ReportInput report_input(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                         datetime::UnixSeconds now, std::optional<std::int64_t> user)
{
  store::InvitationQuery query;
  query.user = user;
  return report_input(store, invitation_statuses(store, query, policy, config, now), config, user);
}

TeamReport team_report(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                       datetime::UnixSeconds now, const report::Period& period)
{
  TeamReport out;
  for (store::User& u : store.users()) {
    const ReportInput input = report_input(store, policy, config, now, u.id);
    out.users.emplace_back(std::move(u), make_report(input, period, report::Step::none));
  }
  out.team = make_report(report_input(store, policy, config, now), period, report::Step::none);
  return out;
}

ReportInput report_input(store::Store& store, const std::vector<InvitationStatus>& statuses,
                         const protocol::Config& config, std::optional<std::int64_t> user)
{
  std::set<PersonId> owners; // with a user: the owners of their exports
  for (const auto& st : statuses) owners.insert(st.invitation.owner);
  const std::set<PersonId> known = owners_with_connections(store);
  ReportInput input;
  input.minutes_per_ask = static_cast<double>(config.minutes_per_ask);
  std::vector<report::Row>& rows = input.rows;
  for (const auto& st : statuses) {
    const store::InvitationView& v = st.invitation;
    report::Row r;
    r.direction = v.direction;
    r.sent_at = v.sent_at;
    r.label = v.label.value_or(classify::Label::empty);
    r.state = st.evaluation.state;
    r.asked_at = st.evaluation.timeline.asked_at;
    r.replied_at = st.evaluation.timeline.replied_at;
    r.has_note = r.label != classify::Label::empty;
    r.acceptance_known = known.count(v.owner) > 0;
    r.templated =
        v.campaign.has_value() || r.label == classify::Label::template_text || r.label == classify::Label::default_text;
    rows.push_back(r);
  }
  std::vector<report::WelcomeRow>& welcomes = input.welcomes;
  for (const Welcomed& c : app::welcomes(store, -1)) {
    if (user && !owners.count(c.connection.owner)) continue;
    report::WelcomeRow w;
    if (c.connection.connected_at)
      w.connected_at = *c.connection.connected_at;
    else if (const auto day = datetime::parse_iso(c.connection.connected_on))
      w.connected_at = *day;
    else
      continue;
    w.welcomed = c.welcome.welcomed_at.has_value();
    w.replied = c.welcome.replied_at.has_value();
    welcomes.push_back(w);
  }
  return input;
}

report::Report make_report(const ReportInput& input, const report::Period& period, report::Step step)
{
  return report::build(input.rows, input.welcomes, period, step, input.minutes_per_ask);
}

report::Report charted_report(const ReportInput& input, const report::Period& period)
{
  report::Report r = make_report(input, period, report::Step::week);
  if (r.series.size() > 26) r = make_report(input, period, report::Step::month);
  return r;
}

} // namespace motivo::app
