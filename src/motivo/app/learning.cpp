#include <motivo/app/ids.hpp>
#include <motivo/app/learning.hpp>

#include <fmt/format.h>

#include <algorithm>

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

Learning::Learning(const store::Notes& stored)
{
  observe(stored, 0);
  finish(stored.models);
  if (!wants_near_duplicates()) return;
  near_duplicates(stored, 0);
  link_near_duplicates();
}

void Learning::observe(const store::Notes& chunk, std::size_t /*first*/)
{
  for (std::size_t k = 0; k < chunk.ids.size(); ++k) {
    const store::NoteFacts& f = chunk.facts[k];
    if (f.user_label) corrected_.insert(f.owner);
    const auto label = taught_label(f);
    if (!label) continue;
    const classify::Note& n = chunk.notes[k];
    example_notes_.add(chunk.ids[k], n.sender, n.recipient, n.text, f);
    example_labels_.push_back(*label);
    example_was_.push_back(f.user_label ? f.label : std::nullopt);
  }
}

void Learning::finish(const std::vector<store::StoredModel>& stored)
{
  for (const PersonId owner : corrected_) {
    // The account's examples, newest first.
    std::vector<classify::Example> examples;
    for (std::size_t j = example_notes_.ids.size(); j-- > 0;) {
      if (example_notes_.facts[j].owner == owner)
        examples.push_back({example_notes_.notes[j], example_labels_[j], example_was_[j]});
    }
    store::StoredModel m{owner, classify::fingerprint(examples), static_cast<std::int64_t>(examples.size()), {}};
    const auto old = std::find_if(stored.begin(), stored.end(), [&](const store::StoredModel& s) {
      return s.owner == owner && s.fingerprint == m.fingerprint;
    });
    std::optional<classify::UserModel> model;
    if (old != stored.end()) model = classify::UserModel::parse(old->model);
    if (model) {
      m.model = old->model;
    } else {
      model = classify::UserModel::train(examples);
      m.model = model->serialize();
    }
    by_owner_.emplace(owner, std::move(*model));
    models_.push_back(std::move(m));
    accounts_.try_emplace(owner);
  }
  changed_ = models_ != stored;
  // The models are trained: the examples' texts are no longer needed.
  example_notes_ = store::Notes{};
  example_labels_ = {};
  example_was_ = {};
}

void Learning::near_duplicates(const store::Notes& chunk, std::size_t first)
{
  for (std::size_t k = 0; k < chunk.ids.size(); ++k) {
    const store::NoteFacts& f = chunk.facts[k];
    const auto it = accounts_.find(f.owner);
    if (it == accounts_.end()) continue;
    Account& account = it->second;
    account.notes.push_back(first + k);
    account.skeletons.add(chunk.notes[k]);
    if (f.user_label) account.corrections[first + k] = {chunk.ids[k], *f.user_label, f.user_label_at};
  }
}

void Learning::link_near_duplicates()
{
  for (auto& [owner, account] : accounts_) {
    const std::vector<std::int64_t> groups = account.skeletons.groups();
    const auto& notes = account.notes;
    // The latest correction of each group (the later id when two were made in the same second).
    std::map<std::int64_t, const Correction*> correction;
    for (std::size_t k = 0; k < notes.size(); ++k) {
      const auto c = account.corrections.find(notes[k]);
      if (groups[k] < 0 || c == account.corrections.end()) continue;
      const auto [it, added] = correction.emplace(groups[k], &c->second);
      if (!added && it->second->at <= c->second.at) it->second = &c->second;
    }
    for (std::size_t k = 0; k < notes.size(); ++k) {
      if (groups[k] < 0 || account.corrections.contains(notes[k])) continue;
      if (const auto it = correction.find(groups[k]); it != correction.end()) like_[notes[k]] = *it->second;
    }
  }
  accounts_.clear();
}

Learning::Taught Learning::apply(std::size_t i, const store::NoteFacts& f, const classify::Note& note,
                                 classify::Result& r) const
{
  if (f.user_label) return Taught::nothing;
  if (const auto it = like_.find(i); it != like_.end()) {
    const Correction& source = it->second;
    const classify::Label was = r.label;
    const double was_confidence = r.confidence;
    r.label = source.label;
    r.confidence = like_corrected_confidence;
    r.reasons.insert(r.reasons.begin(),
                     {fmt::format("like the note you labelled on {} ({})", datetime::format_date(source.at),
                                  invitation_id(source.id)),
                      fmt::format("the rules alone: {} ({:.2f})", classify::label_name(was), was_confidence)});
    return Taught::like_corrected;
  }
  const auto model = by_owner_.find(f.owner);
  if (model != by_owner_.end() && model->second.blend(note, r)) return Taught::model;
  return Taught::nothing;
}

} // namespace motivo::app
