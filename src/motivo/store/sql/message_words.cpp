#include <motivo/core/name_in_text.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/store/sql/message_words.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace motivo::store::sql {

namespace {

constexpr std::size_t batch = 2000;      // stale messages read at a time
constexpr std::size_t insert_rows = 250; // (message, word) rows per INSERT

// The words a message is found by: its recipients' names, title and subject, and its recipients' slugs.
std::vector<std::string> words_of_message(std::string_view names, std::string_view urls, std::string_view title,
                                          std::string_view subject)
{
  std::vector<std::string> out;
  // A recipient is compared whole (same_name), a title or subject searched (without_name).
  for_each_listed(names, [&](std::string_view name) {
    for (std::string& w : names::words_of_name(name)) out.push_back(std::move(w));
  });
  for (const std::string_view text : {title, subject}) {
    for (std::string& w : names::words_in_text(text)) out.push_back(std::move(w));
  }
  for_each_listed(urls, [&](std::string_view url) {
    if (std::string slug = profile_slug(url); !slug.empty()) out.push_back("/" + slug);
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Rows (message, word) written `insert_rows` to an INSERT.
class WordWriter {
public:
  explicit WordWriter(Connection& c) : c_(c) {}
  ~WordWriter() = default;
  WordWriter(const WordWriter&) = delete;
  WordWriter& operator=(const WordWriter&) = delete;

  void add(std::int64_t message, std::vector<std::string> words)
  {
    for (std::string& w : words) {
      rows_.emplace_back(message, std::move(w));
      if (rows_.size() == insert_rows) flush();
    }
  }

  void flush()
  {
    if (rows_.empty()) return;
    std::string sql = "INSERT INTO message_words (message, word) VALUES ";
    for (std::size_t i = 0; i < rows_.size(); ++i)
      sql += fmt::format("{}(?{}, ?{})", i ? ", " : "", 2 * i + 1, 2 * i + 2);
    Statement insert = c_.prepare(sql);
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const int at = static_cast<int>(2 * i + 1);
      insert.bind(at, rows_[i].first).bind(at + 1, rows_[i].second);
    }
    insert.run();
    rows_.clear();
  }

private:
  Connection& c_;
  std::vector<std::pair<std::int64_t, std::string>> rows_;
};

} // namespace

std::int64_t refresh_message_words(Connection& c)
{
  Statement stale = c.prepare(fmt::format(R"sql(
SELECT s.message, m.id IS NOT NULL, coalesce(m.to_names, ''), coalesce(m.to_urls, ''),
       coalesce(m.conversation_title, ''), coalesce(m.subject, '')
FROM stale_message_words s LEFT JOIN messages m ON m.id = s.message
WHERE s.message > ?1 ORDER BY s.message LIMIT {})sql",
                                          batch));
  Statement forget = c.prepare("DELETE FROM message_words WHERE message = ?1");
  WordWriter writer(c);
  std::int64_t after = -1, refreshed = 0;
  for (std::size_t read = batch; read == batch;) {
    read = 0;
    std::vector<std::pair<std::int64_t, std::vector<std::string>>> words;
    stale.reset();
    for (stale.bind(1, after); stale.step(); ++read) {
      after = stale.column_int(0);
      if (stale.column_bool(1))
        words.emplace_back(after, words_of_message(stale.column_view(2), stale.column_view(3), stale.column_view(4),
                                                   stale.column_view(5)));
      else
        words.emplace_back(after, std::vector<std::string>{});
    }
    for (auto& [message, kept] : words) {
      forget.reset();
      forget.bind(1, message).run();
      writer.add(message, std::move(kept));
    }
    writer.flush();
    refreshed += static_cast<std::int64_t>(read);
  }
  if (refreshed > 0) c.prepare("DELETE FROM stale_message_words WHERE message <= ?1").bind(1, after).run();
  return refreshed;
}

std::vector<std::int64_t> messages_naming(Connection& c, std::string_view name, std::string_view slug, bool refresh)
{
  if (refresh) refresh_message_words(c);
  std::vector<std::string> words = names::words_of_name(name);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  // The messages holding every word of the name (an INTERSECT of index lookups), and those listing the slug.
  std::string sql;
  for (std::size_t i = 0; i < words.size(); ++i)
    sql += fmt::format("{}SELECT message FROM message_words WHERE word = ?{}", i ? " INTERSECT " : "", i + 1);
  const std::string slug_word = slug.empty() ? "" : "/" + std::string(slug);
  if (!slug_word.empty())
    sql += fmt::format("{}SELECT message FROM message_words WHERE word = ?{}", sql.empty() ? "" : " UNION ",
                       words.size() + 1);
  std::vector<std::int64_t> out;
  if (sql.empty()) return out;
  if (!refresh) sql += " UNION SELECT message FROM stale_message_words";
  Statement s = c.prepare("SELECT message FROM (" + sql + ") AS found ORDER BY message");
  for (std::size_t i = 0; i < words.size(); ++i) s.bind(static_cast<int>(i + 1), words[i]);
  if (!slug_word.empty()) s.bind(static_cast<int>(words.size() + 1), slug_word);
  while (s.step()) out.push_back(s.column_int(0));
  return out;
}

} // namespace motivo::store::sql
