#pragma once

#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::app {

// An invitation with where it stands under a policy.
struct InvitationStatus {
  store::InvitationView invitation;
  protocol::Evaluation evaluation;
};

// The facts of a stored invitation but its messages (for callers that read every conversation in one pass).
protocol::Facts facts_without_messages(const store::InvitationView& invitation);
// What the protocol needs of a stored invitation: its label, dates, decision, recorded asks and the messages
// exchanged with the other person (read from the store).
protocol::Facts facts_of(store::Store& store, const store::InvitationView& invitation);
// The same with the owners whose connections some import listed (acceptance is known for them), read once.
protocol::Facts facts_of(store::Store& store, const store::InvitationView& invitation, const std::set<PersonId>& known);
// The owners some import listed the connections of: for the others' invitations, acceptance is unknown.
std::set<PersonId> owners_with_connections(store::Store& store);

// The rule the store's kept timelines follow (store::Timelines): core's protocol::timeline over the facts of the
// invitation, its messages and its owner's known acceptances; the same as facts_of's.
store::TimelineRule timeline_rule();
// Computes and stores the timelines and the welcomes (welcome_rule) a write made stale (in the caller's transaction
// for an import session). Every use case that writes calls it, so that reads find each invitation's timeline and
// each connection's welcome kept. Returns how many.
std::int64_t refresh_timelines(store::Timelines& timelines);
// The same for everything stale, a batch per transaction (Store::refresh_next_batch), so that what was committed
// stays when the process stops: after an upgrade that marked every timeline and welcome stale, the writer that
// migrated leaves nothing for a read to compute. `progress` is told how many are done after each batch. Returns how
// many.
std::int64_t refresh_timelines_in_batches(store::Store& store,
                                          const std::function<void(std::int64_t done)>& progress = {});

// The invitations the query selects, each evaluated at `now` by `policy` (a kept timeline is used as it is; the
// others are computed from the messages: with a limit, the page's conversations read together
// (Store::messages_of_pairs), so that a page holds its own only).
std::vector<InvitationStatus> invitation_statuses(store::Store& store, const store::InvitationQuery& query,
                                                  const protocol::Policy& policy, const protocol::Config& config,
                                                  datetime::UnixSeconds now);

// The message asking the inviter of `invitation` why they want to connect: the configured or shipped template in
// `language` (default: the note's language when es or en, else the configured one), with their first name, the
// user's name and link, and the greeting for `local_hour`. `config_source` names the settings file in errors.
struct RenderedAsk {
  std::string language, text;
};
RenderedAsk render_ask(store::Store& store, const protocol::Config& config, const store::InvitationView& invitation,
                       int local_hour, const std::string& config_source, const std::string& language = {});

// The name an ask or a welcome greets `person` by (names::greeting_name): the First Name `owner`'s Connections.csv
// gives them, else the given name read from `full_name`.
std::string greeting_name(store::Store& store, PersonId owner, std::optional<PersonId> person,
                          std::string_view full_name);

// Why an ask may not be recorded for `invitation`, if so: an ask is a question before deciding (docs/PROTOCOL.md),
// so not on one you sent, accepted, declined or marked spam, or withdrawn. Asking again (a reminder) is allowed.
std::optional<std::string> why_no_ask(const store::InvitationView& invitation);

} // namespace motivo::app
