#pragma once

#include <motivo/core/hashed_map.hpp>
#include <motivo/core/model.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo {

// A person already stored, as the resolver needs to know them; the texts are valid during the call that gives them.
struct KnownPerson {
  PersonId id = 0;
  std::string_view name_key;
  std::string_view slug;
};

// The questions the resolver asks about the people stored: the person with a profile slug, the lowest id of a name
// key among the people without a slug, and the lowest id of a name key.
enum class PersonLookup { slug, slugless_name, name };

// Where resolved people are kept: the store implements it, tests use a vector.
class PersonDirectory {
public:
  virtual ~PersonDirectory() = default;
  // Stores a new person and returns its id (ids are positive).
  virtual PersonId create_person(std::string_view name, std::string_view name_key, std::string_view slug) = 0;
  // Records that person `id`, so far known by name only, has profile slug `slug`.
  virtual void attach_slug(PersonId id, std::string_view slug) = 0;
  // Calls `visit` for every person stored, created and attached ones included. Streamed, never a list: a million
  // people with their keys and slugs as strings took 151 MB before the resolver's maps held them.
  virtual void for_each_known_person(const std::function<void(const KnownPerson&)>& visit) = 0;
  // The answer to one question about the people stored (`text` a slug or a name key), 0 for nobody.
  virtual PersonId find_person(PersonLookup lookup, std::string_view text) = 0;
  // How many people for_each_known_person will give, about: the resolver sizes its maps once.
  virtual std::size_t count_known_people() = 0;
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

// Person ids by 128-bit key in 20-byte slots: an id in 32 bits, as every id is below four billion, and a larger
// one in a second map. At 1,200,000 people the resolver's maps took 96 MiB with 64-bit ids (24-byte slots).
class PersonIdMap {
public:
  // The id stored for `key`, 0 if none.
  PersonId find(const IdentityKey& key) const
  {
    const std::uint32_t* id = small_.find(key);
    if (!id) return 0;
    return *id == aside ? *large_.find(key) : *id;
  }
  // Stores `id` for `key` unless the key is there already.
  void insert(const IdentityKey& key, PersonId id)
  {
    if (id >= 0 && id < aside)
      small_.insert(key, static_cast<std::uint32_t>(id));
    else if (small_.insert(key, aside))
      large_.assign(key, id);
  }
  // Replaces (or inserts) the id for `key`.
  void assign(const IdentityKey& key, PersonId id)
  {
    const bool fits = id >= 0 && id < aside;
    small_.assign(key, fits ? static_cast<std::uint32_t>(id) : aside);
    if (!fits) large_.assign(key, id);
  }
  void reserve(std::size_t n) { small_.reserve(n); }
  std::size_t size() const { return small_.size(); }
  std::size_t memory() const { return small_.memory() + large_.memory(); }

private:
  static constexpr std::uint32_t aside = 0xFFFFFFFFu; // the id is in large_
  HashedMap<std::uint32_t> small_;
  HashedMap<PersonId> large_;
};

// Links the names and profile URLs of invitations, connections and messages to one person record each:
// by profile slug where the URL has one, otherwise by the normalised full name (text::name_key).
//   - a slug already known gives its person; a new slug joins the lowest-id person of the same name who has
//     no slug yet, or else makes a new person;
//   - a name without a slug gives the lowest-id person of that name, or makes a new person.
// Placeholder names such as "LinkedIn Member" (data/placeholder_names.tsv) and empty names with no slug
// are nobody: they resolve to no person.
//
// The people stored are read into the resolver's maps at the first resolve(), not before: an import whose files
// are all unchanged since the last one reads no row, and needs only its owner, whom resolve_one() finds with a
// question or two to the directory (a re-import at a million invitations peaked at 335 MB reading them all).
class PeopleResolver {
public:
  explicit PeopleResolver(PersonDirectory& directory) : directory_(directory) {}

  // Reads every person stored first, once.
  std::optional<PersonId> resolve(std::string_view name, std::string_view url);
  // The same answer as resolve(), by asking the directory (PersonDirectory::find_person) while the people stored
  // are not read: for one person, such as the owner.
  std::optional<PersonId> resolve_one(std::string_view name, std::string_view url);
  // The name key of `name`, cached (valid for at least the next NameKeyCache::default_capacity calls of
  // name_key and resolve).
  std::string_view name_key(std::string_view name) { return keys_(name); }
  std::size_t created() const { return created_; }
  // Whether the people stored have been read.
  bool filled() const { return filled_; }
  // The bytes its maps of people take.
  std::size_t memory() const { return by_slug_.memory() + by_name_.memory() + slugless_by_name_.memory(); }

private:
  // A person this resolver made, or a slug it attached, before the people stored were read: replayed on the
  // maps after reading them, so that they say what they would have said had they been read first.
  struct Change {
    PersonId id;
    IdentityKey name;
    std::string slug;
    bool attached;
  };

  void fill();
  PersonId resolve_id(std::string_view name, std::string_view url);
  PersonId find(PersonLookup lookup, std::string_view text, const IdentityKey& hash);
  void apply(const Change& change);

  PersonDirectory& directory_;
  NameKeyCache keys_;
  bool filled_ = false;
  std::vector<Change> changes_; // before fill()
  PersonIdMap by_slug_;
  PersonIdMap by_name_;          // lowest id with this name key
  PersonIdMap slugless_by_name_; // the person of this name key without a slug (0: none left)
  std::size_t created_ = 0;
};

// Whether `name_key` is a placeholder the platform shows instead of a hidden member's name.
bool is_placeholder_name(std::string_view name_key);

} // namespace motivo
