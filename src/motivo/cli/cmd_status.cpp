#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/datetime.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace motivo::cli {

std::function<int()> setup_status(CLI::App& app, Context& context)
{
  app.add_flag("--json", context.json, "print as JSON");
  return [&context] {
    context.read_only = true;
    auto& store = context.store();
    context.user_id(); // an unknown --as is an error here as everywhere (status itself counts everyone's)
    const store::Counts c = store.counts();
    if (context.json) {
      fmt::print("{}\n", app::status_json(c, store.location(), 2));
      return 0;
    }
    fmt::print(fmt::runtime(tr("database     {}\n")), store.location());
    if (c.owner) fmt::print(fmt::runtime(tr("owner        {}\n")), *c.owner);
    fmt::print(fmt::runtime(tr("imports      {}{}\n")), c.imports,
               c.last_import_at ? fmt::format(fmt::runtime(tr(" (last {})")), datetime::format_iso(*c.last_import_at))
                                : "");
    fmt::print(fmt::runtime(tr("invitations  {} incoming, {} outgoing\n")), c.incoming, c.outgoing);
    fmt::print(fmt::runtime(c.drafts == 1 ? tr("messages     {} ({} draft)\n") : tr("messages     {} ({} drafts)\n")),
               c.messages, c.drafts);
    fmt::print(fmt::runtime(tr("connections  {}\n")), c.connections);
    fmt::print(fmt::runtime(tr("people       {}\n")), c.people);
    if (c.imports == 0)
      fmt::print("{}", tr("\nNothing imported yet: motivo import ~/Downloads/Basic_LinkedInDataExport_*.zip\n"));
    return 0;
  };
}

} // namespace motivo::cli
