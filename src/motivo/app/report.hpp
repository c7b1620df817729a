#pragma once

#include <motivo/app/protocol.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/report/report.hpp>
#include <motivo/store/store.hpp>

#include <string>
#include <string_view>

namespace motivo::app {

// The period between two days as typed (YYYY-MM-DD, inclusive; "" leaves that end open). Refusal (invalid) when a
// day is not such a date or the last is before the first; the messages call the two ends `since_name` and
// `until_name` (the command line's --since and --until, the API's since and until).
report::Period parse_period(const std::string& since, const std::string& until, std::string_view since_name,
                            std::string_view until_name);
// A series by "week" or "month" (--by, ?by=); anything else is none.
report::Step report_step(std::string_view by);

// What every report of one request is computed from, gathered once: each stored invitation's state (under a
// policy, at a time), asks and replies from the data, outgoing acceptance from the import's outcomes (the invitee
// became a connection: matched by profile slug, else by normalised name), welcomes from connections and messages.
struct ReportInput {
  std::vector<report::Row> rows;
  std::vector<report::WelcomeRow> welcomes;
  double minutes_per_ask = 0;
};
// With `user` (team mode): that user's invitations, and the welcomes of the exports' owners they imported.
ReportInput report_input(store::Store& store, const std::vector<InvitationStatus>& statuses,
                         const protocol::Config& config, std::optional<std::int64_t> user = std::nullopt);
ReportInput report_input(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                         datetime::UnixSeconds now, std::optional<std::int64_t> user = std::nullopt);

// The team's numbers (team mode): each user's report over their own invitations, and the whole store's. Numbers
// only: no note, name or message of anyone's invitations.
struct TeamReport {
  std::vector<std::pair<store::User, report::Report>> users;
  report::Report team;
};
TeamReport team_report(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                       datetime::UnixSeconds now, const report::Period& period);

report::Report make_report(const ReportInput& input, const report::Period& period, report::Step step);
// Periods side by side (report --compare), each as typed with its report, and whether their personalisation
// rates differ (by the 95 % intervals; between the first two).
struct Comparison {
  std::vector<std::pair<std::string, report::Report>> periods;
  bool personalization_differs = false;
};
// Refusal (invalid) when a period is not like 2013-11, 2013 or 2013-11-01..2013-11-15, or fewer than two are given.
Comparison compare_periods(const ReportInput& input, const std::vector<std::string>& periods, report::Step step);
// The comparison's conclusion, as the terminal, the JSON and the HTML say it, in `language` (es or en).
std::string comparison_verdict(const Comparison& comparison, std::string_view language);

// For charts: by week, or by month when the invitations span more than half a year of weeks.
report::Report charted_report(const ReportInput& input, const report::Period& period);

} // namespace motivo::app
