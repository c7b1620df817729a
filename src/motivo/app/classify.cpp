#include <motivo/app/classify.hpp>
#include <motivo/app/learning.hpp>
#include <motivo/core/classify/identity.hpp>

#include <set>

namespace motivo::app {

ClassifySummary classify_stored(store::NoteLabels& target, const classify::Classifier& classifier)
{
  const store::Notes stored = target.notes();
  const std::vector<std::int64_t>& ids = stored.ids;
  ClassifySummary summary;
  summary.notes = ids.size();
  std::set<std::int64_t> campaigns;
  const Learning learning(stored);
  // Labels go to the store as the classifier hands them out: no vector of every label in memory.
  const std::unique_ptr<store::LabelSink> sink = target.label_sink();
  store::LabelRow l;
  classifier.classify_batch(stored.notes, [&](std::size_t i, classify::Result&& r) {
    switch (learning.apply(i, r)) {
    case Learning::Taught::like_corrected: ++summary.like_corrected; break;
    case Learning::Taught::model: ++summary.by_model; break;
    case Learning::Taught::nothing: break;
    }
    l.id = ids[i];
    l.label = std::string(classify::label_name(r.label));
    l.language = std::move(r.language);
    l.confidence = r.confidence;
    l.reasons = std::move(r.reasons);
    l.campaign.reset();
    if (r.campaign >= 0) {
      l.campaign = ids[static_cast<std::size_t>(r.campaign)];
      campaigns.insert(*l.campaign);
    }
    ++summary.by_label[static_cast<std::size_t>(r.label)];
    sink->put(l);
  });
  if (learning.models_changed()) sink->put_models(learning.models());
  sink->labelled_by(classify::identity(), stored.label_changes);
  sink->done();
  summary.campaigns = campaigns.size();
  return summary;
}

ClassifySummary label_import(store::ImportSession& session)
{
  static const classify::Classifier classifier;
  if (!session.labels_current(classify::identity())) return classify_stored(session, classifier);
  const store::LabelCounts counts = session.label_counts();
  ClassifySummary summary;
  summary.notes = static_cast<std::size_t>(counts.notes);
  for (std::size_t i = 0; i < summary.by_label.size(); ++i)
    summary.by_label[i] = static_cast<std::size_t>(counts.by_label[i]);
  summary.campaigns = static_cast<std::size_t>(counts.campaigns);
  return summary;
}

} // namespace motivo::app
