#include <motivo/cli/commands.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/text.hpp>
#include <motivo/core/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>

namespace motivo::cli {

namespace {

// The first `width` code points of `text` on one line, with an ellipsis when cut.
std::string one_line(std::string_view text, std::size_t width)
{
  std::string flat = text::collapse_spaces(text);
  if (utf8::count_code_points(flat) <= width) return flat;
  std::size_t points = 0;
  std::size_t i = 0;
  for (; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80 && points++ == width - 1) break;
  }
  return flat.substr(0, i) + "…";
}

nlohmann::json to_json(const store::InvitationView& v)
{
  nlohmann::json j{{"id", v.id},
                   {"direction", to_string(v.direction)},
                   {"from", v.from},
                   {"to", v.to},
                   {"sent_at", datetime::format_iso(v.sent_at)},
                   {"message", v.message},
                   {"from_url", v.from_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.from_url)},
                   {"to_url", v.to_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.to_url)},
                   {"outcome", v.outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.outcome)}};
  j["outcome_at"] = v.outcome_at ? nlohmann::json(datetime::format_iso(*v.outcome_at)) : nlohmann::json(nullptr);
  j["label"] = v.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.label);
  j["label_source"] = v.label.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.label_by_user ? "user" : "motivo");
  j["language"] = v.language.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.language);
  j["confidence"] = v.confidence ? nlohmann::json(std::round(*v.confidence * 100) / 100) : nlohmann::json(nullptr);
  j["reasons"] = v.reasons;
  j["campaign"] = v.campaign ? nlohmann::json(*v.campaign) : nlohmann::json(nullptr);
  return j;
}

} // namespace

std::function<int()> setup_invitations(CLI::App& app, Context& context)
{
  struct Options {
    bool incoming = false;
    bool outgoing = false;
    std::int64_t limit = -1;
    std::string label;
  };
  auto o = std::make_shared<Options>();
  auto* in = app.add_flag("--incoming", o->incoming, "only invitations you received");
  auto* out = app.add_flag("--outgoing", o->outgoing, "only invitations you sent");
  in->excludes(out);
  app.add_option("--limit,-n", o->limit, "show at most this many");
  app.add_option("--label", o->label, "only notes with this label")
      ->check(CLI::IsMember({"empty", "default", "template", "spam", "personalized"}));
  app.add_flag("--json", context.json, "print a JSON array");
  return [o, &context] {
    store::InvitationQuery q;
    if (o->incoming) q.direction = Direction::incoming;
    if (o->outgoing) q.direction = Direction::outgoing;
    q.limit = o->limit;
    if (!o->label.empty()) q.label = o->label;
    const auto list = context.store().invitations(q);
    if (context.json) {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& v : list) array.push_back(to_json(v));
      fmt::print("{}\n", array.dump(2));
      return 0;
    }
    for (const auto& v : list) {
      const bool incoming = v.direction == Direction::incoming;
      const std::string who = incoming ? "from " + v.from : "to " + v.to;
      const std::string note = v.message.empty() ? "(no note)" : one_line(v.message, 60);
      fmt::print("{:>6}  {}  {:<9}  {:<13}  {:<32}  {}\n", v.id, datetime::format_iso(v.sent_at).substr(0, 16),
                 v.outcome.empty() ? "pending" : v.outcome, v.label + (v.label_by_user ? "*" : ""), one_line(who, 32),
                 note);
    }
    if (list.empty()) fmt::print("No invitations stored. Import an export first: motivo import EXPORT.zip\n");
    return 0;
  };
}

} // namespace motivo::cli
