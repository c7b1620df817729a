#include <motivo/app/classify.hpp>
#include <motivo/app/learning.hpp>
#include <motivo/core/classify/campaign_index.hpp>
#include <motivo/core/classify/identity.hpp>

#include <algorithm>
#include <cstddef>
#include <set>
#include <stdexcept>

namespace motivo::app {

namespace {

// Reads every stored note through `sink`, chunk by chunk in the order of their ids: work(chunk, index of its first
// note). The first chunk (empty when nothing is stored) also carries the users' models and the label changes.
template <typename Work>
void for_each_chunk(store::LabelSink& sink, std::size_t chunk_size, const Work& work)
{
  std::int64_t after = 0;
  for (std::size_t first = 0;;) {
    store::Notes chunk = sink.notes(after, chunk_size);
    if (chunk.ids.empty() && after != 0) return;
    work(chunk, first);
    if (chunk.ids.size() < chunk_size) return;
    first += chunk.ids.size();
    after = chunk.ids.back();
  }
}

} // namespace

namespace {

void same_notes(const std::vector<std::int64_t>& ids, const store::Notes& chunk, std::size_t first)
{
  if (first + chunk.ids.size() > ids.size() ||
      !std::equal(chunk.ids.begin(), chunk.ids.end(), ids.begin() + static_cast<std::ptrdiff_t>(first)))
    throw std::runtime_error("the stored notes changed while they were labelled: label them again");
}

// The first pass (two when a correction teaches near-duplicates): campaigns across every note and what the user
// taught, into `index` and `learning`; the notes' ids in order, which the next passes must read again. Returns the
// count of label changes the notes were read after.
std::int64_t index_notes(store::LabelSink& sink, const classify::Classifier& classifier, std::size_t chunk_size,
                         classify::CampaignIndex& index, Learning& learning, std::vector<std::int64_t>& ids)
{
  std::vector<store::StoredModel> stored_models;
  std::int64_t label_changes = 0;
  for_each_chunk(sink, chunk_size, [&](store::Notes& chunk, std::size_t first) {
    if (first == 0) {
      stored_models = std::move(chunk.models);
      label_changes = chunk.label_changes;
    }
    ids.insert(ids.end(), chunk.ids.begin(), chunk.ids.end());
    classifier.index_chunk(chunk.notes, index);
    learning.observe(chunk, first);
  });
  index.finish();
  learning.finish(stored_models);
  if (learning.wants_near_duplicates()) {
    for_each_chunk(sink, chunk_size, [&](const store::Notes& chunk, std::size_t first) {
      same_notes(ids, chunk, first);
      learning.near_duplicates(chunk, first);
    });
    learning.link_near_duplicates();
  }
  return label_changes;
}

} // namespace

ClassifySummary classify_stored(store::NoteLabels& target, const classify::Classifier& classifier,
                                std::size_t chunk_size)
{
  // Labels go to the store as the classifier hands them out, and the notes come from it a chunk at a time, both in
  // the sink's transaction: no vector of every note or every label in memory.
  const std::unique_ptr<store::LabelSink> sink = target.label_sink();
  classify::CampaignIndex index;
  Learning learning;
  std::vector<std::int64_t> ids;
  const std::int64_t label_changes = index_notes(*sink, classifier, chunk_size, index, learning, ids);
  // The last pass: each chunk labelled with the campaigns and what was learnt.
  ClassifySummary summary;
  summary.notes = ids.size();
  std::set<std::int64_t> campaigns;
  store::LabelRow l;
  std::size_t labelled = 0;
  for_each_chunk(*sink, chunk_size, [&](const store::Notes& chunk, std::size_t first) {
    same_notes(ids, chunk, first);
    classifier.label_chunk(chunk.notes, first, index, [&](std::size_t i, classify::Result&& r) {
      const std::size_t k = i - first;
      ++labelled;
      switch (learning.apply(i, chunk.facts[k], chunk.notes[k], r)) {
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
  });
  if (labelled != ids.size())
    throw std::runtime_error("the stored notes changed while they were labelled: label them again");
  if (learning.models_changed()) sink->put_models(learning.models());
  sink->labelled_by(classify::identity(), label_changes);
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
