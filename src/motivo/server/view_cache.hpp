#pragma once

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
// everyone's): the reports are computed once, not on every request (docs/PERFORMANCE.md). Safe to
// call from several threads (one at a time inside).
class ViewCache {
public:
  ViewCache(const protocol::Config& config, const protocol::Policy& policy) : config_(config), policy_(policy) {}

  // What another program's write or an upgrade left stale, computed and kept (as before any view of `scope`), so
  // that a list read next reads kept timelines; the views are emptied when the data changed.
  void refresh(store::Store& store, app::Scope scope, datetime::UnixSeconds now);
  // The report of `scope` for `period`, as app::report_json writes it (a series by `by`: week or month).
  std::string report_json(store::Store& store, app::Scope scope, const report::Period& period, const std::string& by,
                          datetime::UnixSeconds now);
  // The report with a series for charts (app::charted_report).
  report::Report charted_report(store::Store& store, app::Scope scope, const report::Period& period,
                                datetime::UnixSeconds now);

private:
  // Each view is computed on its first request after a change of data or minute. The report's input comes from
  // the store's kept counts (app::report_input), so a report never loads every invitation's state; lists are not
  // kept here (read by keys, a page at a time: routes_invitations.cpp).
  struct Views {
    std::int64_t version = -1, minute = -1;
    std::map<std::string, std::string> reports;
    std::optional<app::ReportInput> input;
  };
  // The scope's views, emptied when the data or the minute changed; the caller holds mutex_.
  Views& fresh(store::Store& store, app::Scope scope, datetime::UnixSeconds now);
  const app::ReportInput& report_input(store::Store& store, app::Scope scope, Views& views, datetime::UnixSeconds now);

  const protocol::Config& config_;
  const protocol::Policy& policy_;
  std::mutex mutex_;
  std::map<std::int64_t, Views> by_scope_;
};

} // namespace motivo::server
