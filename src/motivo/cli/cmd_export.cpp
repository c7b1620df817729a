#include <motivo/app/export.hpp>
#include <motivo/cli/commands.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <random>

namespace motivo::cli {

std::function<int()> setup_export(CLI::App& app, Context& context)
{
  struct Options {
    std::string anonymize, json;
  };
  auto o = std::make_shared<Options>();
  auto* a =
      app.add_option("--anonymize", o->anonymize,
                     "write an export-shaped zip with consistent pseudonyms (to publish numbers or attach to a bug)");
  auto* j = app.add_option("--json", o->json, "write a full backup as JSON Lines");
  a->excludes(j);
  return [o, &context]() -> int {
    if (o->anonymize.empty() && o->json.empty()) {
      throw UsageError(Message(N_("give --anonymize OUT.zip or --json OUT")));
    }
    context.read_only = true;
    app::ExportSummary s;
    if (!o->anonymize.empty()) {
      std::random_device random;
      const std::uint64_t salt = (static_cast<std::uint64_t>(random()) << 32) ^ random();
      s = app::export_anonymized(context.store(), o->anonymize, salt);
    } else {
      s = app::export_json(context.store(), o->json);
    }
    if (o->anonymize.empty()) {
      fmt::print("{}: {} invitations, {} messages, {} connections, {} notes, asks and welcomes\n", o->json,
                 s.invitations, s.messages, s.connections, s.writings);
    } else {
      fmt::print("{}: {} invitations, {} messages, {} connections\n", o->anonymize, s.invitations, s.messages,
                 s.connections);
    }
    return 0;
  };
}

} // namespace motivo::cli
