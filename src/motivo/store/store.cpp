#include <motivo/core/i18n.hpp>
#include <motivo/store/store.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>

namespace motivo::store {

SchemaStatus sqlite_schema_status(const std::string& path);  // store/sqlite/sqlite_store.cpp
SchemaStatus postgres_schema_status(const std::string& url); // store/postgres/pg_store.cpp

std::string_view to_string(Role role)
{
  return role == Role::admin ? "admin" : "member";
}

std::string_view to_string(ActionKind kind)
{
  switch (kind) {
  case ActionKind::decision: return "decision";
  case ActionKind::ask: return "ask";
  case ActionKind::reply: return "reply";
  case ActionKind::note: return "note";
  }
  return "decision";
}

std::optional<Role> parse_role(std::string_view text)
{
  if (text == "admin") return Role::admin;
  if (text == "member") return Role::member;
  return std::nullopt;
}

bool is_postgres_location(const std::string& location)
{
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string invitation_version(const InvitationView& v, std::int64_t asks, std::int64_t replies, std::int64_t notes,
                               std::int64_t messages)
{
  const auto seconds = [](const std::optional<datetime::UnixSeconds>& t) { return t ? *t : -1; };
  std::string facts = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", v.id,
                                  v.outcome ? static_cast<int>(*v.outcome) : -1, seconds(v.outcome_at),
                                  v.label ? static_cast<int>(*v.label) : -1, v.label_by_user, v.confidence.value_or(-1),
                                  v.decision ? static_cast<int>(*v.decision) : -1, seconds(v.decision_at),
                                  seconds(v.recorded_ask), seconds(v.recorded_reply), v.campaign.value_or(-1),
                                  v.language, asks, replies, notes, messages, v.message, fmt::join(v.reasons, "\n"));
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a, 64 bits
  for (const char c : facts) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

Stale::Stale(std::int64_t id) : Error(N_("invitation {} changed since you saw it: nothing was written"), id), id_(id)
{
}

Busy::Busy(const std::string& location)
  : Error(N_("the database {} is busy: another import (or another long write) holds it; try again when it ends"),
          location)
{
}

std::string redact_url(const std::string& url)
{
  // scheme://user:password@host/... -> scheme://user@host/...; a password=... parameter likewise.
  std::string out = url;
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  if (const auto p = out.find("password="); p != std::string::npos) {
    const auto end = out.find_first_of("&; ", p);
    out.replace(p, (end == std::string::npos ? out.size() : end) - p, "password=***");
  }
  return out;
}

std::unique_ptr<Store> open_store(const std::string& location, Access access)
{
  if (is_postgres_location(location)) return open_postgres(location);
  return open_sqlite(location, access);
}

std::string_view Notes::keep(std::string_view text)
{
  if (text.empty()) return {};
  if (used_ + text.size() > size_) {
    size_ = std::max<std::size_t>(1u << 20, text.size());
    blocks_.push_back(std::make_unique<char[]>(size_));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

SchemaStatus schema_status(const std::string& location)
{
  if (is_postgres_location(location)) return postgres_schema_status(location);
  return sqlite_schema_status(location);
}

} // namespace motivo::store
