// `motivo fetch`'s rounds: built into the mail and network module (mail_net.hpp), where libcurl and GMime are.
#include <motivo/app/arrivals.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/mail.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/mail_net.hpp>
#include <motivo/cli/mail_report.hpp>
#include <motivo/cli/watch.hpp>
#include <motivo/io/command.hpp>
#include <motivo/io/imap.hpp>
#include <motivo/io/mail.hpp>

#include <fmt/format.h>
#include <termios.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace motivo::cli {

namespace {

// The password from MOTIVO_IMAP_PASSWORD, else asked on the terminal without echo.
std::string imap_password(const std::string& key)
{
  if (const char* p = std::getenv("MOTIVO_IMAP_PASSWORD")) return p;
  const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) throw std::runtime_error("no password: set MOTIVO_IMAP_PASSWORD (there is no terminal to ask on)");
  const std::string prompt = fmt::format(fmt::runtime(tr("Password for {}: ")), key);
  (void)!::write(tty, prompt.data(), prompt.size());
  termios old{};
  const bool is_tty = ::tcgetattr(tty, &old) == 0;
  if (is_tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  std::string password;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n') password += c;
  if (is_tty) ::tcsetattr(tty, TCSAFLUSH, &old);
  (void)!::write(tty, "\n", 1);
  ::close(tty);
  return password;
}

// One round: what arrived in the mailbox since the cursor, stored with the new cursor in one transaction, then
// reported.
void fetch_round(Context& context, io::ImapMailbox& mailbox, const std::string& from)
{
  auto& store = context.store();
  const std::int64_t uidvalidity = mailbox.open();
  const auto cursor = store.mail_cursor(mailbox.key());
  const std::int64_t after = cursor && cursor->uidvalidity == uidvalidity ? cursor->last_uid : 0;
  const std::vector<std::int64_t> uids = mailbox.search(after, from);
  app::MailScan scan(context.now());
  for (const std::int64_t uid : uids) {
    if (stop_requested()) return;
    const auto fetched = mailbox.fetch(uid, mail::max_message_bytes + 1);
    scan.add(io::decode_mail(fetched.bytes, fmt::format("{} UID {}", mailbox.key(), uid), fetched.size));
  }
  app::ImportOptions options;
  options.now = context.now();
  options.user = context.user_id();
  app::MailCursorUpdate update{mailbox.key(), {uidvalidity, uids.empty() ? after : uids.back(), options.now}};
  const auto report = app::import_mail(store, std::move(scan), mailbox.key(), options, update);
  if (context.json)
    fmt::print("{}\n", app::mail_import_json(report, -1));
  else
    print_mail_report(report, mailbox.key(), store.location());
  std::fflush(stdout);
}

// --exec: after a round that stored something new, runs `command` with the counts in its environment. What is new
// is counted as the web page counts it (app::arrivals_between over the rows stored since `before`), not from the
// mail import's report, so that invitations, replies and messages mean the same everywhere, and messages read
// from mail count as soon as the mail import stores them. Only numbers go into the environment: nothing the mail
// says reaches the shell. A command that fails is a warning; the watch goes on.
void run_exec(Context& context, const std::string& command, const store::ArrivalMarks& before)
{
  auto& store = context.store();
  const store::ArrivalMarks after = store.arrival_marks();
  if (after == before) return;
  const app::Arrivals arrived = app::arrivals_between(store, context.user_id(), before, after);
  if (!arrived.any()) return;
  const io::CommandResult result = io::run_shell(command,
                                                 {{"MOTIVO_NEW_INVITATIONS", std::to_string(arrived.invitations)},
                                                  {"MOTIVO_NEW_REPLIES", std::to_string(arrived.replies)},
                                                  {"MOTIVO_NEW_MESSAGES", std::to_string(arrived.messages)}},
                                                 {"MOTIVO_IMAP_PASSWORD"}); // the password is not the command's
  std::string problem;
  if (!result.started)
    problem = fmt::format(fmt::runtime(tr("--exec: cannot run the command: {}")), result.error);
  else if (result.signal != 0)
    problem = fmt::format(fmt::runtime(tr("--exec: the command was ended by signal {}")), result.signal);
  else if (result.exit_status != 0)
    problem = fmt::format(fmt::runtime(tr("--exec: the command exited with status {}")), result.exit_status);
  if (!problem.empty()) fmt::print(stderr, "motivo: warning: {}\n", problem);
}

} // namespace

int run_fetch(Context& context, const FetchOptions& options)
{
  std::optional<std::chrono::seconds> interval;
  if (!options.watch.empty()) interval = parse_interval(options.watch);
  io::ImapAccount account{options.url, options.user, {}, options.insecure};
  io::ImapMailbox probe(account); // checks the URL before asking for a password
  if (probe.cleartext_over_network())
    fmt::print(stderr, "motivo: warning: {}\n",
               fmt::format(fmt::runtime(tr("{} is not a loopback address: with --insecure the password may cross "
                                           "the network in clear")),
                           probe.key()));
  account.password = imap_password(probe.key());
  io::ImapMailbox mailbox(account);
  if (interval) {
    context.long_running = true;
    stop_on_signals();
  }
  while (!stop_requested()) {
    try {
      const store::ArrivalMarks before = context.store().arrival_marks();
      fetch_round(context, mailbox, options.from);
      if (!options.exec.empty() && !stop_requested()) run_exec(context, options.exec, before);
    } catch (const io::ImapError& e) {
      if (!interval) throw;
      fmt::print(stderr, "motivo: warning: {}; trying again in {} s\n", e.what(), interval->count());
    }
    if (!interval || !wait_for_next_round(*interval)) break;
  }
  return 0;
}

} // namespace motivo::cli
