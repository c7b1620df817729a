#include <motivo/core/linkedin/owner.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

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

const OwnerFinder::Vote* OwnerFinder::best() const
{
  const Vote* best = nullptr;
  for (const auto& [key, v] : votes_) {
    if (!best || v.count > best->count || (v.count == best->count && key == preferred_)) best = &v;
  }
  return best;
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
