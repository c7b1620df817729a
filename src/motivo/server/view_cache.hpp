#pragma once

#include <motivo/app/arrivals.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/report.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/report/report.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace motivo::server {

// Derived views kept while the data and the minute stay the same, one set per scope (a member's invitations, or
// everyone's): the queue and the reports are computed once, not on every request (docs/PERFORMANCE.md). Safe to
// call from several threads (one at a time inside).
class ViewCache {
public:
  ViewCache(const protocol::Config& config, const protocol::Policy& policy) : config_(config), policy_(policy) {}

  // The invitations of `scope` that `filter` selects, newest first.
  std::vector<app::InvitationStatus> invitations(store::Store& store, app::Scope scope,
                                                 const app::InvitationFilter& filter, datetime::UnixSeconds now);
  // The report of `scope` for `period`, as app::report_json writes it (a series by `by`: week or month).
  std::string report_json(store::Store& store, app::Scope scope, const report::Period& period, const std::string& by,
                          datetime::UnixSeconds now);
  // What arrived in `scope` after `from` up to `to` (app::arrivals_between over the scope's invitations).
  app::Arrivals arrivals(store::Store& store, app::Scope scope, const store::ArrivalMarks& from,
                         const store::ArrivalMarks& to, datetime::UnixSeconds now);
  // The report with a series for charts (app::charted_report).
  report::Report charted_report(store::Store& store, app::Scope scope, const report::Period& period,
                                datetime::UnixSeconds now);

private:
  struct Views {
    std::int64_t version = -1, minute = -1;
    std::vector<app::InvitationStatus> all;
    std::map<std::string, std::string> reports;
    std::optional<app::ReportInput> input; // built from `all` on the first report request
  };
  // The scope's views, computed again when stale; the caller holds mutex_.
  Views& fresh(store::Store& store, app::Scope scope, datetime::UnixSeconds now);
  const app::ReportInput& report_input(store::Store& store, app::Scope scope, Views& views);

  const protocol::Config& config_;
  const protocol::Policy& policy_;
  std::mutex mutex_;
  std::map<std::int64_t, Views> by_scope_;
};

} // namespace motivo::server
