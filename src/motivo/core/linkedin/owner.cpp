#include <motivo/core/linkedin/owner.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <algorithm>

namespace motivo::linkedin {

void OwnerFinder::vote(std::string_view name, std::string_view url)
{
  const std::string key = text::name_key(name);
  if (key.empty()) return;
  Vote& v = votes_[key];
  if (v.name.empty()) v.name = text::collapse_spaces(name);
  if (v.url.empty() && !profile_slug(url).empty()) v.url = std::string(text::trim(url));
  ++v.count;
  ++total_;
}

void OwnerFinder::add_invitation(Direction direction, std::string_view from, std::string_view to,
                                 std::string_view from_url, std::string_view to_url)
{
  if (direction == Direction::incoming)
    vote(to, to_url);
  else
    vote(from, from_url);
}

void OwnerFinder::add_message_participant(std::string_view name, std::string_view url)
{
  vote(name, url);
}

void OwnerFinder::prefer(std::string_view name)
{
  preferred_ = text::name_key(name);
}

bool OwnerFinder::choose(std::string_view name)
{
  const std::string key = text::name_key(name);
  const std::uint64_t top = most();
  const auto it = votes_.find(key);
  if (key.empty() || it == votes_.end() || it->second.count != top) return false;
  chosen_ = key;
  return true;
}

std::uint64_t OwnerFinder::most() const
{
  std::uint64_t top = 0;
  for (const auto& entry : votes_) top = std::max(top, entry.second.count);
  return top;
}

std::vector<std::string> OwnerFinder::leaders() const
{
  std::vector<std::string> out;
  const std::uint64_t top = most();
  for (const auto& [key, v] : votes_)
    if (v.count == top) out.push_back(v.name);
  return out;
}

const OwnerFinder::Vote* OwnerFinder::best() const
{
  const std::uint64_t top = most();
  const Vote* only = nullptr;
  std::size_t tied = 0;
  for (const auto& [key, v] : votes_) {
    if (v.count != top) continue;
    // The user's word first, then the database's account.
    if (key == chosen_) return &v;
    ++tied;
    only = &v;
  }
  if (tied == 1) return only;
  const auto preferred = votes_.find(preferred_);
  if (preferred != votes_.end() && preferred->second.count == top) return &preferred->second;
  return nullptr;
}

std::string OwnerFinder::name() const
{
  const Vote* b = best();
  return b ? b->name : std::string{};
}

std::string OwnerFinder::url() const
{
  const Vote* b = best();
  return b ? b->url : std::string{};
}

std::uint64_t OwnerFinder::disagreeing() const
{
  const Vote* b = best();
  return b ? total_ - b->count : 0;
}

} // namespace motivo::linkedin
