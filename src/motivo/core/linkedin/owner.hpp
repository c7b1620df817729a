#pragma once

#include <motivo/core/model.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::linkedin {

// Finds the owner of an export: the person on one side of every invitation (the invitee of incoming ones,
// the inviter of outgoing ones), or, for an export without invitations, the most frequent participant of
// its messages. Names are compared by text::name_key; the URL kept is the first one with a slug. When two people
// are named equally often (a messages.csv of one conversation), neither is taken unless the database's account or
// the user (import --owner) says which.
class OwnerFinder {
public:
  void add_invitation(Direction direction, std::string_view from, std::string_view to, std::string_view from_url,
                      std::string_view to_url);
  void add_message_participant(std::string_view name, std::string_view url);
  // Who wins a tie: the owner the database already holds (a messages.csv of one conversation names two people
  // equally often).
  void prefer(std::string_view name);
  // The user says whose export this is (import --owner): false, and nothing changes, when `name` is not among
  // leaders() (the export's owner side names someone else).
  bool choose(std::string_view name);

  // Whether anyone is named at all, and whether one of them is the owner (not a tie nobody settled).
  bool found() const { return !votes_.empty(); }
  bool decided() const { return best() != nullptr; }
  // The people named most often, as first written, in the order of their name keys: one, or those tied.
  std::vector<std::string> leaders() const;
  // The owner's name as first written, and a profile URL with a slug (or ""); "" when not decided().
  std::string name() const;
  std::string url() const;
  // How many invitations do not have the owner on their owner side (a name change, a merged export).
  std::uint64_t disagreeing() const;

private:
  struct Vote {
    std::string name;
    std::string url;
    std::uint64_t count = 0;
  };
  void vote(std::string_view name, std::string_view url);
  std::uint64_t most() const; // the most votes anyone has
  const Vote* best() const;   // the owner: nullptr when nobody is named, or a tie nothing settled

  std::map<std::string, Vote> votes_; // by name key
  std::string preferred_;             // a name key
  std::string chosen_;                // a name key, one of the leaders
  std::uint64_t total_ = 0;
};

} // namespace motivo::linkedin
