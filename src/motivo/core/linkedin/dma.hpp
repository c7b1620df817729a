#pragma once

// LinkedIn's Member Data Portability API (the DMA product, docs/SYNC.md): the shapes of its answers, mapped onto
// what an export holds. No I/O: bodies come in as text, CSV goes out, to be read by the export's own readers.

#include <motivo/core/datetime.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::linkedin::dma {

// The snapshot domains motivo reads.
enum class Domain { profile, invitations, connections, inbox };

// "PROFILE", "INVITATIONS", "CONNECTIONS", "INBOX": the API's names.
std::string_view to_string(Domain domain);
// The export's file the domain's rows are keyed like: Profile.csv, Invitations.csv, Connections.csv, messages.csv.
std::string_view file_name(Domain domain);

// One domain's snapshot, page by page, as the CSV file of an export holding the same rows: each object of
// `snapshotData` is keyed by the export's column names. Fields motivo does not read are ignored; a required one
// missing, or a shape that is not the documented one, throws InputError naming the domain, the page and the field.
class SnapshotCsv {
public:
  explicit SnapshotCsv(Domain domain);
  // Adds one page (a response body, `page` counted from 1); the `rel=next` link's href when there is one.
  std::optional<std::string> add_page(std::string_view body, int page);
  Domain domain() const { return domain_; }
  std::uint64_t rows() const { return rows_; }
  // The header line and every row so far.
  const std::string& csv() const { return csv_; }
  // PROFILE: "First Last" of its first row ("" when none).
  const std::string& profile_name() const { return profile_name_; }

private:
  Domain domain_;
  std::string csv_;
  std::uint64_t rows_ = 0;
  std::string profile_name_;
};

// One event of memberChangeLogs. Only messages are read from it: an event of another resource keeps its resource,
// method and time.
struct ChangeEvent {
  std::int64_t processed_at = 0; // epoch milliseconds: the next request's startTime
  std::string resource, method, status;
  std::string owner;   // the member's URN
  std::string author;  // messages: who wrote it (a URN)
  std::string thread;  // messages: urn:li:messagingThread:…
  std::string content; // messages: the text (content.fallback)
  datetime::UnixSeconds created_at = 0;
  // A message written (CREATE of a `messages` resource that did not fail).
  bool is_new_message() const;
  // The conversation id an export gives this thread: the URN's last part.
  std::string conversation_id() const;
};

struct ChangePage {
  std::vector<ChangeEvent> events;
  std::optional<std::string> next; // the rel=next href
};

// A memberChangeLogs page (`page` counted from 1, for errors).
ChangePage parse_change_page(std::string_view body, int page);

// The message of an API error body ({"message": …, "status": …}), "" when the body is not one.
std::string error_message(std::string_view body);

// A row of messages.csv, for messages the changelog brings.
struct InboxRow {
  std::string conversation_id, conversation_title, from, from_url, to, to_urls, content;
  datetime::UnixSeconds sent_at = 0;
};
// messages.csv with these rows, in the export's current layout.
std::string inbox_csv(const std::vector<InboxRow>& rows);

} // namespace motivo::linkedin::dma
