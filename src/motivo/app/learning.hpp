#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/user_model.hpp>
#include <motivo/store/store.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

// Learning from the user (issue 22), for app::classify_stored: a correction teaches the note's near-duplicates,
// and each account's model of its user's labels, trained on the corrections and decisions, is blended with the
// rules. docs/CLASSIFIER.md describes both.
namespace motivo::app {

class Learning {
public:
  // What `stored` teaches: each account's examples (a correction: the user's label; a decision on a note not
  // corrected: spam for a spam decision, else the label the user let stand), its model (the stored one when it was
  // trained on the same examples, else trained now; none without a correction), and for each note not corrected
  // itself, the latest correction among its near-duplicates of the same account.
  explicit Learning(const store::Notes& stored);

  enum class Taught { nothing, like_corrected, model };
  // Applies what was learned to note `i`'s result from the rules: a near-duplicate's correction wins (reason "like
  // the note you labelled on DATE (iN)"), else the account's model is blended (classify::UserModel::blend). A note
  // the user labelled keeps the rules' result (the user's label wins when it is read).
  Taught apply(std::size_t i, classify::Result& r) const;

  // The models to store, and whether they differ from those stored.
  const std::vector<store::StoredModel>& models() const { return models_; }
  bool models_changed() const { return changed_; }

private:
  void find_near_duplicates(const std::vector<std::size_t>& notes);

  const store::Notes& stored_;
  std::map<PersonId, classify::UserModel> by_owner_;
  std::vector<store::StoredModel> models_;
  bool changed_ = false;
  std::map<std::size_t, std::size_t> like_; // note → the corrected near-duplicate it follows
};

} // namespace motivo::app
