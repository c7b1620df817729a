#include <motivo/core/data_files.hpp>
#include <motivo/core/hashed_map.hpp>
#include <motivo/core/people.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <algorithm>
#include <cstring>

namespace motivo {

namespace {

// Hashes of the placeholder names' keys: asked once per person resolved, so a hash lookup, not a tree of strings.
const KeySet& placeholder_names()
{
  static const KeySet names = [] {
    KeySet set;
    for (const auto& fields : data::rows("placeholder_names.tsv")) {
      if (!fields.empty()) set.insert(hash128(text::name_key(fields[0])));
    }
    return set;
  }();
  return names;
}

} // namespace

bool is_placeholder_name(std::string_view name_key)
{
  return placeholder_names().contains(hash128(name_key));
}

std::string_view NameKeyCache::Generation::keep(std::string_view text)
{
  // An empty text needs no block: a generation's first name may be empty (no block yet to point into).
  if (text.empty()) return {};
  if (block_used + text.size() > block_size) {
    block_size = std::max<std::size_t>(std::size_t{1} << 16, text.size());
    blocks.push_back(std::make_unique<char[]>(block_size));
    block_used = 0;
  }
  char* at = blocks.back().get() + block_used;
  std::memcpy(at, text.data(), text.size());
  block_used += text.size();
  return {at, text.size()};
}

std::string_view NameKeyCache::operator()(std::string_view name)
{
  const IdentityKey h = hash128(name);
  if (const auto* key = current_.keys.find(h)) return *key;
  if (current_.keys.size() >= capacity_) {
    previous_ = std::move(current_); // the older generation's views go
    current_ = Generation{};
  }
  const auto* older = previous_.keys.find(h);
  const std::string_view kept = older ? current_.keep(*older) : current_.keep(text::name_key(name));
  current_.keys.insert(h, kept);
  return kept;
}

void PeopleResolver::fill()
{
  const std::size_t people = directory_.count_known_people() + changes_.size();
  by_slug_.reserve(people);
  by_name_.reserve(people);
  directory_.for_each_known_person([this](const KnownPerson& p) {
    if (!p.slug.empty()) by_slug_.insert(hash128(p.slug), p.id);
    const IdentityKey name = hash128(p.name_key);
    const PersonId lowest = by_name_.find(name);
    if (lowest == 0 || p.id < lowest) by_name_.assign(name, p.id);
    if (p.slug.empty()) {
      const PersonId slugless = slugless_by_name_.find(name);
      if (slugless == 0 || p.id < slugless) slugless_by_name_.assign(name, p.id);
    }
  });
  filled_ = true;
  for (const Change& c : changes_) apply(c);
  changes_.clear();
}

std::optional<PersonId> PeopleResolver::resolve(std::string_view name, std::string_view url)
{
  if (!filled_) fill();
  // No cache of (name, url) pairs: the lookups below are as fast, and a cache of every pair doubled the
  // resolver's memory on large exports (docs/PERFORMANCE.md).
  const PersonId id = resolve_id(name, url);
  return id == 0 ? std::nullopt : std::optional<PersonId>(id);
}

std::optional<PersonId> PeopleResolver::resolve_one(std::string_view name, std::string_view url)
{
  const PersonId id = resolve_id(name, url);
  return id == 0 ? std::nullopt : std::optional<PersonId>(id);
}

PersonId PeopleResolver::find(PersonLookup lookup, std::string_view text, const IdentityKey& hash)
{
  if (!filled_) return directory_.find_person(lookup, text);
  const PersonIdMap& map = lookup == PersonLookup::slug            ? by_slug_
                           : lookup == PersonLookup::slugless_name ? slugless_by_name_
                                                                   : by_name_;
  return map.find(hash);
}

// What a new person or an attached slug changes in the maps; kept for later while they are not filled.
void PeopleResolver::apply(const Change& c)
{
  if (!filled_) {
    changes_.push_back(c);
    return;
  }
  if (c.attached) {
    by_slug_.assign(hash128(c.slug), c.id);
    // Only the first person of a name is ever made without a slug, so no other one is waiting.
    slugless_by_name_.assign(c.name, 0);
    return;
  }
  if (!c.slug.empty()) by_slug_.insert(hash128(c.slug), c.id);
  if (!is_zero_key(c.name)) {
    by_name_.insert(c.name, c.id);
    if (c.slug.empty()) slugless_by_name_.insert(c.name, c.id);
  }
}

// The resolver's one rule (see the class), asked of the maps or, before they are filled, of the directory.
PersonId PeopleResolver::resolve_id(std::string_view name, std::string_view url)
{
  const std::string slug = profile_slug(url);
  std::string_view key = keys_(name);
  if (!key.empty() && is_placeholder_name(key)) key = {};
  const IdentityKey key_hash = key.empty() ? IdentityKey{} : hash128(key);
  if (!slug.empty()) {
    if (const PersonId id = find(PersonLookup::slug, slug, hash128(slug))) return id;
    if (!key.empty()) {
      if (const PersonId id = find(PersonLookup::slugless_name, key, key_hash)) {
        directory_.attach_slug(id, slug);
        apply({id, key_hash, slug, true});
        return id;
      }
    }
  } else if (key.empty()) {
    return 0;
  } else if (const PersonId id = find(PersonLookup::name, key, key_hash)) {
    return id;
  }
  const PersonId id = directory_.create_person(text::collapse_spaces(name), key, slug);
  ++created_;
  apply({id, key_hash, slug, false});
  return id;
}

} // namespace motivo
