// Batches: campaign detection across the notes (index_chunk, CampaignIndex), then each note's label with its
// campaign (label_chunk). classify_batch is both over one chunk.
#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/classify/campaign_index.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/cores.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace motivo::classify {

namespace {

// Runs work(i) for every i below n: large runs on every core allowed (at most 8), in blocks of consecutive indices
// taken in turn (threads writing neighbouring results would share cache lines).
template <typename Work>
void in_parallel(std::size_t n, const Work& work)
{
  const unsigned cores = usable_cores(8);
  const std::size_t workers = n >= 4096 ? cores : 1;
  if (workers == 1) {
    for (std::size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::vector<std::thread> threads;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<std::size_t> next{0};
  constexpr std::size_t block = 512;
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      try {
        for (std::size_t from = next.fetch_add(block); from < n; from = next.fetch_add(block)) {
          for (std::size_t i = from; i < std::min(from + block, n); ++i) work(i);
        }
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

// The line saying which campaign note `i` (sent by `sender` to `recipient`) belongs to, and who else sent its
// text (or, for one sender's campaign, to whom).
std::string campaign_line(const CampaignIndex::Campaign& c, std::size_t i, std::string_view sender,
                          std::string_view recipient)
{
  std::vector<std::string_view> senders, recipients;
  for (const CampaignIndex::Member& m : c.members) {
    if (m.note == i) continue;
    if (!m.sender.empty() && m.sender != sender && senders.size() < 3 &&
        std::find(senders.begin(), senders.end(), m.sender) == senders.end())
      senders.push_back(m.sender);
    if (!m.recipient.empty() && m.recipient != recipient && recipients.size() < 3 &&
        std::find(recipients.begin(), recipients.end(), m.recipient) == recipients.end())
      recipients.push_back(m.recipient);
  }
  const auto names = [](const std::vector<std::string_view>& list) {
    std::string out;
    for (const auto n : list) {
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  };
  std::string line = fmt::format("mass campaign: the same text, names masked, in {} notes ({} sender/recipient pairs)",
                                 c.membership.size, c.membership.pairs);
  if (!senders.empty())
    line += "; also sent by " + names(senders);
  else if (!recipients.empty())
    line += "; also sent to " + names(recipients);
  return line;
}

// What a note (analysed as `a`, labelled `solo` on its own) becomes inside a campaign: spam stays spam, a note below
// the campaign spam threshold becomes a template (keeping its stock-text reason); only notes in between are decided
// again, by the rules alone.
Result as_campaign_member(const Classifier::Impl& impl, const Analysis& a, Result&& solo)
{
  if (a.spam >= Classifier::Impl::spam_threshold && solo.label == Label::spam) return std::move(solo);
  if (a.spam >= Classifier::Impl::campaign_spam_threshold) return impl.decide(a, true);
  Result r;
  r.label = Label::template_text;
  r.language = std::move(solo.language);
  r.confidence = 0.9;
  if (a.stock) r.reasons.push_back(Classifier::Impl::stock_part_reason(a));
  return r;
}

} // namespace

void Classifier::Impl::analyse_skeleton(const Note& note, Analysis& a) const
{
  read_words(note, a);
  if (a.blank || a.stock_whole) return;
  // Only a request to connect ends the analysis before the skeleton, and a request is seen in the body's words
  // alone: the language, signals and scores that may still overrule it (analyse) are worth computing only for a
  // note that reads as one. The label pass computes them for every note anyway.
  thread_local std::string language;
  if (!a.stock && reads_as_request(a, language)) {
    analyse(note, true, a);
    return;
  }
  a.has_skeleton = skeleton_of(a.scope, a.names, a.skeleton);
}

void Classifier::index_chunk(std::span<const Note> chunk, CampaignIndex& index) const
{
  const std::size_t first = index.size();
  index.extend(chunk.size());
  in_parallel(chunk.size(), [&](std::size_t k) {
    thread_local Analysis a;
    impl_->analyse_skeleton(chunk[k], a);
    if (a.blank || a.stock_whole || a.request || !a.has_skeleton) return;
    index.add(first + k, a.skeleton, DistinctSkeletons::hash(a.skeleton), chunk[k].sender, chunk[k].recipient);
  });
}

void Classifier::label_chunk(std::span<const Note> chunk, std::size_t first, const CampaignIndex& index,
                             const std::function<void(std::size_t, Result&&)>& sink) const
{
  std::vector<Result> results(chunk.size());
  in_parallel(chunk.size(), [&](std::size_t k) {
    thread_local Analysis a;
    impl_->analyse(chunk[k], false, a);
    Result r = impl_->judge(a);
    const CampaignIndex::Campaign* c = index.campaign_of(first + k);
    if (c) {
      r = as_campaign_member(*impl_, a, std::move(r));
      r.campaign = c->membership.first;
      std::string line = campaign_line(*c, first + k, chunk[k].sender, chunk[k].recipient);
      r.reasons.insert(r.reasons.begin() + (r.label == Label::spam && !r.reasons.empty() ? 1 : 0), std::move(line));
    }
    results[k] = std::move(r);
  });
  // Every result leaves with its confidence calibrated.
  const Calibration& calibration = Calibration::embedded();
  for (std::size_t k = 0; k < chunk.size(); ++k) {
    calibration.apply(results[k]);
    sink(first + k, std::move(results[k]));
  }
}

std::vector<Result> Classifier::classify_batch(std::span<const Note> notes) const
{
  std::vector<Result> results(notes.size());
  classify_batch(notes, [&](std::size_t i, Result&& r) { results[i] = std::move(r); });
  return results;
}

void Classifier::classify_batch(std::span<const Note> notes,
                                const std::function<void(std::size_t, Result&&)>& give) const
{
  CampaignIndex index;
  index_chunk(notes, index);
  index.finish();
  label_chunk(notes, 0, index, give);
}

} // namespace motivo::classify
