#include <motivo/app/protocol.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/app/report.hpp>
#include <motivo/app/welcome.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>

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

namespace {

// Invitations read per page when a report cannot use the kept counts (paged_input).
constexpr std::int64_t report_page = 2000;

// The welcomes of the connections made (of `owners`' accounts, with a user: the exports they imported), from the
// kept welcomes; those still stale (a store that cannot be written) computed by app's rule a batch at a time.
void add_welcomes(store::Store& store, std::optional<std::int64_t> user, const std::set<PersonId>& owners,
                  ReportInput& input)
{
  const store::WelcomeRule rule = welcome_rule();
  for (const store::WelcomeTally& t : store.tally_welcomes(&rule).tallies) {
    if (user && !owners.count(t.owner)) continue;
    report::WelcomeRow w;
    w.connected_at = t.day * 86400;
    w.welcomed = true;
    w.replied = t.replied;
    w.count = static_cast<std::size_t>(t.count);
    input.welcomes.push_back(w);
  }
}

// One report row for the invitations a tally counts: the state from core's rule, sent at the start of their day
// (periods and series are whole days), asked then and replied as many seconds later as the tally says.
report::Row row_of(const store::InvitationTally& t, const std::set<PersonId>& known)
{
  report::Row r;
  r.direction = t.direction;
  r.sent_at = t.day * 86400;
  r.label = t.label.value_or(classify::Label::empty);
  r.state = protocol::state_of(t.direction, t.decision, t.outcome, t.asked, t.replied, t.asked_before);
  if (t.asked) r.asked_at = r.sent_at;
  if (t.replied) r.replied_at = r.sent_at + (t.asked ? t.reply_seconds.value_or(0) : 0);
  r.has_note = r.label != classify::Label::empty;
  r.acceptance_known = known.count(t.owner) > 0;
  r.templated = t.in_campaign || r.label == classify::Label::template_text || r.label == classify::Label::default_text;
  r.count = static_cast<std::size_t>(t.count);
  return r;
}

// The report's input from the store's aggregate query over the kept timelines (issue 23); nullopt when some
// timeline could not be brought up to date first (a store opened for reading only, after a write).
std::optional<ReportInput> tallied_input(store::Store& store, const protocol::Config& config, datetime::UnixSeconds now,
                                         std::optional<std::int64_t> user)
{
  try {
    refresh_timelines(store);
  } catch (const std::exception&) { // read only: the tallies say whether anything is stale
  }
  // No reply by the deadline: now is past the ask plus the deadline, so the ask was before now minus it.
  const store::InvitationTallies tallies = store.tally_invitations(user, now - config.deadline_days * 86400);
  if (tallies.stale > 0) return std::nullopt;
  const std::set<PersonId> known = owners_with_connections(store);
  ReportInput input;
  input.minutes_per_ask = static_cast<double>(config.minutes_per_ask);
  std::set<PersonId> owners;
  for (const store::InvitationTally& t : tallies.tallies) {
    input.rows.push_back(row_of(t, known));
    owners.insert(t.owner);
  }
  add_welcomes(store, user, owners, input);
  return input;
}

// A report row for each invitation of `statuses`, its owner added to `owners`.
void add_rows(const std::vector<InvitationStatus>& statuses, const std::set<PersonId>& known,
              std::set<PersonId>& owners, ReportInput& input)
{
  for (const auto& st : statuses) {
    const store::InvitationView& v = st.invitation;
    owners.insert(v.owner);
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
    input.rows.push_back(r);
  }
}

// The report's input from every invitation's state, read a page of `report_page` invitations at a time (with their
// messages: invitation_statuses), when the kept counts cannot be used: some timeline stale in a store that cannot be
// written. Memory holds a page and one small row per invitation, never every invitation's view.
ReportInput paged_input(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                        datetime::UnixSeconds now, std::optional<std::int64_t> user)
{
  const std::set<PersonId> known = owners_with_connections(store);
  std::set<PersonId> owners; // with a user: the owners of their exports
  ReportInput input;
  input.minutes_per_ask = static_cast<double>(config.minutes_per_ask);
  store::InvitationQuery query;
  query.user = user;
  query.after_id = 0;
  query.limit = report_page;
  query.versions = false; // a report writes nothing
  for (;;) {
    const std::vector<InvitationStatus> page = invitation_statuses(store, query, policy, config, now);
    if (page.empty()) break;
    add_rows(page, known, owners, input);
    query.after_id = page.back().invitation.id;
  }
  add_welcomes(store, user, owners, input);
  return input;
}

} // namespace

ReportInput report_input(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                         datetime::UnixSeconds now, std::optional<std::int64_t> user)
{
  if (auto input = tallied_input(store, config, now, user)) return std::move(*input);
  return paged_input(store, policy, config, now, user);
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
  ReportInput input;
  input.minutes_per_ask = static_cast<double>(config.minutes_per_ask);
  add_rows(statuses, owners_with_connections(store), owners, input);
  add_welcomes(store, user, owners, input);
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

Comparison compare_periods(const ReportInput& input, const std::vector<std::string>& periods, report::Step step)
{
  if (periods.size() < 2)
    throw Refusal(Refusal::Kind::invalid, Message(N_("give two periods to compare, like 2013-10 2013-11")));
  Comparison out;
  for (const auto& text : periods) {
    const auto period = report::parse_period(text);
    if (!period)
      throw Refusal(Refusal::Kind::invalid,
                    Message(N_("not a period like 2013-11 or 2013-11-01..2013-11-15 ({})"), quote_value(text)));
    out.periods.emplace_back(text, make_report(input, *period, step));
  }
  out.personalization_differs = report::differ(out.periods[0].second.figures.incoming.personalization,
                                               out.periods[1].second.figures.incoming.personalization);
  return out;
}

std::string comparison_verdict(const Comparison& comparison, std::string_view language)
{
  const i18n::Catalog& c = i18n::Catalog::of(language);
  return std::string(
      comparison.personalization_differs
          ? c.gettext("The personalisation rate differs between the two periods (95 % intervals).")
          : c.gettext("The personalisation rate does not differ between the two periods: the rule, not an "
                      "exception."));
}

} // namespace motivo::app
