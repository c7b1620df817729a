// Batches: campaign detection across the notes (index_chunk, CampaignIndex), then each note's label with its
// campaign (label_chunk). classify_batch is both over one chunk, each note analysed once; analyse_chunk and
// label_pending the same over chunks, with what each note leaves for the end (pending.hpp) kept by the caller.
#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/classify/campaign_index.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/pending.hpp>
#include <motivo/core/classify/repeats.hpp>
#include <motivo/core/cores.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

namespace motivo::classify {

namespace {

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

Solo copy_of(const Solo& s)
{
  return {s.result, s.as_member ? std::make_unique<Result>(*s.as_member) : nullptr, s.stock, s.spam};
}

// `a`'s result on its own, and its decision as a member when `member` (the note is, or may be, in a campaign) and
// its spam score asks for one (see as_campaign_member).
Solo solo_of(const Classifier::Impl& impl, const Analysis& a, bool member)
{
  Solo s{impl.judge(a), nullptr, a.stock, a.spam};
  const bool stays_spam = a.spam >= Classifier::Impl::spam_threshold && s.result.label == Label::spam;
  if (member && !stays_spam && a.spam >= Classifier::Impl::campaign_spam_threshold)
    s.as_member = std::make_unique<Result>(impl.decide(a, true));
  return s;
}

// What a note (read on its own as `solo`) becomes inside a campaign: spam stays spam, a note below the campaign spam
// threshold becomes a template (keeping its stock-text reason); only notes in between are decided again, by the
// rules alone.
Result as_campaign_member(Solo&& solo)
{
  if (solo.spam >= Classifier::Impl::spam_threshold && solo.result.label == Label::spam) return std::move(solo.result);
  if (solo.spam >= Classifier::Impl::campaign_spam_threshold) return std::move(*solo.as_member);
  Result r;
  r.label = Label::template_text;
  r.language = std::move(solo.result.language);
  r.confidence = 0.9;
  if (solo.stock) r.reasons.push_back(Classifier::Impl::stock_part_reason(*solo.stock));
  return r;
}

// Note `i` (sent by `sender` to `recipient`) as a member of campaign `c`, or on its own when `c` is null.
Result in_batch(Solo&& solo, const CampaignIndex::Campaign* c, std::size_t i, std::string_view sender,
                std::string_view recipient)
{
  if (!c) return std::move(solo.result);
  Result r = as_campaign_member(std::move(solo));
  r.campaign = c->membership.first;
  std::string line = campaign_line(*c, i, sender, recipient);
  r.reasons.insert(r.reasons.begin() + (r.label == Label::spam && !r.reasons.empty() ? 1 : 0), std::move(line));
  return r;
}

// Every result leaves with its confidence calibrated, in order.
void give_calibrated(std::vector<Result>& results, std::size_t first,
                     const std::function<void(std::size_t, Result&&)>& sink)
{
  const Calibration& calibration = Calibration::embedded();
  for (std::size_t k = 0; k < results.size(); ++k) {
    calibration.apply(results[k]);
    sink(first + k, std::move(results[k]));
  }
}

// Notes `notes` (the first of them note `first` of the batch, room made for them in `index`) read on their own into
// `solo`, each analysed once, and those that may be in a campaign indexed.
void analyse_solo(const Classifier::Impl& impl, std::span<const Note> notes, std::size_t first, CampaignIndex& index,
                  std::span<Solo> solo)
{
  // A note repeating an earlier note's text is read as that note was when its names change nothing (repeats.hpp):
  // the first notes of each text first, then the repeats.
  const std::vector<std::uint32_t> first_of = first_with_text(notes);
  std::vector<bool> repeated(notes.size());
  for (std::size_t k = 0; k < notes.size(); ++k) repeated[first_of[k]] = repeated[first_of[k]] || first_of[k] != k;
  std::vector<std::unique_ptr<FirstRead>> kept(notes.size());
  const auto analyse = [&](std::size_t k) {
    thread_local Analysis a;
    impl.analyse(notes[k], true, a);
    const bool indexed = !a.blank && !a.stock_whole && !a.request && a.has_skeleton;
    solo[k] = solo_of(impl, a, indexed);
    if (indexed)
      index.add(first + k, a.skeleton, DistinctSkeletons::hash(a.skeleton), notes[k].sender, notes[k].recipient);
    if (repeated[k]) kept[k] = std::make_unique<FirstRead>(keep_first(impl, a, indexed));
  };
  // Blocks of 64 notes (about 0.6 ms of work) rather than 512: the last block of a chunk leaves the other cores idle.
  constexpr std::size_t block = 64;
  in_parallel(
      notes.size(),
      [&](std::size_t k) {
        if (first_of[k] == k) analyse(k);
      },
      4096, block);
  in_parallel(
      notes.size(),
      [&](std::size_t k) {
        if (first_of[k] == k) return;
        const FirstRead& f = *kept[first_of[k]];
        if (!reads_as_first(impl, f, notes[k])) return analyse(k);
        solo[k] = copy_of(solo[first_of[k]]);
        if (f.indexed) index.add(first + k, f.skeleton, f.hash, notes[k].sender, notes[k].recipient);
      },
      4096, block);
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
    const CampaignIndex::Campaign* c = index.campaign_of(first + k);
    results[k] = in_batch(solo_of(*impl_, a, c != nullptr), c, first + k, chunk[k].sender, chunk[k].recipient);
  });
  give_calibrated(results, first, sink);
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
  // The notes are all here: each is analysed once, its result on its own kept until the campaigns are known
  // (index_chunk and label_chunk analyse each note twice, to hold no more than a chunk).
  CampaignIndex index;
  index.extend(notes.size());
  std::vector<Solo> solo(notes.size());
  analyse_solo(*impl_, notes, 0, index, solo);
  index.finish();
  // The results leave a block at a time, each block's notes freed as it goes: no second vector of every result (and
  // every campaign line) beside the notes read on their own.
  constexpr std::size_t block = 8192;
  std::vector<Result> results;
  for (std::size_t first = 0; first < notes.size(); first += block) {
    const std::size_t size = std::min(block, notes.size() - first);
    results.resize(size);
    in_parallel(size, [&](std::size_t j) {
      const std::size_t k = first + j;
      results[j] = in_batch(std::move(solo[k]), index.campaign_of(k), k, notes[k].sender, notes[k].recipient);
      solo[k] = Solo{};
    });
    give_calibrated(results, first, give);
  }
}

void Classifier::analyse_chunk(std::span<const Note> chunk, CampaignIndex& index, std::string& pending) const
{
  const std::size_t first = index.size();
  index.extend(chunk.size());
  std::vector<Solo> solo(chunk.size());
  analyse_solo(*impl_, chunk, first, index, solo);
  std::vector<std::size_t> at(chunk.size() + 1);
  at[0] = pending.size();
  for (std::size_t k = 0; k < chunk.size(); ++k)
    at[k + 1] = at[k] + pending_size(solo[k], chunk[k].sender, chunk[k].recipient);
  pending.resize(at.back());
  in_parallel(chunk.size(), [&](std::size_t k) {
    write_pending(pending.data() + at[k], solo[k], chunk[k].sender, chunk[k].recipient, impl_->stock);
  });
}

std::size_t Classifier::label_pending(std::string_view pending, std::size_t first, const CampaignIndex& index,
                                      std::size_t block,
                                      const std::function<void(std::size_t, const Result&)>& sink) const
{
  std::vector<std::string_view> records;
  while (!pending.empty()) records.push_back(next_pending(pending));
  // Every note on every core, a block at a time: a campaign's member is decided again (its campaign line names others
  // in it), any other note's result read back as it was, into the room of a PendingNote kept by the thread, and
  // handed on from there. (Results gathered into one vector and handed on after made no use of the second core: the
  // threads freed each other's strings.)
  const Calibration& calibration = Calibration::embedded();
  block = std::max<std::size_t>(block, 1);
  in_parallel((records.size() + block - 1) / block,
              [&](std::size_t b) {
                thread_local PendingNote p;
                Result member;
                for (std::size_t k = b * block; k < std::min(records.size(), (b + 1) * block); ++k) {
                  read_pending(records[k], impl_->stock, p);
                  Result* r = &p.solo.result;
                  if (const CampaignIndex::Campaign* c = index.campaign_of(first + k)) {
                    member = in_batch(std::move(p.solo), c, first + k, p.sender, p.recipient);
                    r = &member;
                  }
                  calibration.apply(*r);
                  sink(first + k, *r);
                }
              },
              2, 1);
  return records.size();
}

} // namespace motivo::classify
