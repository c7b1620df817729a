#pragma once

#include <motivo/app/import.hpp>
#include <motivo/io/linkedin_api.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace motivo::app {

// LinkedIn refused the token (401) or the member (403): nothing to retry until the user acts.
class SyncRefused : public io::ApiError {
public:
  using io::ApiError::ApiError;
};

// LinkedIn has not prepared the member's snapshot yet (it may take hours after the token is made): try later.
class SnapshotNotReady : public io::ApiError {
public:
  using io::ApiError::ApiError;
};

struct SyncOptions {
  datetime::UnixSeconds now = 0;    // the command's clock (MOTIVO_NOW fixes it)
  std::optional<std::int64_t> user; // team mode: the user syncing (the snapshot's invitations are theirs)
  bool snapshot = false;            // take a snapshot even when the changelog would do
  int max_pages = 20000;            // per domain and per changelog read: a server that never ends is stopped
  std::uint64_t max_domain_bytes = std::uint64_t{512} << 20; // one domain's rows held before they are stored
};

// The changelog holds the last 28 days: a sync further apart takes a snapshot instead.
inline constexpr datetime::UnixSeconds changelog_days = 28;

struct SyncReport {
  bool snapshot = false;
  std::string why;                        // why a snapshot: "first sync", "more than 28 days since the last", "asked"
  std::string profile;                    // the snapshot's PROFILE name
  std::optional<ImportReport> rows;       // what was stored (the snapshot, or the changelog's messages)
  std::uint64_t events = 0;               // changelog events read
  std::uint64_t messages = 0;             // of them, messages written
  std::uint64_t unknown_conversation = 0; // messages of conversations not stored yet (the next snapshot has them)
  std::uint64_t group_conversation = 0;   // messages of group conversations (the sender is only a URN)
};

// The key a sync's cursor is kept under: the API's address and the user, never the token.
std::string sync_account(const io::LinkedInApi& api, std::optional<std::int64_t> user);

// One round of `motivo sync`: a snapshot of PROFILE, INVITATIONS, CONNECTIONS and INBOX imported as an export of
// the same rows would be (first sync, --snapshot, or more than 28 days since the last), else the changelog's new
// messages since the last round. Everything a round stores, its cursor included, is one transaction; a failure
// (SyncRefused, SnapshotNotReady, io::ApiError, InputError for a shape motivo does not know) stores nothing.
SyncReport sync(store::Store& store, io::LinkedInApi& api, const SyncOptions& options);

} // namespace motivo::app
