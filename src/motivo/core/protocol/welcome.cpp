#include <motivo/core/classify/fold.hpp>
#include <motivo/core/data_files.hpp>
#include <motivo/core/protocol/welcome.hpp>

#include <algorithm>
#include <string>

namespace motivo::protocol {

namespace {

struct ConnectedPhrase {
  std::string folded; // padded with spaces: whole words only
  bool owner_only = false;
};

const std::vector<ConnectedPhrase>& connected_phrases()
{
  static const std::vector<ConnectedPhrase> phrases = [] {
    std::vector<ConnectedPhrase> out;
    for (const auto& row : data::rows("connected_phrases.tsv")) {
      if (row.size() < 2) continue;
      out.push_back({" " + classify::fold(row[0]) + " ", row[1] == "you"});
    }
    return out;
  }();
  return phrases;
}

} // namespace

bool reads_as_connected(std::string_view text, bool from_owner)
{
  if (text.empty()) return false;
  const std::string padded = " " + classify::fold(text) + " ";
  return std::any_of(connected_phrases().begin(), connected_phrases().end(), [&](const ConnectedPhrase& p) {
    return (from_owner || !p.owner_only) && padded.find(p.folded) != std::string::npos;
  });
}

WelcomeTimeline welcome_timeline(const WelcomeFacts& f)
{
  WelcomeTimeline t;
  std::vector<MessageStamp> messages = f.messages;
  std::sort(messages.begin(), messages.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  for (const auto& m : messages) {
    if (!m.from_owner || m.at < f.connected_from || (f.not_before && m.at <= *f.not_before)) continue;
    t.welcomed_at = m.at;
    break;
  }
  if (f.recorded && (!t.welcomed_at || *f.recorded < *t.welcomed_at)) t.welcomed_at = f.recorded;
  if (!t.welcomed_at) return t;
  for (const auto& m : messages) {
    if (!m.from_owner && m.at > *t.welcomed_at) {
      t.replied_at = m.at;
      break;
    }
  }
  return t;
}

} // namespace motivo::protocol
