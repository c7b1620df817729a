#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace motivo::store::sql {

// The invitations counted for reports, kept (issue 23, migration 17): `invitation_summary` holds, for each owner and
// UTC day of sending, how many invitations share a direction, effective label, decision, outcome, campaign or not,
// kept timeline (asked, replied), the day of an ask not replied to and the exact seconds from an ask to its reply.
// Triggers on `invitations` (one on insert, one on delete, one on an update of a counted column) mark the owner's
// day in `stale_summary` in the writing statement's own transaction, whatever the write; refresh_invitation_summary
// counts the marked days again by the one grouping below. The deadline is not kept: whether an ask is past it
// depends on the time of reading, so a report reads the asks of the one day that holds the deadline's edge from the
// invitations themselves (an index of unreplied asks) and every other day from the summary.

// The statements that count again every marked day of `stale_summary` and clear the marks (migration 17 runs them
// once, after marking every day).
std::string summary_refresh_sql();
// Counts again every marked day of `stale_summary` and clears the marks, inside the caller's transaction. Returns
// how many days were counted.
std::int64_t refresh_invitation_summary(Connection& c);
// Store::tally_invitations inside the caller's read: the days kept from the summary, the unreplied asks of the
// deadline's edge and the days still marked (a store opened for reading only, after a write) from the invitations.
InvitationTallies tally_invitations(Connection& c, std::optional<std::int64_t> user,
                                    datetime::UnixSeconds asked_before);

// How many invitations are received and how many sent, inside the caller's read: the kept days from the summary,
// the days still marked from the invitations.
std::pair<std::int64_t, std::int64_t> count_invitations(Connection& c);

} // namespace motivo::store::sql
