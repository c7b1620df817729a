#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/datetime.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace motivo::cli {

namespace {

// Whose exports the database holds: a line per account, with the user who imports it in team mode.
void print_accounts(const std::vector<store::Account>& accounts)
{
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const store::Account& a = accounts[i];
    const char* head = i > 0 ? "             " : accounts.size() == 1 ? tr("owner        ") : tr("owners       ");
    if (a.user)
      fmt::print(fmt::runtime(tr("{}{} (user {})\n")), head, a.name, *a.user);
    else
      fmt::print("{}{}\n", head, a.name);
  }
}

} // namespace

std::function<int()> setup_status(CLI::App& app, Context& context)
{
  app.add_flag("--json", context.json, "print as JSON");
  return [&context] {
    auto& store = context.store();
    context.user_id(); // an unknown --as is an error here as everywhere (status itself counts everyone's)
    const store::Counts c = store.counts();
    const std::vector<store::Account> accounts = store.accounts();
    if (context.json) {
      fmt::print("{}\n", app::status_json(c, accounts, store.location(), 2));
      return 0;
    }
    fmt::print(fmt::runtime(tr("database     {}\n")), store.location());
    print_accounts(accounts);
    fmt::print(fmt::runtime(tr("imports      {}{}\n")), c.imports,
               c.last_import_at ? fmt::format(fmt::runtime(tr(" (last {})")), datetime::format_iso(*c.last_import_at))
                                : "");
    fmt::print(fmt::runtime(tr("invitations  {}, {}\n")),
               fmt::format(fmt::runtime(trn("{} incoming", "{} incoming", c.incoming)), c.incoming),
               fmt::format(fmt::runtime(trn("{} outgoing", "{} outgoing", c.outgoing)), c.outgoing));
    fmt::print(fmt::runtime(trn("messages     {} ({} draft)\n", "messages     {} ({} drafts)\n", c.drafts)), c.messages,
               c.drafts);
    fmt::print(fmt::runtime(tr("connections  {}\n")), c.connections);
    if (!c.acceptance_known)
      fmt::print("{}", tr("acceptance   unknown: no export with Connections.csv imported, so who accepted is not "
                          "known\n"));
    fmt::print(fmt::runtime(tr("people       {}\n")), c.people);
    if (c.imports == 0)
      fmt::print("{}", tr("\nNothing imported yet: motivo import ~/Downloads/Basic_LinkedInDataExport_*.zip\n"));
    return 0;
  };
}

} // namespace motivo::cli
