#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

enum class Label : std::uint8_t { empty, default_text, template_text, spam, personalized };
inline constexpr Label all_labels[] = {Label::empty, Label::default_text, Label::template_text, Label::spam,
                                       Label::personalized};

// "empty", "default", "template", "spam", "personalized".
std::string_view label_name(Label label);
std::optional<Label> parse_label(std::string_view name);

// One note to classify. Names are optional: with them, greetings and signatures are recognised better and a
// campaign counts distinct sender/recipient pairs.
struct Note {
  std::string_view text;
  std::string_view sender;
  std::string_view recipient;
};

struct Result {
  Label label = Label::empty;
  std::string language;             // ISO 639-1, or "und" when unknown, "zxx" with no words
  double confidence = 1.0;          // the probability that the label is right (calibrated: calibration.hpp)
  double score = 1.0;               // the rules' own confidence (0.5 … 1.0), which the calibration maps
  std::vector<std::string> reasons; // readable, most decisive first
  std::int64_t campaign = -1;       // index (in the batch) of the first note of this note's campaign, if any
};

class NoteModel;
class CampaignIndex;

// What decides where the rules are unsure (docs/CLASSIFIER.md): the rules blended with the shipped model (the
// default), the rules alone, or the model alone (every note but an empty one; for measuring what each part adds).
enum class ModelUse : std::uint8_t { blend, rules, model };

// The classifier's catalogs: stock texts, generic phrases, spam lexicon, personal cues, greetings and
// sign-offs, all from the embedded data files. Building one takes a few milliseconds; share it. const
// methods are safe to call from several threads.
class Classifier {
public:
  // The rules blended with the embedded model (data/note_model.tsv).
  Classifier();
  // The rules and `model` (none: the rules alone) used as `use` says; blended, the model is asked about the notes
  // the rules call templates and those they label spam or personalized with a score below `unsure_below` (the
  // rules' own score, 0.5–0.99, before calibration).
  Classifier(ModelUse use, const NoteModel* model, double unsure_below = default_unsure_below);
  static constexpr double default_unsure_below = 0.8;
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  // One note on its own (no campaign detection).
  Result classify(const Note& note) const;
  // A batch: notes sharing a skeleton with others from at least three distinct sender/recipient pairs form a
  // campaign (template, or spam if selling). Results are in the order of `notes`.
  std::vector<Result> classify_batch(std::span<const Note> notes) const;
  // The same, handing each result to `sink` in the order of `notes` (the caller need keep no vector of all).
  void classify_batch(std::span<const Note> notes, const std::function<void(std::size_t, Result&&)>& sink) const;
  // The same batch read in chunks, so that no more than a chunk of notes need be held (app::classify_stored):
  // first every chunk in order through index_chunk (the chunk's first note is note index.size() of the batch),
  // then index.finish(), then every chunk again, in any order, through label_chunk (`first`: the index in the batch
  // of the chunk's first note), which hands each result to `sink` with its index in the batch, in order. The
  // results are those of classify_batch over the whole batch (which analyses each note once instead, holding every
  // result until the campaigns are known).
  void index_chunk(std::span<const Note> chunk, CampaignIndex& index) const;
  void label_chunk(std::span<const Note> chunk, std::size_t first, const CampaignIndex& index,
                   const std::function<void(std::size_t, Result&&)>& sink) const;
  // A batch too large to hold, each note still analysed once (classify --jsonl): every chunk in order through
  // analyse_chunk, which indexes it as index_chunk does and appends to `pending` what each of its notes leaves for the
  // end (its result read on its own and its names: a few hundred bytes a note, which the caller may keep anywhere,
  // such as a temporary file, but must give back unchanged); then index.finish(); then the bytes of every chunk, in
  // order, through label_pending (`first`: the index in the batch of their first note), which hands each result to
  // `sink` with its index in the batch and returns how many it gave: on every core, `block` consecutive notes at a
  // time, each block's in order on one thread (so `sink` is called from several threads at once, for different
  // blocks). The results are those of classify_batch over the whole batch.
  void analyse_chunk(std::span<const Note> chunk, CampaignIndex& index, std::string& pending) const;
  std::size_t label_pending(std::string_view pending, std::size_t first, const CampaignIndex& index, std::size_t block,
                            const std::function<void(std::size_t, const Result&)>& sink) const;
  // The note model's features of `note` read on its own (with the rules' signals, or its text alone), for training.
  std::vector<std::uint32_t> model_features(const Note& note, bool with_rules) const;
  // The fast first stage alone: empty, default, or nothing (more analysis needed).
  std::optional<Label> quick_label(const Note& note) const;

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace motivo::classify
