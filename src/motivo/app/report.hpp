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
// For charts: by week, or by month when the invitations span more than half a year of weeks.
report::Report charted_report(const ReportInput& input, const report::Period& period);

} // namespace motivo::app
