// What arrived: the newest rows, and the messages stored after a mark (SqlStore's part of store.hpp that counts
// arrivals for the web page's live updates and `fetch --exec`).
#include <motivo/store/sql/sql_store.hpp>

namespace motivo::store::sql {

ArrivalMarks SqlStore::arrival_marks()
{
  return read([&] {
    // max(id) of an integer primary key is one index lookup on either engine.
    Statement s = connection_.prepare(
        "SELECT (SELECT coalesce(max(id), 0) FROM invitations), (SELECT coalesce(max(id), 0) FROM messages)");
    s.step();
    return ArrivalMarks{s.column_int(0), s.column_int(1)};
  });
}

std::vector<MessageArrival> SqlStore::messages_between(std::int64_t after, std::int64_t upto)
{
  return read([&] {
    Statement s = connection_.prepare(R"sql(
SELECT owner, counterpart, direction = 'outgoing', sent_at FROM messages
WHERE id > ?1 AND id <= ?2 AND NOT draft ORDER BY id)sql");
    s.bind(1, after).bind(2, upto);
    std::vector<MessageArrival> out;
    while (s.step()) {
      MessageArrival m{s.column_int(0), std::nullopt, s.column_bool(2), s.column_int(3)};
      if (!s.is_null(1)) m.counterpart = s.column_int(1);
      out.push_back(m);
    }
    return out;
  });
}

} // namespace motivo::store::sql
