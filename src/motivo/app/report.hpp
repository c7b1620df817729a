#pragma once

#include <motivo/core/protocol/config.hpp>
#include <motivo/core/report/report.hpp>
#include <motivo/store/store.hpp>

namespace motivo::app {

// The report over the stored invitations: each one's state under `policy` at `now`, asks and replies from the
// data, outgoing acceptance from the import's outcomes (the invitee became a connection: matched by profile slug,
// else by normalised name), welcomes from the connections and messages.
report::Report make_report(store::Store& store, const protocol::Policy& policy, const protocol::Config& config,
                           datetime::UnixSeconds now, const report::Period& period, report::Step step);

} // namespace motivo::app
