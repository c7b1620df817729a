#include <motivo/app/classify.hpp>

#include <set>

namespace motivo::app {

ClassifySummary classify_stored(store::NoteLabels& target, const classify::Classifier& classifier)
{
  const std::vector<store::NoteRow> rows = target.notes();
  std::vector<classify::Note> notes;
  notes.reserve(rows.size());
  for (const auto& r : rows) notes.push_back({r.message, r.from, r.to});
  const std::vector<classify::Result> results = classifier.classify_batch(notes);

  ClassifySummary summary;
  summary.notes = rows.size();
  std::set<std::int64_t> campaigns;
  std::vector<store::LabelRow> labels;
  labels.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const classify::Result& r = results[i];
    store::LabelRow l;
    l.id = rows[i].id;
    l.label = std::string(classify::label_name(r.label));
    l.language = r.language;
    l.confidence = r.confidence;
    l.reasons = r.reasons;
    if (r.campaign >= 0) {
      l.campaign = rows[static_cast<std::size_t>(r.campaign)].id;
      campaigns.insert(*l.campaign);
    }
    ++summary.by_label[static_cast<std::size_t>(r.label)];
    labels.push_back(std::move(l));
  }
  summary.campaigns = campaigns.size();
  target.save_labels(labels);
  return summary;
}

} // namespace motivo::app
