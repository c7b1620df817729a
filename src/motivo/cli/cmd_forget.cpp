#include <motivo/app/classify.hpp>
#include <motivo/app/ids.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/store.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace motivo::cli {

namespace {

unsigned long n_of(std::int64_t n)
{
  return static_cast<unsigned long>(n);
}

// `form` (a count's plural form, from trn) with the count.
std::string count(const char* form, std::int64_t n)
{
  return fmt::format(fmt::runtime(form), n);
}

std::string group_messages(std::int64_t n)
{
  return count(trn("{} group message", "{} group messages", n_of(n)), n);
}

// "3 invitations (1 ask), 12 messages, 1 connection (0 welcomes), 2 notes", each count with its plural.
std::string removed_counts(const store::ForgetCounts& c)
{
  return fmt::format("{} ({}), {}, {} ({}), {}",
                     count(trn("{} invitation", "{} invitations", n_of(c.invitations)), c.invitations),
                     count(trn("{} ask", "{} asks", n_of(c.asks)), c.asks),
                     count(trn("{} message", "{} messages", n_of(c.messages)), c.messages),
                     count(trn("{} connection", "{} connections", n_of(c.connections)), c.connections),
                     count(trn("{} welcome", "{} welcomes", n_of(c.welcomes)), c.welcomes),
                     count(trn("{} note", "{} notes", n_of(c.notes)), c.notes));
}

struct ForgetOptions {
  std::string who;
  bool dry_run = false;
  bool yes = false;
};

// Forgetting cannot be undone: after showing who and what, the user confirms on a terminal (y), or a script
// says --yes beforehand. Without a terminal and without --yes, nothing is removed.
void confirm(const ForgetOptions& o, const std::string& who)
{
  if (o.dry_run || o.yes) return;
  if (!::isatty(STDIN_FILENO))
    throw UsageError(Message(N_("forgetting {} cannot be undone: give --yes to confirm (no terminal to ask on)"), who));
  fmt::print(stderr, fmt::runtime(tr("Forget {} for good? This cannot be undone. [y/N] ")), who);
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  std::string reply(text::trim(answer));
  for (char& c : reply) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (reply != "y" && reply != "yes" && reply != tr("yes"))
    throw InputError(Message(N_("nothing forgotten: {} stays"), who));
}

void print_counts(const store::ForgetCounts& c)
{
  fmt::print("  {}\n", removed_counts(c));
  if (c.group_messages)
    fmt::print(fmt::runtime(tr("  and their name in the recipients of {}\n")), group_messages(c.group_messages));
}

// The person is forgotten but the compaction that follows failed: said on stderr with what is left and how to
// finish, and exit status 3 (README: forgotten, not compacted).
int compaction_status(const store::ForgetCounts& c, const std::string& location)
{
  switch (c.compaction) {
  case store::Compaction::done: return 0;
  case store::Compaction::file_not_shrunk:
    fmt::print(stderr,
               fmt::runtime(tr("motivo: warning: forgotten, but the database could not be compacted afterwards ({}): "
                               "the removed text was overwritten in place, and the file keeps its size until it is "
                               "compacted (sqlite3 {} VACUUM, once there is room)\n")),
               c.compaction_error, location);
    break;
  case store::Compaction::text_in_free_space: {
    std::string tables;
    for (const std::string& t : c.uncompacted) tables += (tables.empty() ? "" : ", ") + t;
    fmt::print(stderr,
               fmt::runtime(tr("motivo: warning: forgotten, but the database could not be compacted afterwards ({}): "
                               "the removed text stays in the free space of the table files until PostgreSQL writes "
                               "over it; once the server has room, run VACUUM FULL {} (psql) to remove it\n")),
               c.compaction_error, tables);
    break;
  }
  }
  return 3;
}

// Someone with no person record: perhaps a name among the recipients of group messages only.
int forget_recipient(Context& context, const ForgetOptions& o)
{
  auto& store = context.store();
  const store::ForgetCounts c = store.forget_recipient(o.who, true);
  if (c.group_messages == 0) throw InputError(Message(N_("nobody stored matches {}"), quote_value(o.who)));
  if (!context.json)
    fmt::print(fmt::runtime(tr("Would forget {}: their name in the recipients of {}\n")), o.who,
               group_messages(c.group_messages));
  confirm(o, o.who);
  const store::ForgetCounts done = o.dry_run ? c : store.forget_recipient(o.who, false);
  if (context.json) {
    store::ForgetCounts only = done; // the names in group messages: nothing else is counted
    only.group_messages = c.group_messages;
    fmt::print("{}\n", app::forget_json(std::nullopt, o.who, o.dry_run, only, 2));
  } else if (!o.dry_run) {
    fmt::print(fmt::runtime(tr("Forgot {}: their name in the recipients of {}\n")), o.who,
               group_messages(c.group_messages));
    if (done.compaction == store::Compaction::done)
      fmt::print("{}", tr("  The removed text is gone from the database's files: overwritten, not only unlinked.\n"));
  }
  return compaction_status(done, store.location());
}

} // namespace

std::function<int()> setup_forget(CLI::App& app, Context& context)
{
  auto o = std::make_shared<ForgetOptions>();
  app.add_option("person", o->who,
                 "the person: their id (p21; i21 the other person of an invitation, c21 a connection's), profile URL "
                 "or slug, or full name")
      ->required();
  app.add_flag("--dry-run,-n", o->dry_run, "only say what would be removed");
  app.add_flag("--yes,-y", o->yes, "do not ask for confirmation (for scripts; without a terminal it is required)");
  app.add_flag("--json", context.json, "print what was (or would be) removed as JSON");
  return [o, &context]() -> int {
    context.read_only = o->dry_run; // a dry run only reads: beside an import or a server, on a file it cannot write
    auto& store = context.store();
    if (!app::parse_ref(o->who, app::IdKind::person) && store.find_people(o->who).empty())
      return forget_recipient(context, *o);
    const store::PersonView person = one_person(store, context.user_id(), o->who);
    const std::string who = fmt::format("{} ({})", person.name, app::person_id(person.id));
    static const classify::Classifier classifier;
    const auto relabel = [](store::NoteLabels& labels) { app::classify_stored(labels, classifier); };
    const store::ForgetCounts c = store.forget_person(person.id, true, relabel);
    if (c.is_owner) {
      throw InputError(Message(N_("{} owns the imported data: forgetting them is deleting the database ({})"), who,
                               store.location()));
    }
    if (!context.json) {
      fmt::print(fmt::runtime(tr("Would forget {}:\n")), who);
      print_counts(c);
    }
    confirm(*o, who);
    const store::ForgetCounts done = o->dry_run ? c : store.forget_person(person.id, false, relabel);
    if (context.json) {
      fmt::print("{}\n", app::forget_json(person.id, person.name, o->dry_run, done, 2));
    } else if (!o->dry_run) {
      fmt::print(fmt::runtime(tr("Forgot {}.\n")), who);
      if (done.compaction == store::Compaction::done)
        fmt::print("{}", tr("  The removed text is gone from the database's files: overwritten, not only unlinked.\n"));
    }
    return compaction_status(done, store.location());
  };
}

} // namespace motivo::cli
