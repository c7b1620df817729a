#pragma once

// The stored notes as the classifier reads them, what the user taught about each, and the labels written back.

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/model.hpp>
#include <motivo/core/protocol/protocol.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::store {

// What the user taught about a stored note (issue 22): its account, the classifier's label last stored, the user's
// correction and when, and the decision taken on it.
struct NoteFacts {
  PersonId owner = 0;
  std::optional<classify::Label> label, user_label;
  datetime::UnixSeconds user_label_at = 0;
  std::optional<protocol::Decision> decision;
};

// A user's model of labels (classify::UserModel as text), one per account, with the fingerprint of the examples it
// was trained on.
struct StoredModel {
  PersonId owner = 0;
  std::string fingerprint;
  std::int64_t examples = 0;
  std::string model;
  friend bool operator==(const StoredModel&, const StoredModel&) = default;
};

// Every stored note, oldest first, as the classifier takes them: `notes[i]` is invitation `ids[i]`, `facts[i]`
// what the user taught about it; `models` the users' models as stored. The texts are kept in large blocks, not
// one allocation each: a hundred thousand notes are three hundred thousand strings, and their headers and
// allocations were a tenth of an import's peak memory.
class Notes {
public:
  void add(std::int64_t id, std::string_view from, std::string_view to, std::string_view message,
           const NoteFacts& taught = {})
  {
    ids.push_back(id);
    notes.push_back({keep(message), keep(from), keep(to)});
    facts.push_back(taught);
  }
  void reserve(std::size_t n)
  {
    ids.reserve(n);
    notes.reserve(n);
    facts.reserve(n);
  }
  std::vector<std::int64_t> ids;
  std::vector<classify::Note> notes;
  std::vector<NoteFacts> facts;
  std::vector<StoredModel> models;
  std::int64_t label_changes = 0; // how many times an example had changed when the notes were read

private:
  std::string_view keep(std::string_view text);
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, size_ = 0;
};
struct LabelRow {
  std::int64_t id = 0;
  std::string label, language;
  double confidence = 0;
  std::vector<std::string> reasons;
  std::optional<std::int64_t> campaign;
};

// The stored labels counted as a labelling run counts them: every note, by the classifier's label, and the distinct
// campaigns.
struct LabelCounts {
  std::int64_t notes = 0;
  std::array<std::int64_t, std::size(classify::all_labels)> by_label{};
  std::int64_t campaigns = 0;
};

// Reads the notes in chunks and writes labels one at a time as the classifier hands them out; done() makes them durable
// (a sink destroyed without done() leaves the labels as they were, unless it writes inside an import, whose commit
// decides).
class LabelSink {
public:
  virtual ~LabelSink() = default;
  // The stored notes whose ids follow `after`, oldest first, at most `limit` of them (a chunk), read in the
  // sink's transaction (so a labelling run reads what it writes over); after 0 (the first chunk) also the users'
  // models and Notes::label_changes, read before the notes.
  virtual Notes notes(std::int64_t after, std::size_t limit) = 0;
  virtual void put(const LabelRow& label) = 0;
  // Replaces the users' stored models with `models` (written with the labels, made durable by done()).
  virtual void put_models(const std::vector<StoredModel>& models) = 0;
  // Every note was labelled, by `classifier` (classify::identity()), from notes read after `changes` changes of
  // the examples (Notes::label_changes): current until an example or a note changes (written with the labels, made
  // durable by done()).
  virtual void labelled_by(std::string_view classifier, std::int64_t changes) = 0;
  virtual void done() = 0;
};

// Reading every stored note and writing the classifier's labels, in the caller's transaction (an import) or in
// one of its own (reclassify).
class NoteLabels {
public:
  virtual ~NoteLabels() = default;
  virtual Notes notes() = 0;
  virtual std::unique_ptr<LabelSink> label_sink() = 0;
};

} // namespace motivo::store
