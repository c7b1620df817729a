#pragma once

#include <motivo/core/model.hpp>
#include <motivo/core/string_map.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace motivo {

// Where resolved people are kept: the store implements it, tests use a vector.
class PersonDirectory {
public:
  virtual ~PersonDirectory() = default;
  // Stores a new person and returns its id.
  virtual PersonId create_person(std::string_view name, std::string_view name_key, std::string_view slug) = 0;
  // Records that person `id`, so far known by name only, has profile slug `slug`.
  virtual void attach_slug(PersonId id, std::string_view slug) = 0;
};

// A person already stored, as the resolver needs to know them.
struct KnownPerson {
  PersonId id = 0;
  std::string name_key;
  std::string slug;
};

// Links the names and profile URLs of invitations, connections and messages to one person record each:
// by profile slug where the URL has one, otherwise by the normalised full name (text::name_key).
//   - a slug already known gives its person; a new slug joins the lowest-id person of the same name who has
//     no slug yet, or else makes a new person;
//   - a name without a slug gives the lowest-id person of that name, or makes a new person.
// Placeholder names such as "LinkedIn Member" (data/placeholder_names.txt) and empty names with no slug
// are nobody: they resolve to no person.
class PeopleResolver {
public:
  PeopleResolver(PersonDirectory& directory, const std::vector<KnownPerson>& known);

  std::optional<PersonId> resolve(std::string_view name, std::string_view url);
  std::size_t created() const { return created_; }

private:
  std::optional<PersonId> resolve_uncached(std::string_view name, std::string_view url);

  PersonDirectory& directory_;
  StringMap<PersonId> by_slug_;
  StringMap<PersonId> by_name_;                 // lowest id with this key
  StringMap<PersonId> slugless_by_name_;        // lowest id with this key and no slug
  StringMap<std::optional<PersonId>> cache_;    // name + '\0' + url
  std::string cache_key_;                       // reused to build the cache key
  std::size_t created_ = 0;
};

// Whether `name_key` is a placeholder the platform shows instead of a hidden member's name.
bool is_placeholder_name(std::string_view name_key);

} // namespace motivo
