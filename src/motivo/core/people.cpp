#include <motivo/core/people.hpp>

#include <motivo/core/data_files.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

namespace motivo {

namespace {

const std::unordered_set<std::string>& placeholder_names()
{
  static const auto names = [] {
    std::unordered_set<std::string> set;
    for (const auto& fields : data::rows("placeholder_names.tsv")) {
      if (!fields.empty()) set.insert(text::name_key(fields[0]));
    }
    return set;
  }();
  return names;
}

} // namespace

bool is_placeholder_name(std::string_view name_key)
{
  return placeholder_names().contains(std::string(name_key));
}

PeopleResolver::PeopleResolver(PersonDirectory& directory, const std::vector<KnownPerson>& known)
  : directory_(directory)
{
  for (const KnownPerson& p : known) {
    if (!p.slug.empty()) by_slug_.emplace(p.slug, p.id);
    auto [it, inserted] = by_name_.emplace(p.name_key, p.id);
    if (!inserted && p.id < it->second) it->second = p.id;
    if (p.slug.empty()) {
      auto [jt, fresh] = slugless_by_name_.emplace(p.name_key, p.id);
      if (!fresh && p.id < jt->second) jt->second = p.id;
    }
  }
}

std::optional<PersonId> PeopleResolver::resolve(std::string_view name, std::string_view url)
{
  cache_key_.assign(name).push_back('\0');
  cache_key_.append(url);
  if (auto it = cache_.find(std::string_view(cache_key_)); it != cache_.end()) return it->second;
  const auto id = resolve_uncached(name, url);
  cache_.emplace(cache_key_, id);
  return id;
}

std::optional<PersonId> PeopleResolver::resolve_uncached(std::string_view name, std::string_view url)
{
  const std::string slug = profile_slug(url);
  std::string key = text::name_key(name);
  if (!key.empty() && is_placeholder_name(key)) key.clear();
  if (!slug.empty()) {
    if (auto it = by_slug_.find(slug); it != by_slug_.end()) return it->second;
    if (!key.empty()) {
      if (auto it = slugless_by_name_.find(key); it != slugless_by_name_.end()) {
        const PersonId id = it->second;
        directory_.attach_slug(id, slug);
        by_slug_.emplace(slug, id);
        // Only the first person of a name is ever made without a slug, so no other one is waiting.
        slugless_by_name_.erase(it);
        return id;
      }
    }
  } else if (key.empty()) {
    return std::nullopt;
  } else if (auto it = by_name_.find(key); it != by_name_.end()) {
    return it->second;
  }
  const PersonId id = directory_.create_person(text::collapse_spaces(name), key, slug);
  ++created_;
  if (!slug.empty()) by_slug_.emplace(slug, id);
  if (!key.empty()) {
    by_name_.emplace(key, id);
    if (slug.empty()) slugless_by_name_.emplace(key, id);
  }
  return id;
}

} // namespace motivo
