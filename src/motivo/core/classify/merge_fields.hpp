#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace motivo::classify {

// Unfilled mail-merge fields: "{first_name}", "{{ firstName }}", "%FIRSTNAME%", "[Name]", "<nombre>", "#name#".
// Braces and %…% around an identifier always count; square and angle brackets and #…# only around a name-like
// word of the catalog (data/generic_phrases.tsv, kind merge_field), so "[sic]" or "<3" are not merge fields.
class MergeFieldCatalog {
public:
  void add(std::string_view pattern); // e.g. "[first name]"
  std::vector<std::string> find(std::string_view text) const;

private:
  std::unordered_set<std::string> roots_; // folded inner words without spaces: "firstname", "nombre", …
};

} // namespace motivo::classify
