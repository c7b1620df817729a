#include <motivo/app/sync.hpp>
#include <motivo/core/byte_source.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/dma.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace motivo::app {

namespace {

using linkedin::dma::Domain;

// What an answer that is not 200 means for the user: a token to make again (401), an API they may not use (403),
// or LinkedIn's own words. The token never appears in them.
void check_status(const io::ApiResponse& r, const io::LinkedInApi& api, const std::string& at)
{
  if (r.status == 200) return;
  const std::string said = api.redact(linkedin::dma::error_message(r.body));
  if (r.status == 401)
    throw SyncRefused(
        N_("{}: LinkedIn refused the token (401: expired or revoked; tokens last 60 days): make a new one "
           "with the OAuth token generator of your developer app and save it again (docs/SYNC.md)"),
        at);
  if (r.status == 403)
    throw SyncRefused(N_("{}: LinkedIn refused access (403: '{}'): the Member Data Portability API serves members "
                         "located in the EU, the EEA and Switzerland, through an app with the \"Member Data "
                         "Portability API (Member)\" product and a token of that member (docs/SYNC.md)"),
                      at, said);
  throw io::ApiError(N_("{}: LinkedIn answered HTTP {} ('{}')"), at, static_cast<std::int64_t>(r.status), said);
}

// The path of the next page, refusing a link to another address or back to a page already read.
std::string next_path(const io::LinkedInApi& api, const std::string& href, std::set<std::string>& seen,
                      const std::string& at)
{
  const std::optional<std::string> path = api.path_of_link(href);
  if (!path) throw InputError(at, 0, Message(N_("a next page at another address: '{}'"), href));
  if (!seen.insert(*path).second) throw InputError(at, 0, Message(N_("the next page is one already read: '{}'"), href));
  return *path;
}

void check_page_count(int page, int max_pages, const std::string& what)
{
  if (page > max_pages)
    throw InputError(fmt::format("linkedin {} page {}", what, page), 0,
                     Message(N_("more than {} pages: stopped, nothing was stored"), max_pages));
}

// Every page of one domain, following the rel=next links. A 404 ends it: LinkedIn answers so for the page after
// the last one, and for a domain without data.
linkedin::dma::SnapshotCsv read_domain(io::LinkedInApi& api, Domain domain, const SyncOptions& options)
{
  linkedin::dma::SnapshotCsv csv(domain);
  std::string path = fmt::format("/rest/memberSnapshotData?q=criteria&domain={}", linkedin::dma::to_string(domain));
  std::set<std::string> seen{path};
  for (int page = 1;; ++page) {
    const std::string at = fmt::format("linkedin {} page {}", linkedin::dma::to_string(domain), page);
    check_page_count(page, options.max_pages, std::string(linkedin::dma::to_string(domain)));
    const io::ApiResponse r = api.get(path);
    if (r.status == 404) break;
    check_status(r, api, at);
    const std::optional<std::string> next = csv.add_page(r.body, page);
    if (csv.csv().size() > options.max_domain_bytes)
      throw InputError(
          at, 0, Message(N_("more than {} bytes of rows: stopped, nothing was stored"), options.max_domain_bytes));
    if (!next) break;
    path = next_path(api, *next, seen, at);
  }
  return csv;
}

io::InputFile as_input(const std::shared_ptr<const std::string>& csv, Domain domain)
{
  io::InputFile f;
  f.display_name = fmt::format("linkedin {}", linkedin::dma::to_string(domain));
  f.name = std::string(linkedin::dma::file_name(domain));
  f.size = csv->size();
  f.open = [csv] { return std::make_unique<MemorySource>(*csv); };
  return f;
}

// Stores `files` as one snapshot and the cursor `cursor` (its owner filled in) in the same transaction.
ImportReport store_rows(store::Store& store, const std::vector<io::InputFile>& files, const std::string& source,
                        const SyncOptions& options, const std::string& account, store::SyncCursor cursor,
                        const std::string& owner_hint = {})
{
  ImportOptions o;
  o.now = options.now;
  o.clock = options.now;
  o.user = options.user;
  o.owner_hint = owner_hint;
  o.before_commit = [&](store::ImportSession& session, PersonId owner) {
    cursor.owner = owner;
    session.set_sync_cursor(account, cursor);
  };
  return import_snapshot(store, files, source, o);
}

SyncReport take_snapshot(store::Store& store, io::LinkedInApi& api, const SyncOptions& options, std::string why)
{
  SyncReport report;
  report.snapshot = true;
  report.why = std::move(why);
  const auto profile = read_domain(api, Domain::profile, options);
  if (profile.rows() == 0)
    throw SnapshotNotReady(N_("LinkedIn has not prepared your data yet (the PROFILE snapshot is empty; the first one "
                              "can take hours after the token is made): run motivo sync again later"));
  report.profile = profile.profile_name();
  std::vector<std::shared_ptr<const std::string>> texts;
  std::vector<io::InputFile> files;
  for (const Domain d : {Domain::invitations, Domain::connections, Domain::inbox}) {
    texts.push_back(std::make_shared<const std::string>(read_domain(api, d, options).csv()));
    files.push_back(as_input(texts.back(), d));
  }
  // The changelog is read from its oldest event next time: what happened while the snapshot was prepared is not
  // lost, and what both hold is stored once.
  const store::SyncCursor cursor{0, options.now, (options.now - changelog_days * 86400) * 1000, options.now};
  report.rows = store_rows(store, files, "linkedin-api " + api.base(), options, sync_account(api, options.user), cursor,
                           report.profile);
  return report;
}

// Every changelog event since `since` (epoch milliseconds), following the rel=next links, or the next `start`
// while pages come full (LinkedIn's own clients were seen to get both).
std::vector<linkedin::dma::ChangeEvent> read_changes(io::LinkedInApi& api, std::int64_t since,
                                                     const SyncOptions& options)
{
  constexpr int count = 50; // LinkedIn's upper limit for this API
  const std::string first =
      fmt::format("/rest/memberChangeLogs?q=memberAndApplication&count={}&startTime={}", count, since);
  std::string path = first;
  std::set<std::string> seen{path};
  std::vector<linkedin::dma::ChangeEvent> events;
  for (int page = 1, start = 0;; ++page) {
    const std::string at = fmt::format("linkedin memberChangeLogs page {}", page);
    check_page_count(page, options.max_pages, "memberChangeLogs");
    const io::ApiResponse r = api.get(path);
    if (r.status == 404) break;
    check_status(r, api, at);
    linkedin::dma::ChangePage p = linkedin::dma::parse_change_page(r.body, page);
    const std::size_t n = p.events.size();
    std::move(p.events.begin(), p.events.end(), std::back_inserter(events));
    start += static_cast<int>(n);
    if (p.next)
      path = next_path(api, *p.next, seen, at);
    else if (n == count)
      path = next_path(api, fmt::format("{}&start={}", first, start), seen, at);
    else
      break;
  }
  return events;
}

// The messages.csv row of a new message, named as the stored conversation names its two sides; nullopt when the
// conversation is not stored or has more than two sides (counted in `report`).
std::optional<linkedin::dma::InboxRow> inbox_row(store::Store& store, const store::Account& owner,
                                                 const linkedin::dma::ChangeEvent& e, SyncReport& report)
{
  const auto stored = store.conversation_message(owner.owner, e.conversation_id());
  if (!stored) {
    ++report.unknown_conversation;
    return std::nullopt;
  }
  if (stored->to_urls.find(',') != std::string::npos) {
    ++report.group_conversation;
    return std::nullopt;
  }
  const bool owner_wrote_stored = text::name_key(stored->from_name) == text::name_key(owner.name);
  const std::string& other = owner_wrote_stored ? stored->to_names : stored->from_name;
  const std::string& other_url = owner_wrote_stored ? stored->to_urls : stored->from_url;
  const std::string& owner_url = owner_wrote_stored ? stored->from_url : stored->to_urls;
  const bool outgoing = !e.owner.empty() && e.author == e.owner;
  linkedin::dma::InboxRow row;
  row.conversation_id = e.conversation_id();
  row.conversation_title = stored->conversation_title;
  row.from = outgoing ? owner.name : other;
  row.from_url = outgoing ? owner_url : other_url;
  row.to = outgoing ? other : owner.name;
  row.to_urls = outgoing ? other_url : owner_url;
  row.sent_at = e.created_at;
  row.content = e.content;
  return row;
}

SyncReport apply_changes(store::Store& store, io::LinkedInApi& api, const store::Account& owner,
                         store::SyncCursor cursor, const SyncOptions& options)
{
  SyncReport report;
  const std::vector<linkedin::dma::ChangeEvent> events = read_changes(api, cursor.changes_since, options);
  report.events = events.size();
  std::vector<linkedin::dma::InboxRow> rows;
  for (const linkedin::dma::ChangeEvent& e : events) {
    // The next round starts at the latest processedAt, inclusive: that event comes again and is stored once.
    cursor.changes_since = std::max(cursor.changes_since, e.processed_at);
    if (!e.is_new_message()) continue;
    ++report.messages;
    if (auto row = inbox_row(store, owner, e, report)) rows.push_back(std::move(*row));
  }
  cursor.synced_at = options.now;
  const std::string account = sync_account(api, options.user);
  if (rows.empty()) {
    store.set_sync_cursor(account, cursor);
    return report;
  }
  const auto csv = std::make_shared<const std::string>(linkedin::dma::inbox_csv(rows));
  report.rows = store_rows(store, {as_input(csv, Domain::inbox)}, "linkedin-api changelog " + api.base(), options,
                           account, cursor, owner.name);
  return report;
}

} // namespace

std::string sync_account(const io::LinkedInApi& api, std::optional<std::int64_t> user)
{
  return user ? fmt::format("{}#user={}", api.base(), *user) : api.base();
}

} // namespace motivo::app

namespace motivo::app {

SyncReport sync(store::Store& store, io::LinkedInApi& api, const SyncOptions& options)
{
  const std::optional<store::SyncCursor> cursor = store.sync_cursor(sync_account(api, options.user));
  std::optional<store::Account> owner;
  if (cursor) {
    for (const store::Account& a : store.accounts())
      if (a.owner == cursor->owner) owner = a;
  }
  if (options.snapshot) return take_snapshot(store, api, options, N_("asked"));
  if (!cursor || !owner) return take_snapshot(store, api, options, N_("first sync"));
  if (options.now - cursor->synced_at > changelog_days * 86400)
    return take_snapshot(store, api, options, N_("more than 28 days since the last sync"));
  return apply_changes(store, api, *owner, *cursor, options);
}

} // namespace motivo::app
