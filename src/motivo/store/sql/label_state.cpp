#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>

namespace motivo::store::sql {

void store_label_state(Connection& c, std::string_view classifier)
{
  c.prepare(R"sql(
INSERT INTO label_state (one, classifier, stale) VALUES (1, ?1, false)
ON CONFLICT (one) DO UPDATE SET classifier = excluded.classifier, stale = false)sql")
      .bind(1, classifier)
      .run();
}

void mark_labels_stale(Connection& c)
{
  c.exec("UPDATE label_state SET stale = true WHERE NOT stale");
}

bool labels_current(Connection& c, std::string_view classifier)
{
  Statement s = c.prepare("SELECT EXISTS (SELECT 1 FROM label_state WHERE classifier = ?1 AND NOT stale)");
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
    if (const auto label = stored_word(word, 0, "label", classify::parse_label))
      counts.by_label[static_cast<std::size_t>(*label)] += n;
  }
  Statement campaigns = c.prepare("SELECT count(DISTINCT campaign) FROM invitations");
  campaigns.step();
  counts.campaigns = campaigns.column_int(0);
  return counts;
}

} // namespace motivo::store::sql
