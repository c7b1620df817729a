#include <motivo/app/json_views.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/server/view_cache.hpp>

namespace motivo::server {

ViewCache::Views& ViewCache::fresh(store::Store& store, app::Scope scope, datetime::UnixSeconds now)
{
  Views& views = by_scope_[scope.value_or(-1)];
  std::int64_t version = store.data_version();
  const std::int64_t minute = now / 60;
  if (version != views.version) {
    // What another program's write or an upgrade left stale is computed and kept first, a batch at a time, so that
    // the statuses read kept timelines instead of every conversation (a store that cannot be written: as they read).
    try {
      if (app::refresh_timelines(store) > 0) version = store.data_version();
    } catch (const std::exception&) {
    }
  }
  if (version != views.version || minute != views.minute) {
    views.reports.clear();
    views.input.reset();
    views.version = version;
    views.minute = minute;
  }
  return views;
}

const app::ReportInput& ViewCache::report_input(store::Store& store, app::Scope scope, Views& views,
                                                datetime::UnixSeconds now)
{
  if (!views.input) views.input = app::report_input(store, policy_, config_, now, scope);
  return *views.input;
}

void ViewCache::refresh(store::Store& store, app::Scope scope, datetime::UnixSeconds now)
{
  const std::lock_guard lock(mutex_);
  fresh(store, scope, now);
}

std::string ViewCache::report_json(store::Store& store, app::Scope scope, const report::Period& period,
                                   const std::string& by, datetime::UnixSeconds now)
{
  const std::lock_guard lock(mutex_);
  Views& views = fresh(store, scope, now);
  const std::string key = period.since + "|" + period.until + "|" + by;
  auto it = views.reports.find(key);
  if (it == views.reports.end()) {
    const report::Report r = app::make_report(report_input(store, scope, views, now), period, app::report_step(by));
    it = views.reports.emplace(key, app::report_json(r, -1)).first;
  }
  return it->second;
}

report::Report ViewCache::charted_report(store::Store& store, app::Scope scope, const report::Period& period,
                                         datetime::UnixSeconds now)
{
  const std::lock_guard lock(mutex_);
  return app::charted_report(report_input(store, scope, fresh(store, scope, now), now), period);
}

} // namespace motivo::server
