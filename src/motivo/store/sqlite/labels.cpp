#include <motivo/store/sqlite/labels.hpp>

#include <nlohmann/json.hpp>

namespace motivo::store::sqlite {

std::vector<NoteRow> read_notes(Database& db)
{
  Statement s(db, "SELECT id, direction, from_name, to_name, message FROM invitations ORDER BY id");
  std::vector<NoteRow> out;
  while (s.step()) {
    NoteRow r;
    r.id = s.column_int(0);
    r.direction = s.column_text(1) == "incoming" ? Direction::incoming : Direction::outgoing;
    r.from = s.column_text(2);
    r.to = s.column_text(3);
    r.message = s.column_text(4);
    out.push_back(std::move(r));
  }
  return out;
}

void write_labels(Database& db, const std::vector<LabelRow>& labels)
{
  Statement s(db, R"sql(
UPDATE invitations SET label = ?2, language = ?3, confidence = ?4, reasons = ?5, campaign = ?6 WHERE id = ?1)sql");
  for (const LabelRow& l : labels) {
    const std::string reasons = nlohmann::json(l.reasons).dump(); // bound without a copy: keep it alive
    s.reset();
    s.bind(1, l.id);
    s.bind(2, l.label);
    s.bind(3, l.language);
    s.bind_real(4, l.confidence);
    s.bind(5, reasons);
    if (l.campaign) s.bind(6, *l.campaign);
    else s.bind_null(6);
    s.step();
  }
}

} // namespace motivo::store::sqlite
