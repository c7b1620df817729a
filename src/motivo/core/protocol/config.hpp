#pragma once

#include <motivo/core/protocol/protocol.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace motivo::protocol {

// The user's settings ($XDG_CONFIG_HOME/motivo/config.toml; docs/PROTOCOL.md has an example).
struct Config {
  std::string policy = "ask";                   // ask | strict | open
  std::int64_t deadline_days = 7;               // how long after an ask a reply is awaited
  std::string language = "es";                  // the messages' language when a note's own is not es or en
  bool language_set = false;                    // `language` came from the file (else the command line follows LANG)
  std::string account = "free";                 // free | premium: the length limit of invitation notes
  std::string my_name, my_link;                 // for {{my_name}} and {{my_link}}
  std::int64_t minutes_per_ask = 2;             // what typing one ask costs, for the reports
  std::vector<Rule> rules;                      // before the policy's own, first match wins
  std::map<std::string, std::string> templates; // "ask.es" -> mustache text, replacing the built-in one
};

// The settings file's largest size: a real one is a few KiB. parse_config refuses a longer text, and a key of more
// than max_key_parts dotted parts or values nested deeper than max_nesting, before the TOML parser (which recurses
// on each) sees them.
inline constexpr std::size_t max_config_bytes = 1u << 20;
inline constexpr std::size_t max_key_parts = 16;
inline constexpr std::size_t max_nesting = 16;

// Parses config.toml's text. Any mistake — a syntax error, an unknown key, a value of the wrong type, an
// unknown label, state or suggestion — is an InputError naming `file`, the line and the value: a bad config never
// silently falls back to defaults.
Config parse_config(std::string_view text, const std::string& file);

// The active policy: `name` (from --policy) or the configured one, after the configured rules. InputError for an
// unknown name.
Policy active_policy(const Config& config, const std::optional<std::string>& name);

} // namespace motivo::protocol
