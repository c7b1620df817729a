#include <motivo/app/classify.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>
#include <motivo/store/store.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

} // namespace

std::function<int()> setup_forget(CLI::App& app, Context& context)
{
  auto who = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  app.add_option("person", *who, "the person: their id, profile URL or slug, or full name")->required();
  app.add_flag("--dry-run,-n", *dry_run, "only say what would be removed");
  app.add_flag("--json", context.json, "print what was (or would be) removed as JSON");
  return [who, dry_run, &context]() -> int {
    auto& store = context.store();
    if (store.find_people(*who).empty()) {
      // No person record: perhaps a name among the recipients of group messages only.
      const store::ForgetCounts c = store.forget_recipient(*who, *dry_run);
      if (c.group_messages == 0)
        throw InputError("<argument>", 0, Message(N_("nobody stored matches {}"), quote_value(*who)));
      if (context.json) {
        store::ForgetCounts only; // the names in group messages: nothing else is counted
        only.group_messages = c.group_messages;
        fmt::print("{}\n", app::forget_json(std::nullopt, *who, *dry_run, only, 2));
        return 0;
      }
      fmt::print(fmt::runtime(*dry_run ? tr("Would forget {}: their name in the recipients of {}\n")
                                       : tr("Forgot {}: their name in the recipients of {}\n")),
                 *who, group_messages(c.group_messages));
      if (!*dry_run) fmt::print("{}", tr("  The database was compacted: the removed text is gone from the file.\n"));
      return 0;
    }
    const store::PersonView person = one_person(store, *who);
    static const classify::Classifier classifier;
    const store::ForgetCounts c = store.forget_person(
        person.id, *dry_run, [](store::NoteLabels& labels) { app::classify_stored(labels, classifier); });
    if (c.is_owner) {
      throw InputError("<argument>", 0,
                       fmt::format("{} ({}) owns the imported data: forgetting them is deleting the database ({})",
                                   person.name, person.id, store.location()));
    }
    if (context.json) {
      fmt::print("{}\n", app::forget_json(person.id, person.name, *dry_run, c, 2));
      return 0;
    }
    fmt::print(fmt::runtime(*dry_run ? tr("Would forget {} ({}):\n") : tr("Forgot {} ({}):\n")), person.name,
               person.id);
    fmt::print("  {}\n", removed_counts(c));
    if (c.group_messages)
      fmt::print(fmt::runtime(tr("  and their name in the recipients of {}\n")), group_messages(c.group_messages));
    if (!*dry_run) fmt::print("{}", tr("  The database was compacted: the removed text is gone from the file.\n"));
    return 0;
  };
}

} // namespace motivo::cli
