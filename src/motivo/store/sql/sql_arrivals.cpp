// What arrived: the newest rows, and the messages stored after a mark (SqlStore's part of store.hpp that counts
// arrivals for the web page's live updates and `fetch --exec`).
#include <motivo/store/sql/sql_store.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace motivo::store::sql {

namespace {

// Senders asked about in one statement: their ids are written into it (integers, nothing to escape).
constexpr std::size_t senders_per_statement = 500;

// The condition that keeps the invitations of `user`'s imports (InvitationQuery::user), its parameter numbered `n`.
std::string in_scope(const std::optional<std::int64_t>& user, int n)
{
  return user ? fmt::format(" AND owner IN (SELECT owner FROM imports WHERE user_id = ?{})", n) : std::string();
}

} // namespace

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

std::vector<PersonId> SqlStore::owners_with_invitations(std::optional<std::int64_t> user,
                                                        const std::vector<PersonId>& owners)
{
  return read([&] {
    // One lookup per owner in the index by (owner, time); a team has a few owners, a message names one of them.
    Statement s = connection_.prepare("SELECT 1 FROM invitations WHERE owner = ?1" + in_scope(user, 2) + " LIMIT 1");
    std::vector<PersonId> out;
    for (const PersonId owner : owners) {
      s.reset();
      s.bind(1, owner);
      if (user) s.bind(2, *user);
      if (s.step()) out.push_back(owner);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  });
}

std::vector<FirstInvitation> SqlStore::first_invitations_from(const std::vector<PersonId>& senders)
{
  return read([&] {
    std::vector<FirstInvitation> out;
    for (std::size_t i = 0; i < senders.size(); i += senders_per_statement) {
      const auto end =
          senders.begin() + static_cast<std::ptrdiff_t>(std::min(senders.size(), i + senders_per_statement));
      const std::vector<PersonId> some(senders.begin() + static_cast<std::ptrdiff_t>(i), end);
      // Only the sender is a condition, so that both engines read invitations_by_from_person (from_person, owner):
      // with `direction = 'incoming'` in the WHERE, SQLite chose the index by direction and read every received
      // invitation (0.3 s at 1,000,000). The direction is sorted out in the minimum; an owner's own invitations
      // (from_person = owner, sent ones) are left out on the index, for a sender who is also an owner in a team.
      Statement s = connection_.prepare(fmt::format(R"sql(
SELECT owner, from_person, min(CASE WHEN direction = 'incoming' THEN sent_at END) FROM invitations
WHERE from_person IN ({}) AND from_person <> owner GROUP BY owner, from_person)sql",
                                                    fmt::join(some, ", ")));
      while (s.step()) {
        if (!s.is_null(2)) out.push_back(FirstInvitation{s.column_int(0), s.column_int(1), s.column_int(2)});
      }
    }
    return out;
  });
}

} // namespace motivo::store::sql
