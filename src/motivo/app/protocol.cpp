#include <motivo/app/invitations.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/welcome.hpp>
#include <motivo/core/names.hpp>
#include <motivo/core/protocol/messages.hpp>

#include <fmt/format.h>

#include <map>
#include <set>
#include <utility>

namespace motivo::app {

protocol::Facts facts_without_messages(const store::InvitationView& v)
{
  protocol::Facts f;
  f.direction = v.direction;
  f.label = v.label.value_or(classify::Label::empty);
  f.label_uncertain = label_needs_check(v);
  f.language = v.language;
  f.text = v.message;
  f.sent_at = v.sent_at;
  f.outcome = v.outcome;
  f.outcome_at = v.outcome_at;
  f.decision = v.decision;
  f.recorded_ask = v.recorded_ask;
  f.recorded_reply = v.recorded_reply;
  return f;
}

namespace {

// Asks and replies matter for received invitations only.
bool needs_messages(const store::InvitationView& v)
{
  return v.other_person && v.direction == Direction::incoming;
}

} // namespace

std::set<PersonId> owners_with_connections(store::Store& store)
{
  const std::vector<PersonId> owners = store.owners_with_connections();
  return {owners.begin(), owners.end()};
}

protocol::Facts facts_of(store::Store& store, const store::InvitationView& v, const std::set<PersonId>& known)
{
  protocol::Facts f = facts_without_messages(v);
  f.acceptance_known = known.count(v.owner) > 0;
  if (needs_messages(v)) f.messages = store.messages_with(v.owner, *v.other_person, !f.acceptance_known);
  return f;
}

protocol::Facts facts_of(store::Store& store, const store::InvitationView& v)
{
  return facts_of(store, v, owners_with_connections(store));
}

store::TimelineRule timeline_rule()
{
  return [](const store::InvitationView& v, std::vector<protocol::MessageStamp> messages, bool acceptance_known) {
    protocol::Facts f = facts_without_messages(v);
    f.acceptance_known = acceptance_known;
    if (needs_messages(v)) f.messages = std::move(messages);
    return protocol::timeline(f);
  };
}

std::int64_t refresh_timelines(store::Timelines& timelines)
{
  // The welcomes first: they take the marks of the invitations' timelines a write made stale.
  const std::int64_t welcomes = timelines.refresh_welcomes(welcome_rule());
  return welcomes + timelines.refresh_timelines(timeline_rule());
}

namespace {
// Rows computed per transaction by refresh_timelines_in_batches: the size of the store's batches.
constexpr std::int64_t refresh_batch = 2000;
} // namespace

std::int64_t refresh_timelines_in_batches(store::Store& store, const std::function<void(std::int64_t done)>& progress)
{
  const store::TimelineRule timelines = timeline_rule();
  const store::WelcomeRule welcomes = welcome_rule();
  std::int64_t done = 0;
  while (const std::int64_t batch = store.refresh_next_batch(timelines, welcomes, refresh_batch)) {
    done += batch;
    if (progress) progress(done);
  }
  return done;
}

namespace {

using Threads = std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>>;

// The conversations of the invitations of `list` whose timeline is not kept and needs messages, with their texts
// when some owner's acceptance is unknown (the protocol reads them then). Many without a limit: every conversation
// read in one pass, kept for the pairs needed. A page, or a few: the pairs' own, read together.
Threads unkept_threads(store::Store& store, const std::vector<store::InvitationView>& list,
                       const std::set<PersonId>& known, bool paged)
{
  Threads threads;
  bool with_text = false;
  for (const auto& v : list) {
    if (v.timeline || !needs_messages(v)) continue;
    threads[{v.owner, *v.other_person}];
    with_text = with_text || known.count(v.owner) == 0;
  }
  if (threads.empty()) return threads;
  if (threads.size() > 64 && !paged) {
    store.for_each_stamp(
        [&](PersonId owner, PersonId person, const protocol::MessageStamp& stamp) {
          if (const auto it = threads.find({owner, person}); it != threads.end()) it->second.push_back(stamp);
        },
        with_text);
    return threads;
  }
  std::vector<std::pair<PersonId, PersonId>> pairs;
  pairs.reserve(threads.size());
  for (const auto& entry : threads) pairs.push_back(entry.first);
  for (auto& [pair, stamps] : store.messages_of_pairs(pairs, with_text)) threads[pair] = std::move(stamps);
  return threads;
}

} // namespace

std::vector<InvitationStatus> invitation_statuses(store::Store& store, const store::InvitationQuery& query,
                                                  const protocol::Policy& policy, const protocol::Config& config,
                                                  datetime::UnixSeconds now)
{
  std::vector<InvitationStatus> out;
  std::vector<store::InvitationView> list = store.invitations(query);
  const std::set<PersonId> known = owners_with_connections(store);
  Threads threads = unkept_threads(store, list, known, query.limit >= 0);
  out.reserve(list.size());
  const std::int64_t deadline = config.deadline_days * 86400;
  for (auto& v : list) {
    if (v.timeline) {
      protocol::Facts facts = facts_without_messages(v);
      facts.acceptance_known = known.count(v.owner) > 0;
      protocol::Evaluation e = protocol::evaluate(facts, *v.timeline, policy, now, deadline);
      out.push_back({std::move(v), std::move(e)});
      continue;
    }
    protocol::Facts facts = facts_without_messages(v);
    facts.acceptance_known = known.count(v.owner) > 0;
    if (needs_messages(v)) facts.messages = threads[{v.owner, *v.other_person}]; // a copy: pairs repeat
    protocol::Evaluation e = protocol::evaluate(facts, policy, now, deadline);
    out.push_back({std::move(v), std::move(e)});
  }
  return out;
}

std::optional<std::string> why_no_ask(const store::InvitationView& v)
{
  if (v.direction != Direction::incoming)
    return fmt::format("invitation {} is one you sent: ask the people who invite you", v.id);
  if (v.outcome == Outcome::accepted)
    return fmt::format("invitation {} is accepted already: an ask comes before deciding", v.id);
  if (v.decision)
    return fmt::format("invitation {} is decided already ({}): an ask comes before deciding", v.id,
                       protocol::decision_name(*v.decision));
  if (v.outcome == Outcome::withdrawn)
    return fmt::format("invitation {} was withdrawn (or ignored): nobody to ask", v.id);
  return std::nullopt;
}

std::string greeting_name(store::Store& store, PersonId owner, std::optional<PersonId> person,
                          std::string_view full_name)
{
  return names::greeting_name(full_name, person ? store.listed_first_name(owner, *person) : std::string());
}

RenderedAsk render_ask(store::Store& store, const protocol::Config& config, const store::InvitationView& invitation,
                       int local_hour, const std::string& config_source, const std::string& language)
{
  RenderedAsk out;
  out.language = language.empty() ? protocol::message_language(invitation.language, config.language) : language;
  protocol::MessageValues values;
  values.first_name = greeting_name(store, invitation.owner, invitation.other_person, invitation.from);
  values.my_name = config.my_name;
  values.my_link = config.my_link;
  values.local_hour = local_hour;
  out.text = protocol::render_message(protocol::message_template("ask", out.language, config.templates), values,
                                      out.language, config_source);
  return out;
}

} // namespace motivo::app
