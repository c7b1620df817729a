#include <motivo/app/import.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/core/classify/identity.hpp>
#include <motivo/core/content_hash.hpp>
#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/identity.hpp>
#include <motivo/core/linkedin/export_files.hpp>
#include <motivo/core/linkedin/owner.hpp>
#include <motivo/core/linkedin/rows.hpp>
#include <motivo/core/people.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

namespace motivo::app {

namespace {

using linkedin::FileKind;

struct Selected {
  const io::InputFile* file;
  FileKind kind;
};

// Reports progress every few thousand rows, by bytes read over the bytes of all files.
class ProgressTracker {
public:
  ProgressTracker(ProgressSink* sink, std::uint64_t total) : sink_(sink), total_(total) {}
  void tick(const csv::Reader& reader, const std::string& file)
  {
    if (!sink_ || ++rows_ % 4096 != 0) return;
    sink_->update(base_ + reader.bytes_consumed(), total_, file);
  }
  void file_done(std::uint64_t size) { base_ += size; }
  void finish()
  {
    if (sink_) sink_->finish();
  }

private:
  ProgressSink* sink_;
  std::uint64_t total_;
  std::uint64_t base_ = 0;
  std::uint64_t rows_ = 0;
};

std::size_t count_urls(std::string_view urls)
{
  if (text::trim(urls).empty()) return 0;
  return static_cast<std::size_t>(std::count(urls.begin(), urls.end(), ',')) + 1;
}

// Finds whose export this is, reading the invitations (or, without them, the messages) once; a tie goes to
// `stored` (the database's account).
linkedin::OwnerFinder find_owner(const std::vector<Selected>& files, std::string_view stored)
{
  linkedin::OwnerFinder owner;
  owner.prefer(stored);
  for (const Selected& s : files) {
    if (s.kind != FileKind::invitations) continue;
    auto source = s.file->open();
    csv::Reader reader(*source, s.file->display_name);
    linkedin::InvitationsReader rows(reader);
    linkedin::InvitationRow row;
    while (rows.next(row)) owner.add_invitation(row.direction, row.from, row.to, row.from_url, row.to_url);
  }
  if (owner.found()) return owner;
  for (const Selected& s : files) {
    if (s.kind != FileKind::messages) continue;
    auto source = s.file->open();
    csv::Reader reader(*source, s.file->display_name);
    linkedin::MessagesReader rows(reader);
    linkedin::MessageRow row;
    while (rows.next(row)) {
      if (row.direction) {
        // The 2018 layout says which side the owner is on.
        if (*row.direction == Direction::outgoing)
          owner.add_message_participant(row.from, row.from_url);
        else
          owner.add_message_participant(row.to, row.to_urls);
        continue;
      }
      owner.add_message_participant(row.from, row.from_url);
      if (count_urls(row.to_urls) <= 1) owner.add_message_participant(row.to, row.to_urls);
    }
  }
  return owner;
}

// 'Ana Ruiz', 'Me Myself'
std::string quoted_list(const std::vector<std::string>& names)
{
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + quote_value(name);
  return out;
}

// The user's --owner checked against the export, and a tie nothing settled refused: with no account stored, a
// messages.csv of one conversation names both people equally often, and taking either could make the other
// person the owner.
void settle_owner(linkedin::OwnerFinder& owner, const std::optional<std::string>& chosen, const std::string& source)
{
  if (!owner.found()) return; // nobody named: "cannot tell whose export this is", below
  if (chosen && !owner.choose(*chosen)) {
    throw InputError(source, 0,
                     Message(N_("--owner {}: not one of the people this export can belong to ({})"),
                             quote_value(*chosen), quoted_list(owner.leaders())));
  }
  if (owner.decided()) return;
  throw InputError(source, 0,
                   Message(N_("cannot tell whose export this is: {} are named equally often in it; say whose it is "
                              "with --owner NAME"),
                           quoted_list(owner.leaders())));
}

// When the export holding `file` was made at the latest: the day its archive's name gives, else `by` (the clock, or
// the day the import's source names: an upload's own name).
datetime::UnixSeconds made_by(const io::InputFile& file, datetime::UnixSeconds by)
{
  return std::min(by, linkedin::export_made_by(file.display_name).value_or(by));
}

class SnapshotWriter {
public:
  SnapshotWriter(store::ImportSession& session, PeopleResolver& people, PersonId owner, ProgressTracker& progress,
                 datetime::UnixSeconds made_by)
    : session_(session), people_(people), owner_(owner), progress_(progress), made_by_(made_by)
  {
  }

  void invitations(ByteSource& source, const io::InputFile& file, FileReport& report);
  void connections(ByteSource& source, const io::InputFile& file, FileReport& report);
  void messages(ByteSource& source, const io::InputFile& file, FileReport& report);
  // Takes the rows of the file of `table` that the owner's latest import read, when `file` holds the same bytes
  // (and its dates are allowed in this export); false when it must be read.
  bool reuse(const io::InputFile& file, store::Table table, FileReport& report);
  // What the file just read gave, for a later import to reuse.
  store::ImportSession::FileRecord record(store::Table table, const IdentityKey& hash, const FileReport& report) const
  {
    return {table, hash, report.rows, table == store::Table::invitations ? listed_ : std::nullopt, file_latest_};
  }
  void start_file() { file_latest_.reset(); }
  std::optional<store::ImportSession::Span> invitations_listed() const { return listed_; }
  // The latest time any row of the snapshot shows (see ImportSession::finish).
  std::optional<datetime::UnixSeconds> latest() const { return latest_; }

private:
  // The file's rows are all written: how many were new.
  void tally(store::Table table, FileReport& report)
  {
    report.added = session_.take_added(table);
    report.known = report.rows - report.added;
  }

  store::ImportSession& session_;
  PeopleResolver& people_;
  PersonId owner_;
  ProgressTracker& progress_;
  datetime::UnixSeconds made_by_; // when the export was made at the latest, before each file's own name
  std::optional<store::ImportSession::Span> listed_;
  std::optional<datetime::UnixSeconds> latest_, file_latest_;
  void saw(datetime::UnixSeconds t)
  {
    latest_ = std::max(latest_.value_or(t), t);
    file_latest_ = std::max(file_latest_.value_or(t), t);
  }
  void list(store::ImportSession::Span span)
  {
    if (!listed_) listed_ = span;
    listed_->from = std::min(listed_->from, span.from);
    listed_->until = std::max(listed_->until, span.until);
  }
};

void SnapshotWriter::invitations(ByteSource& source, const io::InputFile& file, FileReport& report)
{
  csv::Reader reader(source, file.display_name);
  linkedin::InvitationsReader rows(reader, made_by(file, made_by_));
  linkedin::InvitationRow row;
  InvitationRecord r;
  r.owner = owner_;
  while (rows.next(row)) {
    r.direction = row.direction;
    r.from_name = row.from;
    r.to_name = row.to;
    r.from_url = row.from_url;
    r.to_url = row.to_url;
    r.sent_at = row.sent_at;
    r.message = row.message;
    r.from_person = people_.resolve(row.from, row.from_url);
    r.to_person = people_.resolve(row.to, row.to_url);
    const std::string_view from_key = people_.name_key(row.from);
    r.key = identity_key("invitation",
                         {from_key, people_.name_key(row.to), key_number(row.sent_at), to_string(row.direction)});
    session_.add_invitation(r);
    ++report.rows;
    list({row.sent_at, row.sent_at});
    saw(row.sent_at);
    progress_.tick(reader, file.display_name);
  }
  tally(store::Table::invitations, report);
}

void SnapshotWriter::connections(ByteSource& source, const io::InputFile& file, FileReport& report)
{
  csv::Reader reader(source, file.display_name);
  linkedin::ConnectionsReader rows(reader, made_by(file, made_by_));
  linkedin::ConnectionRow row;
  ConnectionRecord r;
  r.owner = owner_;
  std::map<std::string, int> hidden_on_day; // hidden profiles are told apart by their order within a day
  std::string name;
  while (rows.next(row)) {
    r.first_name = row.first_name;
    r.last_name = row.last_name;
    r.url = row.url;
    r.email = row.email;
    r.company = row.company;
    r.position = row.position;
    const datetime::UnixSeconds day =
        datetime::to_unix({row.connected_on.year, row.connected_on.month, row.connected_on.day, 0, 0, 0});
    r.connected_on = datetime::format_date(day);
    r.connected_at = row.connected_at;
    saw(row.connected_at.value_or(day));
    if (row.hidden) {
      r.person.reset();
      const int ordinal = ++hidden_on_day[r.connected_on];
      r.key = identity_key("hidden-connection", {key_number(owner_), r.connected_on, key_number(ordinal)});
    } else {
      name.assign(row.first_name);
      if (!row.last_name.empty()) name.append(" ").append(row.last_name);
      r.person = people_.resolve(name, row.url);
      r.key = identity_key("connection", {key_number(owner_), r.person ? key_number(*r.person) : people_.name_key(name),
                                          r.connected_on});
    }
    session_.add_connection(r);
    ++report.rows;
    progress_.tick(reader, file.display_name);
  }
  tally(store::Table::connections, report);
}

void SnapshotWriter::messages(ByteSource& source, const io::InputFile& file, FileReport& report)
{
  csv::Reader reader(source, file.display_name);
  linkedin::MessagesReader rows(reader, made_by(file, made_by_));
  linkedin::MessageRow row;
  MessageRecord r;
  r.owner = owner_;
  std::string pair;
  while (rows.next(row)) {
    r.conversation_id = row.conversation_id;
    r.conversation_title = row.conversation_title;
    r.from_name = row.from;
    r.from_url = row.from_url;
    r.to_names = row.to;
    r.to_urls = row.to_urls;
    r.sent_at = row.sent_at;
    r.subject = row.subject;
    r.content = row.content;
    r.folder = row.folder;
    r.draft = row.draft;
    saw(row.sent_at);
    r.from_person = people_.resolve(row.from, row.from_url);
    r.to_person = count_urls(row.to_urls) <= 1 ? people_.resolve(row.to, row.to_urls) : std::nullopt;
    if (row.direction)
      r.direction = *row.direction;
    else
      r.direction = r.from_person == owner_ ? Direction::outgoing : Direction::incoming;
    const std::string_view from_key = people_.name_key(row.from);
    std::string_view conversation = row.conversation_id;
    if (conversation.empty()) {
      // No conversation id (the 2018 layout): the pair of participants stands for the conversation.
      const std::string_view to_key = people_.name_key(row.to);
      pair.assign(std::min(from_key, to_key)).append(1, '\0').append(std::max(from_key, to_key));
      conversation = pair;
    }
    r.key = identity_key("message", {key_number(owner_), conversation, from_key, key_number(row.sent_at), row.content});
    session_.add_message(r);
    ++report.rows;
    progress_.tick(reader, file.display_name);
  }
  tally(store::Table::messages, report);
}

bool SnapshotWriter::reuse(const io::InputFile& file, store::Table table, FileReport& report)
{
  const auto prior = session_.prior_file(table);
  if (!prior) return false;
  // A date later than the export was made is an error, which reading the file reports.
  if (prior->file.latest && *prior->file.latest > made_by(file, made_by_) + linkedin::export_date_tolerance)
    return false;
  if (content_hash(*file.open()) != prior->file.hash || !session_.reuse_file(*prior)) return false;
  session_.record_file(prior->file);
  report.rows = prior->file.rows;
  report.known = prior->file.rows;
  report.unchanged_since = prior->imported_at;
  if (prior->file.listed) list(*prior->file.listed);
  if (prior->file.latest) saw(*prior->file.latest);
  return true;
}

store::Table table_of(FileKind kind)
{
  switch (kind) {
  case FileKind::connections: return store::Table::connections;
  case FileKind::messages: return store::Table::messages;
  default: return store::Table::invitations;
  }
}

// Reads one file of the snapshot, or takes it unread when the owner's latest import read the same bytes. A file
// that is the only one of its kind in the snapshot is recorded by its hash, for the next import.
FileReport read_file(SnapshotWriter& writer, store::ImportSession& session, const Selected& s, bool alone)
{
  FileReport file{s.file->name, std::string(linkedin::to_string(s.kind))};
  const store::Table table = table_of(s.kind);
  writer.start_file();
  if (alone && writer.reuse(*s.file, table, file)) return file;
  HashingSource source(s.file->open());
  switch (s.kind) {
  case FileKind::invitations: writer.invitations(source, *s.file, file); break;
  case FileKind::connections: writer.connections(source, *s.file, file); break;
  case FileKind::messages: writer.messages(source, *s.file, file); break;
  case FileKind::unused: break;
  }
  if (!alone) return file;
  std::array<char, 1 << 16> rest; // the hash covers the file to its end, whatever the reader left unread
  while (source.read(rest.data(), rest.size()) > 0) {
  }
  session.record_file(writer.record(table, source.digest(), file));
  return file;
}

std::string skip_note(const io::InputFile& file)
{
  const std::string lower = text::ascii_lower(file.name);
  if (lower.find("coach_messages") != std::string::npos || lower.find("guide_messages") != std::string::npos ||
      lower.find("learning_") != std::string::npos) {
    return "conversations with LinkedIn's assistants, not people";
  }
  return "not used by motivo";
}

} // namespace

void check_owner_is_theirs(store::ImportSession& session, std::optional<std::int64_t> user, PersonId owner,
                           std::string_view owner_name, const std::string& source)
{
  if (!user) return;
  if (const auto other = session.owner_claimed_by_other(owner)) {
    throw InputError(source, 0,
                     fmt::format("this data is {}'s, whose LinkedIn account {} imports: each account belongs to one "
                                 "user (an admin can import it without --as)",
                                 owner_name, *other));
  }
}

void check_one_account(const std::vector<store::Account>& accounts, PersonId owner, std::string_view owner_name,
                       const std::string& source)
{
  std::string others;
  for (const store::Account& a : accounts) {
    if (a.owner == owner) continue;
    if (!others.empty()) others += ", ";
    others += a.name;
  }
  if (others.empty()) return;
  throw InputError(source, 0,
                   Message(N_("this export is {}'s and this database holds {}'s: keep one database per LinkedIn "
                              "account (import it into another with --db PATH or MOTIVO_DB; a team shares one with "
                              "users and --as)"),
                           std::string(owner_name), others));
}

ImportReport import_snapshot(store::Store& store, const std::vector<io::InputFile>& inputs, const std::string& source,
                             const ImportOptions& options)
{
  ImportReport report;
  std::vector<Selected> selected;
  for (const io::InputFile& f : inputs) {
    const FileKind kind = linkedin::file_kind(f.name);
    if (kind == FileKind::unused) {
      report.files.push_back({f.name, "skipped", skip_note(f)});
    } else {
      selected.push_back({&f, kind});
    }
  }
  if (selected.empty()) {
    throw InputError(source, 0,
                     Message(N_("nothing to import: no Invitations.csv, Connections.csv or messages.csv in it")));
  }
  std::stable_sort(selected.begin(), selected.end(), [](const Selected& a, const Selected& b) {
    return linkedin::read_order(a.kind) < linkedin::read_order(b.kind);
  });

  // A personal database (no users) holds one account: a second one would mix into every count and queue.
  const bool personal = !options.user && store.users().empty();
  const std::vector<store::Account> accounts = personal ? store.accounts() : std::vector<store::Account>{};
  const std::string stored_owner = accounts.size() == 1 ? accounts[0].name : "";
  linkedin::OwnerFinder owner = find_owner(selected, options.owner_hint.empty() ? stored_owner : options.owner_hint);
  settle_owner(owner, options.owner, source);
  auto session = store.begin_import({options.now, source, options.user});
  std::optional<store::ImportSession::Span> invitations_listed;
  std::optional<datetime::UnixSeconds> as_of;
  PersonId owner_person = 0;
  {
    // The resolver's and writer's maps end here, before the notes are labelled: the two never need memory at once.
    // The people stored are read only when a file is (the first resolve()): an unchanged export reads none.
    PeopleResolver people(*session);
    std::optional<PersonId> owner_id;
    if (owner.found()) {
      owner_id = people.resolve_one(owner.name(), owner.url());
      report.owner = owner.name();
      report.owner_disagreements = owner.disagreeing();
    }
    if (!owner_id) {
      throw InputError(
          source, 0,
          Message(N_("cannot tell whose export this is: import its Invitations.csv or messages.csv along with it")));
    }
    check_owner_is_theirs(*session, options.user, *owner_id, owner.name(), source);
    if (personal) check_one_account(accounts, *owner_id, owner.name(), source);
    session->set_owner(*owner_id);
    owner_person = *owner_id;

    std::uint64_t total = 0;
    for (const Selected& s : selected) total += s.file->size;
    ProgressTracker progress(options.progress, total);
    const datetime::UnixSeconds clock = options.clock.value_or(options.now);
    SnapshotWriter writer(*session, people, *owner_id, progress,
                          std::min(clock, linkedin::export_made_by(source).value_or(clock)));
    std::vector<FileReport> used;
    for (const Selected& s : selected) {
      const auto same_kind =
          std::count_if(selected.begin(), selected.end(), [&](const Selected& other) { return other.kind == s.kind; });
      used.push_back(read_file(writer, *session, s, same_kind == 1));
      progress.file_done(s.file->size);
    }
    progress.finish();
    report.files.insert(report.files.begin(), used.begin(), used.end());
    report.people_added = people.created();
    report.people_read = people.filled();
    invitations_listed = writer.invitations_listed();
    as_of = writer.latest();
  }
  session->finish(invitations_listed, as_of, import_summary_json(report));
  report.labels = label_import(*session); // in the same transaction
  if (options.before_commit) options.before_commit(*session, owner_person);
  refresh_timelines(*session); // in the same transaction
  session->commit();
  return report;
}

} // namespace motivo::app
