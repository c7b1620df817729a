#include <motivo/app/classify.hpp>
#include <motivo/app/ids.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/labels.hpp>
#include <motivo/cli/words.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace motivo::cli {

std::string labels_line(const app::ClassifySummary& summary)
{
  std::string out = fmt::format(fmt::runtime(tr("notes: {} labelled:")), summary.notes);
  for (const auto l : classify::all_labels)
    out += fmt::format(" {} {}{}", summary.by_label[static_cast<std::size_t>(l)], label_word(l),
                       l == classify::Label::personalized ? "" : ",");
  out +=
      fmt::format(fmt::runtime(trn("; {} mass campaign", "; {} mass campaigns", summary.campaigns)), summary.campaigns);
  return out;
}

std::function<int()> setup_label(CLI::App& app, Context& context)
{
  struct Options {
    std::string id;
    std::string label;
    bool clear = false;
  };
  auto o = std::make_shared<Options>();
  app.add_option("id", o->id, "the invitation (its id in `motivo invitations`, such as i21)")->required();
  auto* label = app.add_option("label", o->label, "empty, default, template, spam or personalized")
                    ->check(CLI::IsMember({"empty", "default", "template", "spam", "personalized"}));
  auto* clear = app.add_flag("--clear", o->clear, "remove your label: the classifier's applies again");
  label->excludes(clear);
  return [o, &context]() -> int {
    if (!o->clear && o->label.empty()) {
      throw UsageError(Message(N_("give a LABEL or --clear")));
    }
    const datetime::UnixSeconds now = context.now();
    const std::optional<std::string> value = o->clear ? std::nullopt : std::optional<std::string>(o->label);
    const std::int64_t id = app::invitation_named(context.store(), context.user_id(), o->id).id;
    app::set_label(context.store(), context.user_id(), id, value, now);
    if (o->clear)
      fmt::print(fmt::runtime(tr("invitation {}: your label removed; the classifier's applies\n")),
                 app::invitation_id(id));
    else
      fmt::print(fmt::runtime(tr("invitation {}: labelled {} (kept when motivo reclassifies)\n")),
                 app::invitation_id(id), o->label);
    // The correction teaches at once: its near-duplicates and the model of your labels.
    const classify::Classifier classifier;
    const app::ClassifySummary summary = app::classify_stored(context.store(), classifier);
    if (summary.like_corrected > 0)
      fmt::print(fmt::runtime(trn("{} note like a note you labelled follows your label\n",
                                  "{} notes like notes you labelled follow your labels\n", summary.like_corrected)),
                 summary.like_corrected);
    if (summary.by_model > 0)
      fmt::print(fmt::runtime(trn("{} note relabelled by what your corrections taught\n",
                                  "{} notes relabelled by what your corrections taught\n", summary.by_model)),
                 summary.by_model);
    return 0;
  };
}

std::function<int()> setup_reclassify(CLI::App& app, Context& context)
{
  app.add_flag("--json", context.json, "print the summary as JSON");
  return [&context]() -> int {
    const classify::Classifier classifier;
    const app::ClassifySummary summary = app::classify_stored(context.store(), classifier);
    if (context.json)
      fmt::print("{}\n", app::labels_json(summary, 2));
    else
      fmt::print("{}\n", labels_line(summary));
    return 0;
  };
}

} // namespace motivo::cli
