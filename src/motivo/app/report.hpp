#pragma once

#include <motivo/app/protocol.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/report/report.hpp>
#include <motivo/store/store.hpp>

namespace motivo::app {

// What every report of one request is computed from, gathered once: each stored invitation's state (under a
// policy, at a time), asks and replies from the data, outgoing acceptance from the import's outcomes (the invitee
// became a connection: matched by profile slug, else by normalised name), welcomes from connections and messages.
struct ReportInput {
  std::vector<report::Row> rows;
  std::vector<report::WelcomeRow> welcomes;
  double minutes_per_ask = 0;
};
ReportInput report_input(store::Store& store, const std::vector<InvitationStatus>& statuses,
                         const protocol::Config& config);
ReportInput report_input(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                         datetime::UnixSeconds now);

report::Report make_report(const ReportInput& input, const report::Period& period, report::Step step);
// For charts: by week, or by month when the invitations span more than half a year of weeks.
report::Report charted_report(const ReportInput& input, const report::Period& period);

} // namespace motivo::app
