#include <motivo/app/ids.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/welcome.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/names.hpp>
#include <motivo/core/protocol/messages.hpp>
#include <motivo/core/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace motivo::cli {

store::PersonView one_person(store::Store& store, std::optional<std::int64_t> scope, const std::string& who)
{
  // An id: p21 (or 21) the person, i21 the other person of an invitation, c21 a connection's.
  if (const auto ref = app::parse_ref(who, app::IdKind::person)) return app::person_of(store, scope, *ref);
  const auto people = store.find_people(who);
  if (people.empty()) throw InputError(Message(N_("nobody stored matches {}"), quote_value(who)));
  if (people.size() > 1) {
    std::string list;
    for (const auto& p : people)
      list += fmt::format("\n  {}  {}{}", app::person_id(p.id), p.name, p.slug.empty() ? "" : " (" + p.slug + ")");
    throw InputError(Message(N_("{} people match {}: give the id instead{}"), people.size(), quote_value(who), list));
  }
  return people.front();
}

std::function<int()> setup_note(CLI::App& app, Context& context)
{
  auto who = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  app.add_option("person", *who,
                 "the person: their id (p21; i21 the other person of an invitation, c21 a connection's), profile URL "
                 "or slug, or full name")
      ->required();
  app.add_option("text", *text, "why you connected, who introduced you, …")->required();
  return [who, text, &context]() -> int {
    if (text::trim(*text).empty()) throw InputError("the note is empty");
    const store::PersonView person = one_person(context.store(), context.user_id(), *who);
    context.store().add_person_note(person.id, *text, context.now());
    fmt::print(fmt::runtime(tr("note kept for {} ({})\n")), person.name, app::person_id(person.id));
    return 0;
  };
}

std::function<int()> setup_people(CLI::App& app, Context& context)
{
  auto search = std::make_shared<std::string>();
  app.add_option("--search", *search, "words to find in your notes (accents and case ignored) or in names")->required();
  app.add_flag("--json", context.json, "print a JSON array");
  return [search, &context]() -> int {
    context.read_only = true;
    const auto people = context.store().search_people(*search);
    if (context.json) {
      fmt::print("{}\n", app::people_json(people, 2));
      return 0;
    }
    for (const auto& p : people) {
      fmt::print("{:>7}  {}\n", app::person_id(p.id), p.name);
      for (const auto& n : p.notes) fmt::print("        {}\n", n);
    }
    if (people.empty())
      fmt::print("{}", tr("Nobody matches. Keep notes with: motivo note PERSON \"why we connected\"\n"));
    return 0;
  };
}

namespace {

// The connections `--record` names (c21, or p21 and i21 resolved to that person's connection), each once.
std::vector<std::int64_t> connections_named(Context& context, const std::vector<std::string>& ids)
{
  std::vector<std::int64_t> out;
  for (const std::string& text : ids) {
    const auto ref = app::parse_ref(text, app::IdKind::connection);
    if (!ref)
      throw InputError(Message(N_("not a connection id like c21 (motivo welcome lists them): {}"), quote_value(text)));
    const std::int64_t id = app::connection_of(context.store(), context.user_id(), *ref).id;
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

} // namespace

std::function<int()> setup_welcome(CLI::App& app, Context& context)
{
  struct Options {
    std::int64_t limit = 20;
    std::vector<std::string> record;
    bool all = false;
  };
  auto o = std::make_shared<Options>();
  app.add_option("--limit,-n", o->limit, "look at the latest N connections (default 20)")->check(non_negative());
  app.add_option("--record", o->record,
                 "record these connections as welcomed: their ids (c21; p21 a person's connection, i21 the other "
                 "person's of an invitation)");
  app.add_flag("--all", o->all, "list welcomed connections too");
  app.add_flag("--json", context.json, "print a JSON array");
  return [o, &context]() -> int {
    const protocol::Config& config = context.config();
    context.read_only = o->record.empty();
    // Recording looks at every connection: an id older than the latest --limit is recorded too.
    const std::vector<std::int64_t> record = connections_named(context, o->record);
    const auto all = app::welcomes(context.store(), record.empty() ? o->limit : -1);
    const auto recording = [&](std::int64_t id) { return std::find(record.begin(), record.end(), id) != record.end(); };
    std::vector<app::WelcomeMessage> shown;
    for (const app::Welcomed& w : all) {
      const store::ConnectionView& c = w.connection;
      const bool record_now = recording(c.id);
      if (!record.empty() && !record_now) continue;
      if (w.welcome.welcomed_at && !o->all && !record_now) continue;
      protocol::MessageValues values;
      values.first_name = app::greeting_name(context.store(), c.owner, c.person, c.name);
      values.my_name = config.my_name;
      values.my_link = config.my_link;
      values.local_hour = context.local_hour();
      const std::string& language = config.language;
      const std::string text =
          protocol::render_message(protocol::message_template("welcome", language, config.templates), values, language,
                                   context.config_location());
      if (record_now) context.store().record_welcome(c.id, context.now(), text);
      shown.push_back({w, record_now, text});
      if (context.json) continue;
      // A welcome already sent needs no text to paste: the line says when, and whether they replied.
      fmt::print(fmt::runtime(tr("{:>7}  {}  (connected {}){}\n")), app::connection_id(c.id), c.name, c.connected_on,
                 record_now              ? tr(", recorded as welcomed")
                 : w.welcome.replied_at  ? tr(", welcomed, replied")
                 : w.welcome.welcomed_at ? tr(", welcomed, no reply yet")
                                         : "");
      if (record_now || !w.welcome.welcomed_at) fmt::print("{}\n", text);
      fmt::print("\n");
    }
    if (context.json)
      fmt::print("{}\n", app::welcomes_json(shown, 2));
    else if (shown.empty())
      fmt::print("{}", all.empty() ? tr("No connections stored: import an export with Connections.csv.\n")
                                   : tr("Every recent connection has been welcomed.\n"));
    return 0;
  };
}

std::function<int()> setup_compose(CLI::App& app, Context& context)
{
  struct Options {
    std::string to, template_file, text, language;
  };
  auto o = std::make_shared<Options>();
  app.add_option("--to", o->to, "the person you invite (full name)")
      ->required()
      ->check(CLI::Validator(
          [](std::string& v) { return text::trim(v).empty() ? std::string("must name someone") : std::string(); },
          "NAME"));
  auto* file =
      app.add_option("--template", o->template_file, "a mustache file with the note")->check(CLI::ExistingFile);
  auto* text = app.add_option("--text", o->text, "the note itself (mustache placeholders allowed)");
  file->excludes(text);
  app.add_option("--language", o->language, "es or en, for {{greeting}} (default: the configured language)")
      ->check(CLI::IsMember({"es", "en"}));
  app.add_flag("--json", context.json, "print as JSON");
  return [o, &context]() -> int {
    const protocol::Config& config = context.config();
    std::string source = "<--text>";
    std::string tmpl = o->text;
    if (!o->template_file.empty()) {
      std::ifstream in(o->template_file, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      tmpl = s.str();
      while (!tmpl.empty() && (tmpl.back() == '\n' || tmpl.back() == '\r')) tmpl.pop_back();
      source = o->template_file;
    }
    if (tmpl.empty()) throw InputError("give the note with --text or --template FILE");
    protocol::MessageValues values;
    values.first_name = names::greeting_name(o->to);
    values.my_name = config.my_name;
    values.my_link = config.my_link;
    values.local_hour = context.local_hour();
    const std::string language = o->language.empty() ? config.language : o->language;
    const std::string note = protocol::render_message(tmpl, values, language, source);
    const std::size_t limit = config.account == "premium" ? 300 : 200;
    const std::size_t length = protocol::platform_length(note);
    if (context.json) {
      fmt::print("{}\n", app::compose_json(o->to, note, length, limit, 2));
    } else if (length <= limit) {
      fmt::print(fmt::runtime(tr("{}\n\n{} of {} characters ({} account)\n")), note, length, limit, config.account);
    }
    if (length > limit) {
      // Where the text overflows: the part that fits, then the rest, marked.
      std::size_t units = 0, cut = 0;
      while (cut < note.size()) {
        std::size_t next = cut + 1;
        while (next < note.size() && (static_cast<unsigned char>(note[next]) & 0xC0) == 0x80) ++next;
        const std::size_t w = protocol::platform_length(std::string_view(note).substr(cut, next - cut));
        if (units + w > limit) break;
        units += w;
        cut = next;
      }
      throw InputError(source, 0,
                       Message(N_("the note is {} characters, {} over the limit of {} for a {} account; it overflows "
                                  "here: {}⟦{}⟧"),
                               length, length - limit, limit, config.account, note.substr(0, cut), note.substr(cut)));
    }
    return 0;
  };
}

} // namespace motivo::cli
