#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <string>

namespace motivo::store::sql {

// Each invitation's timeline kept in the store (issue 23, migration 13): columns of `invitations` written by
// refresh_stale_timelines, and the table `stale_timelines` of the invitations whose inputs changed since. Every
// write marks what it changes in its own transaction, so a timeline read back is never out of date: a stale one is
// read as absent (InvitationView::timeline) and computed from the messages as before.

// Marks stale the invitations `select` gives (SQL returning invitation ids, with ?1 bound to `value`).
void mark_timelines_stale(Connection& c, const std::string& select, std::int64_t value);
// At the end of import `import_id` of `owner`'s data: marks stale the owner's invitations whose timeline's inputs it
// may have changed. All of them while no earlier import listed the owner's connections (acceptance unknown then,
// the messages' and the notes' texts count, or it becomes known now); else those never computed, those whose sent
// time, other person or acceptance time differ from the ones their timeline was computed with, and those of the
// people with a message this import stored (its rows, whose ids are all above `messages_before`, the highest id when
// it began: a range of the table, not a lookup per invitation).
void mark_changed_timelines(Connection& c, PersonId owner, std::int64_t import_id, std::int64_t messages_before);
// After connections of `owner` were removed (forgetting a person): when nothing else tells their acceptances any
// more (owners_with_connections), marks every one of the owner's invitations stale.
void mark_unknown_acceptances(Connection& c, PersonId owner);
// Marks stale invitation `id`.
void mark_timeline_stale(Connection& c, std::int64_t id);
// Invitations computed per round of a refresh (at most): a batch's views and messages are what it holds in memory.
constexpr std::int64_t timeline_batch_size = 2000;
// Computes every stale invitation's timeline by `rule` and stores it, a batch of invitations at a time (memory
// bounded by a batch), inside the caller's transaction; with `most` (not negative), only the `most` lowest ids (a
// refresh in many transactions: Store::refresh_next_batch). Then, when none is left, counts again the summary's
// marked days (sql/summary.hpp). Returns how many were computed.
std::int64_t refresh_stale_timelines(Connection& c, const TimelineRule& rule, std::int64_t most = -1);

// The columns of invitations() and the view read from them (sql_store.cpp); without `versions`, what a version
// counts reads as 0 (InvitationQuery::versions).
std::string invitation_columns(bool versions = true);
InvitationView invitation_of(const Statement& s);

} // namespace motivo::store::sql
