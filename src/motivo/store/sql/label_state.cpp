#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>

namespace motivo::store::sql {

std::int64_t label_changes(Connection& c)
{
  Statement s = c.prepare("SELECT changes FROM label_state");
  return s.step() ? s.column_int(0) : 0;
}

void store_label_state(Connection& c, std::string_view classifier, std::int64_t changes)
{
  // `changes` itself is left as it is: a decision committed since the notes were read has moved it on.
  c.prepare("UPDATE label_state SET classifier = ?1, labelled = ?2").bind(1, classifier).bind(2, changes).run();
}

void mark_labels_stale(Connection& c)
{
  c.exec("UPDATE label_state SET changes = changes + 1");
}

bool labels_current(Connection& c, std::string_view classifier)
{
  Statement s = c.prepare(
      "SELECT EXISTS (SELECT 1 FROM label_state WHERE classifier = ?1 AND classifier <> '' AND labelled = changes)");
  s.bind(1, classifier).step();
  return s.column_bool(0);
}

LabelCounts count_labels(Connection& c)
{
  LabelCounts counts;
  Statement by_label = c.prepare("SELECT coalesce(label, ''), count(*) FROM invitations GROUP BY label");
  while (by_label.step()) {
    const std::int64_t n = by_label.column_int(1);
    counts.notes += n;
    const std::string word = by_label.column_text(0);
    if (const auto label = stored_word(word, std::nullopt, "label", classify::parse_label))
      counts.by_label[static_cast<std::size_t>(*label)] += n;
  }
  Statement campaigns = c.prepare("SELECT count(DISTINCT campaign) FROM invitations");
  campaigns.step();
  counts.campaigns = campaigns.column_int(0);
  return counts;
}

} // namespace motivo::store::sql
