#pragma once

#include <motivo/core/hashed_map.hpp>
#include <motivo/core/model.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo {

// Where resolved people are kept: the store implements it, tests use a vector.
class PersonDirectory {
public:
  virtual ~PersonDirectory() = default;
  // Stores a new person and returns its id (ids are positive).
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

// text::name_key with a bounded memory: the same names recur on hundreds of thousands of rows, but an export of a
// million invitations holds more than a million distinct names, and keeping every one cost about 90 MB (its map of
// 2^21 slots and the keys' texts; docs/PERFORMANCE.md). The names seen lately are kept in two generations of at most
// `capacity` names each: a name found in the older one moves to the newer; when the newer is full, the older is
// dropped and the newer takes its place. A view it returns stays valid for at least the next `capacity` calls.
class NameKeyCache {
public:
  static constexpr std::size_t default_capacity = std::size_t{1} << 16;
  explicit NameKeyCache(std::size_t capacity = default_capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

  std::string_view operator()(std::string_view name);
  // How many names the cache holds now (at most twice its capacity).
  std::size_t size() const { return current_.keys.size() + previous_.keys.size(); }

private:
  struct Generation {
    HashedMap<std::string_view> keys;
    std::vector<std::unique_ptr<char[]>> blocks;
    std::size_t block_used = 0;
    std::size_t block_size = 0;
    std::string_view keep(std::string_view text);
  };

  std::size_t capacity_;
  Generation current_, previous_;
};

// Links the names and profile URLs of invitations, connections and messages to one person record each:
// by profile slug where the URL has one, otherwise by the normalised full name (text::name_key).
//   - a slug already known gives its person; a new slug joins the lowest-id person of the same name who has
//     no slug yet, or else makes a new person;
//   - a name without a slug gives the lowest-id person of that name, or makes a new person.
// Placeholder names such as "LinkedIn Member" (data/placeholder_names.tsv) and empty names with no slug
// are nobody: they resolve to no person.
class PeopleResolver {
public:
  PeopleResolver(PersonDirectory& directory, const std::vector<KnownPerson>& known);

  std::optional<PersonId> resolve(std::string_view name, std::string_view url);
  // The name key of `name`, cached (valid for at least the next NameKeyCache::default_capacity calls of
  // name_key and resolve).
  std::string_view name_key(std::string_view name) { return keys_(name); }
  std::size_t created() const { return created_; }

private:
  PersonId resolve_id(std::string_view name, std::string_view url);

  PersonDirectory& directory_;
  NameKeyCache keys_;
  HashedMap<PersonId> by_slug_;
  HashedMap<PersonId> by_name_;          // lowest id with this name key
  HashedMap<PersonId> slugless_by_name_; // the person of this name key without a slug (0: none left)
  std::size_t created_ = 0;
};

// Whether `name_key` is a placeholder the platform shows instead of a hidden member's name.
bool is_placeholder_name(std::string_view name_key);

} // namespace motivo
