#include <motivo/app/ids.hpp>
#include <motivo/app/learning.hpp>
#include <motivo/core/classify/near_duplicates.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace motivo::app {

namespace {

// What note `f` teaches, if anything.
std::optional<classify::Label> taught_label(const store::NoteFacts& f)
{
  if (f.user_label) return f.user_label;
  if (!f.decision) return std::nullopt;
  if (*f.decision == protocol::Decision::spam) return classify::Label::spam;
  return f.label;
}

// How sure a label copied from a near-duplicate's correction is said to be.
constexpr double like_corrected_confidence = 0.9;

} // namespace

Learning::Learning(const store::Notes& stored) : stored_(stored)
{
  // Each account's notes, and its examples newest first.
  std::map<PersonId, std::vector<std::size_t>> notes_of;
  std::map<PersonId, std::vector<classify::Example>> examples_of;
  std::set<PersonId> corrected;
  for (std::size_t i = stored.ids.size(); i-- > 0;) {
    const store::NoteFacts& f = stored.facts[i];
    notes_of[f.owner].push_back(i);
    if (f.user_label) corrected.insert(f.owner);
    if (const auto label = taught_label(f))
      examples_of[f.owner].push_back({stored.notes[i], *label, f.user_label ? f.label : std::nullopt});
  }
  for (const PersonId owner : corrected) {
    auto& notes = notes_of[owner];
    std::reverse(notes.begin(), notes.end());
    find_near_duplicates(notes);
    const auto& examples = examples_of[owner];
    store::StoredModel m{owner, classify::fingerprint(examples), static_cast<std::int64_t>(examples.size()), {}};
    const auto old = std::find_if(stored.models.begin(), stored.models.end(), [&](const store::StoredModel& s) {
      return s.owner == owner && s.fingerprint == m.fingerprint;
    });
    std::optional<classify::UserModel> model;
    if (old != stored.models.end()) model = classify::UserModel::parse(old->model);
    if (model) {
      m.model = old->model;
    } else {
      model = classify::UserModel::train(examples);
      m.model = model->serialize();
    }
    by_owner_.emplace(owner, std::move(*model));
    models_.push_back(std::move(m));
  }
  changed_ = models_ != stored.models;
}

void Learning::find_near_duplicates(const std::vector<std::size_t>& notes)
{
  std::vector<classify::Note> texts;
  texts.reserve(notes.size());
  for (const std::size_t i : notes) texts.push_back(stored_.notes[i]);
  const std::vector<std::int64_t> groups = classify::near_duplicate_groups(texts);
  // The latest correction of each group (the later id when two were made in the same second).
  std::map<std::int64_t, std::size_t> correction;
  for (std::size_t k = 0; k < notes.size(); ++k) {
    const store::NoteFacts& f = stored_.facts[notes[k]];
    if (groups[k] < 0 || !f.user_label) continue;
    const auto [it, added] = correction.emplace(groups[k], notes[k]);
    if (!added && stored_.facts[it->second].user_label_at <= f.user_label_at) it->second = notes[k];
  }
  for (std::size_t k = 0; k < notes.size(); ++k) {
    if (groups[k] < 0 || stored_.facts[notes[k]].user_label) continue;
    if (const auto it = correction.find(groups[k]); it != correction.end()) like_[notes[k]] = it->second;
  }
}

Learning::Taught Learning::apply(std::size_t i, classify::Result& r) const
{
  const store::NoteFacts& f = stored_.facts[i];
  if (f.user_label) return Taught::nothing;
  if (const auto it = like_.find(i); it != like_.end()) {
    const store::NoteFacts& source = stored_.facts[it->second];
    const classify::Label was = r.label;
    const double was_confidence = r.confidence;
    r.label = *source.user_label;
    r.confidence = like_corrected_confidence;
    r.reasons.insert(r.reasons.begin(),
                     {fmt::format("like the note you labelled on {} ({})", datetime::format_date(source.user_label_at),
                                  invitation_id(stored_.ids[it->second])),
                      fmt::format("the rules alone: {} ({:.2f})", classify::label_name(was), was_confidence)});
    return Taught::like_corrected;
  }
  const auto model = by_owner_.find(f.owner);
  if (model != by_owner_.end() && model->second.blend(stored_.notes[i], r)) return Taught::model;
  return Taught::nothing;
}

} // namespace motivo::app
