#include <motivo/app/actions.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace motivo::app {

namespace {

using Kind = Refusal::Kind;

// The indices of the statuses `filter` selects.
std::vector<std::size_t> chosen(const std::vector<InvitationStatus>& statuses, const InvitationFilter& filter)
{
  std::vector<std::size_t> out;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (!matches(filter, statuses[i])) continue;
    if (skipped++ < filter.offset) continue;
    if (out.size() >= filter.limit) break;
    out.push_back(i);
  }
  return out;
}

} // namespace

store::InvitationView find_invitation(store::Store& store, Scope scope, std::int64_t id)
{
  store::InvitationQuery query;
  query.id = id;
  query.user = scope;
  auto list = store.invitations(query);
  if (list.empty()) throw Refusal(Kind::not_found, Message(N_("no invitation with id {}"), id));
  return std::move(list.front());
}

std::optional<Message> why_no_decision(const store::InvitationView& v, protocol::Decision decision)
{
  // What the data settled comes first: the inviter is a connection (accepted), or the invitation is gone and they
  // are not (withdrawn, or ignored: a decline made on LinkedIn, which may be recorded).
  if (v.outcome == Outcome::accepted)
    return Message(N_("invitation {} is accepted already: {} is your connection (to mark the note spam: motivo label "
                      "{} spam)"),
                   v.id, v.from, v.id);
  if (v.outcome == Outcome::withdrawn && decision == protocol::Decision::accept)
    return Message(N_("invitation {} was withdrawn (or ignored): there is nothing to accept"), v.id);
  return std::nullopt;
}

void check_version(const store::InvitationView& v, const SeenVersion& seen)
{
  if (seen && *seen != v.version) throw store::Stale(v.id);
}

store::Versions versions_of(std::int64_t id, const SeenVersion& seen)
{
  return seen ? store::Versions{{id, *seen}} : store::Versions{};
}

store::InvitationView decide(store::Store& store, Scope scope, std::int64_t id, protocol::Decision decision,
                             datetime::UnixSeconds now, const SeenVersion& seen)
{
  store::InvitationView v = find_invitation(store, scope, id);
  check_version(v, seen);
  if (auto why = decision_refusal(v, decision)) throw *why;
  // The same decision again keeps its first time; another replaces it (the caller shows the one it replaced).
  if (v.decision == decision) return v;
  // Spam is a decline that also labels the note spam (the user's label, kept when motivo reclassifies).
  const bool spam = decision == protocol::Decision::spam;
  store.record_decision(id, decision, now, spam ? std::optional(classify::Label::spam) : std::nullopt,
                        versions_of(id, seen));
  refresh_timelines(store);
  return v;
}

Asked ask(store::Store& store, Scope scope, std::int64_t id, const protocol::Config& config, const AskRequest& request)
{
  Asked out;
  out.invitation = find_invitation(store, scope, id);
  check_version(out.invitation, request.seen);
  if (const auto why = why_no_ask(out.invitation)) {
    if (out.invitation.direction != Direction::incoming) throw Refusal(Kind::invalid, *why);
    if (!request.dry_run) throw Refusal(Kind::conflict, *why);
  }
  out.ask = render_ask(store, config, out.invitation, request.local_hour, request.config_source, request.language);
  if (!request.dry_run) {
    out.recorded = store.record_ask(id, request.now, out.ask.text, versions_of(id, request.seen));
    refresh_timelines(store);
  }
  return out;
}

bool label_needs_check(const store::InvitationView& v)
{
  return v.label && !v.label_by_user && v.confidence && classify::needs_check(*v.confidence);
}

void set_label(store::Store& store, Scope scope, std::int64_t id, const std::optional<std::string>& label,
               datetime::UnixSeconds now)
{
  const std::optional<classify::Label> value = label ? classify::parse_label(*label) : std::nullopt;
  if (label && !value) throw Refusal(Kind::invalid, fmt::format("unknown label ({})", quote_value(*label)));
  find_invitation(store, scope, id);
  if (!store.set_user_label(id, value, now))
    throw Refusal(Kind::not_found, Message(N_("no invitation with id {}"), id));
}

void add_person_note(store::Store& store, Scope scope, PersonId person, const std::string& note,
                     datetime::UnixSeconds now)
{
  if (text::trim(note).empty()) throw Refusal(Kind::invalid, std::string("the note is empty"));
  const Refusal nobody(Kind::not_found, Message(N_("no person with id {}"), person));
  if (store.find_people(std::to_string(person)).empty()) throw nobody;
  if (scope) {
    store::InvitationQuery query;
    query.user = scope;
    const auto theirs = store.invitations(query);
    if (std::none_of(theirs.begin(), theirs.end(), [&](const auto& v) { return v.other_person == person; }))
      throw nobody; // another member's contact: not found, as one that does not exist
  }
  store.add_person_note(person, note, now);
}

InvitationFilter parse_filter(const FilterWords& words)
{
  InvitationFilter f;
  if (const auto& d = words.direction) {
    if (*d == "incoming")
      f.direction = Direction::incoming;
    else if (*d == "outgoing")
      f.direction = Direction::outgoing;
    else
      throw InputError("direction", 0, fmt::format("must be incoming or outgoing ({})", quote_value(*d)));
  }
  if (const auto& l = words.label) {
    f.label = classify::parse_label(*l);
    if (!f.label) throw InputError("label", 0, fmt::format("unknown label ({})", quote_value(*l)));
  }
  if (const auto& s = words.state) {
    f.state = protocol::parse_state(*s);
    if (!f.state) throw InputError("state", 0, fmt::format("unknown state ({})", quote_value(*s)));
  }
  if (const auto& s = words.suggestion) {
    f.suggestion = protocol::parse_suggestion(*s);
    if (!f.suggestion) throw InputError("suggestion", 0, fmt::format("unknown suggestion ({})", quote_value(*s)));
  }
  return f;
}

bool matches(const InvitationFilter& filter, const InvitationStatus& status)
{
  const store::InvitationView& v = status.invitation;
  const protocol::Evaluation& e = status.evaluation;
  if (filter.direction && v.direction != *filter.direction) return false;
  if (filter.label && v.label != *filter.label) return false;
  if (filter.state && e.state != *filter.state) return false;
  if (filter.suggestion && e.suggestion != *filter.suggestion) return false;
  return !filter.undecided || e.suggestion != protocol::Suggestion::none;
}

std::vector<InvitationStatus> select_invitations(const std::vector<InvitationStatus>& statuses,
                                                 const InvitationFilter& filter)
{
  std::vector<InvitationStatus> out;
  for (const std::size_t i : chosen(statuses, filter)) out.push_back(statuses[i]);
  return out;
}

std::vector<InvitationStatus> list_invitations(store::Store& store, Scope scope, const InvitationFilter& filter,
                                               const protocol::Policy& policy, const protocol::Config& config,
                                               datetime::UnixSeconds now)
{
  store::InvitationQuery query;
  query.user = scope;
  query.direction = filter.direction;
  query.label = filter.label;
  // Filters on the evaluation apply after it, and so do the offset and the limit; without them the store limits.
  const bool evaluated = filter.state || filter.suggestion || filter.undecided;
  if (!evaluated && filter.offset == 0 && filter.limit != SIZE_MAX)
    query.limit = static_cast<std::int64_t>(filter.limit);
  std::vector<InvitationStatus> all = invitation_statuses(store, query, policy, config, now);
  std::vector<InvitationStatus> out;
  for (const std::size_t i : chosen(all, filter)) out.push_back(std::move(all[i]));
  return out;
}

namespace {

// A cursor: the order it pages ('s' by sent time, 'd' by decision time), then the last row's key, "TIME.ID".
std::string encode_cursor(bool decided, const store::PageKey& key)
{
  return fmt::format("{}{}.{}", decided ? 'd' : 's', key.at, key.id);
}

store::PageKey decode_cursor(const std::string& cursor, bool decided)
{
  const InputError bad("cursor", 0, Message(N_("not a cursor of this list ({})"), quote_value(cursor)));
  if (cursor.empty() || cursor.front() != (decided ? 'd' : 's')) throw bad;
  store::PageKey key;
  const char* end = cursor.data() + cursor.size();
  auto [dot, error] = std::from_chars(cursor.data() + 1, end, key.at);
  if (error != std::errc() || dot == end || *dot != '.') throw bad;
  const auto [last, id_error] = std::from_chars(dot + 1, end, key.id);
  if (id_error != std::errc() || last != end || key.id <= 0) throw bad;
  return key;
}

// The rows read at a time: evaluating a few dozen reads their messages one query each (app::invitation_statuses).
// A longer page reads its length and one more at a time, up to `page_chunk_most`: the server's whole list, 500 rows
// a piece, takes one query a piece instead of eight (the slice at offset 999,000 of 1,000,000: 18.3 s -> 7.2 s,
// docs/PERFORMANCE.md).
constexpr std::int64_t page_chunk = 64, page_chunk_most = 1024;

} // namespace

InvitationPage page_invitations(store::Store& store, Scope scope, const InvitationFilter& filter,
                                const std::string& cursor, const protocol::Policy& policy,
                                const protocol::Config& config, datetime::UnixSeconds now)
{
  store::InvitationQuery query;
  query.user = scope;
  query.direction = filter.direction;
  query.label = filter.label;
  query.decided = filter.decided;
  if (!cursor.empty()) query.after = decode_cursor(cursor, filter.decided);
  const auto chunk = static_cast<std::int64_t>(std::min<std::size_t>(filter.limit, page_chunk_most - 1)) + 1;
  query.limit = filter.limit == SIZE_MAX ? -1 : std::max(page_chunk, chunk);
  const auto key_of = [&](const store::InvitationView& v) {
    return store::PageKey{filter.decided ? v.decision_at.value_or(0) : v.sent_at, v.id};
  };
  InvitationPage page;
  if (filter.limit == 0) return page;
  // Read on after a full page only to learn whether another row follows (the next page's first).
  while (true) {
    std::vector<InvitationStatus> chunk = invitation_statuses(store, query, policy, config, now);
    if (chunk.empty()) return page;
    const store::PageKey last = key_of(chunk.back().invitation);
    for (auto& status : chunk) {
      if (!matches(filter, status)) continue;
      if (page.rows.size() == filter.limit) {
        page.next = encode_cursor(filter.decided, key_of(page.rows.back().invitation));
        return page;
      }
      page.rows.push_back(std::move(status));
    }
    if (query.limit < 0 || static_cast<std::int64_t>(chunk.size()) < query.limit) return page;
    query.after = last;
  }
}

std::vector<store::MessageView> recent_messages(store::Store& store, const store::InvitationView& invitation,
                                                std::int64_t limit)
{
  if (!invitation.other_person) return {};
  return store.recent_messages(invitation.owner, *invitation.other_person, limit);
}

} // namespace motivo::app
