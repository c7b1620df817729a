#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/near_duplicates.hpp>
#include <motivo/core/classify/user_model.hpp>
#include <motivo/store/store.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

// Learning from the user (issue 22), for app::classify_stored: a correction teaches the note's near-duplicates,
// and each account's model of its user's labels, trained on the corrections and decisions, is blended with the
// rules. docs/CLASSIFIER.md describes both.
namespace motivo::app {

// What the stored notes teach: each account's examples (a correction: the user's label; a decision on a note not
// corrected: spam for a spam decision, else the label the user let stand), its model (the stored one when it was
// trained on the same examples, else trained now; none without a correction), and for each note not corrected
// itself, the latest correction among its near-duplicates of the same account.
//
// Learnt from the notes read in chunks, in order (`first`: the index of a chunk's first note among all): every
// chunk through observe(), then finish(); then, when wants_near_duplicates(), every chunk again through
// near_duplicates() and then link_near_duplicates(). Only the examples' texts are kept (and, for the accounts
// with a correction, each note's skeleton), never every note.
class Learning {
public:
  Learning() = default;
  // Every note at once (`stored` in one chunk).
  explicit Learning(const store::Notes& stored);

  void observe(const store::Notes& chunk, std::size_t first);
  // After the last chunk; `stored` the users' models as stored.
  void finish(const std::vector<store::StoredModel>& stored);
  bool wants_near_duplicates() const { return !corrected_.empty(); }
  void near_duplicates(const store::Notes& chunk, std::size_t first);
  void link_near_duplicates();

  enum class Taught { nothing, like_corrected, model };
  // Applies what was learned to note `i`'s result from the rules (`facts` and `note` are note i's): a
  // near-duplicate's correction wins (reason "like the note you labelled on DATE (iN)"), else the account's model is
  // blended (classify::UserModel::blend). A note the user labelled keeps the rules' result (the user's label wins
  // when it is read).
  Taught apply(std::size_t i, const store::NoteFacts& facts, const classify::Note& note, classify::Result& r) const;

  // The models to store, and whether they differ from those stored.
  const std::vector<store::StoredModel>& models() const { return models_; }
  bool models_changed() const { return changed_; }

private:
  struct Correction {
    std::int64_t id = 0;
    classify::Label label = classify::Label::template_text;
    datetime::UnixSeconds at = 0;
  };
  // One account with a correction: its notes (indices among all), in order, as near-duplicates see them, and its
  // corrections by note.
  struct Account {
    std::vector<std::size_t> notes;
    classify::NearDuplicates skeletons;
    std::map<std::size_t, Correction> corrections;
  };

  store::Notes example_notes_; // the examples' texts, oldest first
  std::vector<classify::Label> example_labels_;
  std::vector<std::optional<classify::Label>> example_was_;
  std::set<PersonId> corrected_;
  std::map<PersonId, Account> accounts_;
  std::map<PersonId, classify::UserModel> by_owner_;
  std::vector<store::StoredModel> models_;
  bool changed_ = false;
  std::map<std::size_t, Correction> like_; // note → the corrected near-duplicate it follows
};

} // namespace motivo::app
