#pragma once

// What both backends do alike with values they read or write (not SQL: each backend writes its own dialect).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::store {

// A comma-separated list (as the export writes recipients) without the items `drop` picks.
std::string list_without(const std::string& list, const std::function<bool(std::string_view)>& drop);

// `text` with LIKE's wildcards escaped by a backslash (for `LIKE … ESCAPE '\'`).
std::string like_escaped(const std::string& text);

// The reasons column (a JSON array of strings); anything else gives none.
std::vector<std::string> parse_reasons(std::string_view json);

// The SQL of Store::for_each_writing, the same on both backends: kind, about, about_url, ref, at, text.
extern const char* const writings_sql;

// Names compared as a person would, accents and case aside (classify::fold): of `people` (id, name), the ids of
// those whose folded name holds every folded word of `query` (`whole`: is exactly it), at most 200, as a list for
// SQL's `IN (…)` ("3,17"); "" when none.
std::string ids_by_folded_name(const std::vector<std::pair<std::int64_t, std::string>>& people, std::string_view query,
                               bool whole);

struct PersonView;
// Appends to `out` the people of `more` it does not hold yet (a search's later matches after its earlier ones).
void add_new_people(std::vector<PersonView>& out, std::vector<PersonView> more);

} // namespace motivo::store
