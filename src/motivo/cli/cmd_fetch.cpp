#include <motivo/cli/commands.hpp>
#include <motivo/cli/mail_net.hpp>

#include <CLI/CLI.hpp>

#include <memory>

namespace motivo::cli {

std::function<int()> setup_fetch(CLI::App& app, Context& context)
{
  auto o = std::make_shared<FetchOptions>();
  app.add_option("--imap", o->url, "the mailbox: imaps://host[:port]/MAILBOX (INBOX when none)")->required();
  app.add_option("--user", o->user, "the login name")->required();
  app.add_option("--watch", o->watch, "fetch again at this interval (30s, 15m, 1h) until interrupted");
  app.add_option("--from", o->from, "fetch only messages whose From contains this (default linkedin.com)");
  app.add_option("--exec", o->exec,
                 "after a round that brought something new, run this with /bin/sh -c; the counts are in "
                 "MOTIVO_NEW_INVITATIONS, MOTIVO_NEW_REPLIES and MOTIVO_NEW_MESSAGES");
  app.add_flag("--json", context.json, "print each round's summary as JSON");
  app.add_flag("--insecure", o->insecure,
               "allow imap:// to a host that is not loopback without STARTTLS (the password crosses the network "
               "in clear)");
  return [o, &context] { return run_fetch(context, *o); };
}

} // namespace motivo::cli
