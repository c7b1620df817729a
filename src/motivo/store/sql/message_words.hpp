#pragma once
// Issue 23: the words of the names a message may hold, kept so that forget finds the messages naming a person by an
// index instead of reading every message (5,000,000 at a team's size). Migration 18: `message_words` (message,
// word) holds, for each message whose recipients are not one person known by their profile (several recipients, one
// without a profile URL, a conversation title or a subject), the folded words of its recipients' names, title and
// subject (names::name_words) and "/" + the profile slug of each recipient URL; triggers put every such message
// written since (an import, mail, forget's own changes) in `stale_message_words`, and drop a deleted message's words.
#include <motivo/store/sql/connection.hpp>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace motivo::store::sql {

// Calls `item` with each item of a comma-separated list, as the export writes a message's recipients and their URLs
// (untrimmed; "" gives one empty item): what the kept words are made from and what forget rewrites.
template <typename Item>
void for_each_listed(std::string_view list, Item&& item)
{
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    item(list.substr(start, comma - start));
    start = comma + 1;
  }
}

// Computes the words of every stale message again (none when it no longer exists) and clears the marks; in the
// caller's writing transaction. The messages refreshed.
std::int64_t refresh_message_words(Connection& c);

// The ids of the messages that may name `name` in any spelling among their recipients, title or subject (they hold
// every word of it), or list the profile `slug` among their recipients, ascending. In a writing transaction
// (`refresh`) the stale words are computed first; in a read (a dry run) every stale message is a candidate too, its
// kept words being those of what it held before. Only a candidate: names::same_name and names::without_name decide.
std::vector<std::int64_t> messages_naming(Connection& c, std::string_view name, std::string_view slug, bool refresh);

} // namespace motivo::store::sql
