#pragma once
// What each libFuzzer target does with one input, shared by the targets (fuzz_*.cpp) and by the unit test that
// replays the inputs kept in tests/data/fuzz-regressions/TARGET/ (tests/unit/test_fuzz_regressions.cpp): every
// crash a fuzzer finds is kept there and replayed by `make test` ever after.
#include <motivo/app/import.hpp>
#include <motivo/app/jsonl.hpp>
#include <motivo/core/byte_source.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/dma.hpp>
#include <motivo/core/linkedin/rows.hpp>
#include <motivo/core/mail/mbox.hpp>
#include <motivo/core/mail/notification.hpp>
#include <motivo/core/names.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/messages.hpp>
#include <motivo/core/utf8.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/io/mail.hpp>
#include <motivo/store/store.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace motivo::fuzz {

// A broken promise: abort, so the fuzzer keeps the input (and the replaying test fails).
inline void expect(bool condition)
{
  if (!condition) std::abort();
}

// One e-mail through GMime, the HTML renderer and the recogniser: a verdict, always (an invitation, a member's
// message, an acceptance, or why not).
inline void mail(std::string_view bytes)
{
  static const mail::Recogniser recogniser;
  const mail::Message message = io::decode_mail(bytes, "fuzz");
  const mail::Verdict verdict = recogniser.recognise(message);
  // One reading at most, or a reason.
  const int readings = (verdict.invitation ? 1 : 0) + (verdict.message ? 1 : 0) + (verdict.acceptance ? 1 : 0);
  expect(readings == 1 || (readings == 0 && !verdict.skipped.empty()));
  // A member's message or an acceptance names someone, is dated, and never comes from forged or broken mail.
  if (verdict.message || verdict.acceptance) {
    expect(mail::authentication_of(message).result != mail::Authentication::fail && message.problems.empty());
    expect(!(verdict.message ? verdict.message->sender : verdict.acceptance->person).empty());
  }
  if (verdict.message) expect(protocol::platform_length(verdict.message->text) <= mail::max_message_length);
  // The inviter's profile slug, as an export's URL keys it: the URL stored for it gives it back.
  if (verdict.invitation)
    expect(profile_slug(profile_url(verdict.invitation->profile_slug)) == verdict.invitation->profile_slug);
  // A note is at most LinkedIn's length; forged mail is never an invitation.
  if (verdict.invitation) {
    expect(protocol::platform_length(verdict.invitation->note) <= mail::max_note_length);
    expect(mail::authentication_of(message).result != mail::Authentication::fail);
  }
  // The same bytes as an mbox (motivo's own splitter, core/mail/mbox.cpp): each message keeps at most its first
  // `keep` bytes, never more than it has, the messages together are no bigger than the file, and each one kept goes
  // through the same decoder and recogniser.
  constexpr std::size_t keep = 512;
  MemorySource source(bytes);
  mail::MboxReader mbox(source, keep);
  std::string head;
  std::uint64_t size = 0, total = 0;
  while (mbox.next(head, size)) {
    expect(head.size() <= keep && head.size() <= size);
    total += size;
    expect(total <= bytes.size());
    (void)recogniser.recognise(io::decode_mail(head, "fuzz"));
  }
}

template <typename Rows, typename Row>
void csv_as(std::string_view bytes)
{
  MemorySource source(bytes);
  csv::Limits limits;
  limits.buffer_bytes = 64; // small reads: records cross buffer boundaries everywhere
  limits.max_record_bytes = 1u << 16;
  csv::Reader reader(source, "fuzz.csv", limits);
  try {
    Rows rows(reader);
    Row row;
    while (rows.next(row)) {
    }
  } catch (const InputError&) {
  }
}

// Bytes as each of the export's CSV files: only InputError may come out.
inline void csv(std::string_view bytes)
{
  csv_as<linkedin::InvitationsReader, linkedin::InvitationRow>(bytes);
  csv_as<linkedin::ConnectionsReader, linkedin::ConnectionRow>(bytes);
  csv_as<linkedin::MessagesReader, linkedin::MessageRow>(bytes);
}

// An answer of LinkedIn's API (docs/SYNC.md) as a page of each snapshot domain and as a changelog page: rows or a
// shape refused (InputError), never a crash; the CSV written from the rows reads back as one record more than the
// rows (its header), each as wide as the header, whatever the fields held (commas, quotes, line breaks).
inline void dma(std::string_view bytes)
{
  using linkedin::dma::Domain;
  for (const Domain d : {Domain::profile, Domain::invitations, Domain::connections, Domain::inbox}) {
    linkedin::dma::SnapshotCsv csv(d);
    try {
      (void)csv.add_page(bytes, 1);
    } catch (const InputError&) {
      continue;
    }
    MemorySource source(csv.csv());
    csv::Reader reader(source, "fuzz");
    csv::Record record;
    std::uint64_t records = 0;
    std::size_t width = 0;
    try {
      while (reader.next(record)) {
        if (records++ == 0) width = record.fields.size();
        expect(record.fields.size() == width);
      }
    } catch (const InputError&) {
      continue; // a NUL byte or invalid UTF-8 in a field: the reader's own refusal
    }
    expect(records == csv.rows() + 1);
  }
  try {
    (void)linkedin::dma::parse_change_page(bytes, 1);
  } catch (const InputError&) {
  }
}

// Bytes through the bare CSV reader with small limits: every record has 1 to max_fields fields, and starts on a
// line that never goes back and lies within the input's line breaks.
inline void csv_counts(std::string_view bytes)
{
  MemorySource source(bytes);
  csv::Limits limits;
  limits.buffer_bytes = 16 + bytes.size() % 61; // buffer boundaries everywhere, differently per input
  limits.max_record_bytes = 1u << 16;
  limits.max_fields = 64;
  csv::Reader reader(source, "fuzz.csv", limits);
  const auto breaks = static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                                 std::count(bytes.begin(), bytes.end(), '\r'));
  const auto commas = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), ','));
  try {
    csv::Record record;
    std::uint64_t last = 0;
    while (reader.next(record)) {
      expect(!record.fields.empty() && record.fields.size() <= limits.max_fields);
      expect(record.fields.size() <= commas + 1);
      expect(record.line >= last && record.line <= breaks + 1);
      last = record.line;
    }
  } catch (const InputError&) {
  }
}

// A number from the first two bytes (consumed), below `limit`.
inline std::size_t take_count(std::string_view& bytes, std::size_t limit)
{
  std::size_t n = 0;
  for (int i = 0; i < 2 && !bytes.empty(); ++i) {
    n = n * 256 + static_cast<unsigned char>(bytes.front());
    bytes.remove_prefix(1);
  }
  return n % limit;
}

// config.toml beginning with a key of up to 4,095 dotted parts and a value nested up to 4,095 deep: either
// refused by the shape check, naming which, or parsed; never a crash of the TOML parser.
inline void config_depth(std::string_view bytes)
{
  const std::size_t parts = 1 + take_count(bytes, 4096);
  const std::size_t depth = take_count(bytes, 4096);
  std::string text = "a";
  for (std::size_t i = 1; i < parts; ++i) text += ".a";
  text += " = " + std::string(depth, '[') + "1" + std::string(depth, ']') + "\n" + std::string(bytes);
  try {
    (void)protocol::parse_config(text, "config.toml");
  } catch (const InputError& e) {
    const std::string_view what = e.what();
    if (parts > protocol::max_key_parts)
      expect(what.find("dotted parts") != std::string_view::npos);
    else if (depth > protocol::max_nesting)
      expect(what.find("nested more than") != std::string_view::npos);
  }
}

// Bytes as config.toml, and every template it holds rendered.
inline void config(std::string_view text)
{
  try {
    const protocol::Config c = protocol::parse_config(text, "config.toml");
    const protocol::MessageValues values{"Ana", c.my_name, c.my_link};
    for (const auto& [name, body] : c.templates) {
      try {
        (void)protocol::render_message(body, values, "es", name);
      } catch (const InputError&) {
      }
    }
  } catch (const InputError&) {
  }
}

// Bytes as a message template.
inline void message_template(std::string_view text)
{
  const protocol::MessageValues values{"Ana", "Luis Pérez", "https://example.org/luis"};
  try {
    (void)protocol::render_message(text, values, "es", "fuzz.mustache");
    (void)protocol::platform_length(text);
  } catch (const InputError&) {
  }
}

// A template of the input between up to 4,095 nested sections: refused past the depth limit, rendered or
// refused within it; never a crash of the mustache parser.
inline void template_depth(std::string_view bytes)
{
  const std::size_t depth = take_count(bytes, 4096);
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += "{{#my_name}}";
  text += bytes;
  for (std::size_t i = 0; i < depth; ++i) text += "{{/my_name}}";
  if (depth > protocol::max_template_depth) expect(protocol::template_problem(text).has_value());
  message_template(text);
}

// Bytes as a note (its first line as the sender's name): a label for anything; the line read as a name too.
// JSON Lines of notes (classify --jsonl, eval): our scanner of the common line reads each line as nlohmann's parser
// does (or leaves it to it), and a document is read whole or refused with an InputError, labelled or not.
inline void jsonl(std::string_view bytes)
{
  for (std::size_t start = 0; start <= bytes.size();) {
    const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
    expect(app::detail::jsonl_readers_agree(bytes.substr(start, end - start)));
    start = end + 1;
  }
  for (const bool labelled : {false, true}) {
    try {
      const app::JsonlNotes notes = app::read_jsonl_notes(bytes, "fuzz", labelled);
      expect(notes.ids.size() == notes.notes.size());
    } catch (const InputError&) {
    }
  }
}

inline void classify(std::string_view text)
{
  static const classify::Classifier classifier;
  const std::string_view sender = text.substr(0, std::min(text.find('\n'), std::size_t{64}));
  const classify::Result r = classifier.classify({text, sender, "Dana Whitcombe"});
  expect(r.confidence >= 0 && r.confidence <= 1);
  // The same line as a name to greet: valid UTF-8 out, whatever comes in.
  expect(utf8::is_valid(names::given_name(sender)) && utf8::is_valid(names::greeting_name(text, sender)));
}

// Bytes as the export's .zip, imported into a fresh database: a failed import stores nothing.
inline void export_zip(std::string_view bytes)
{
  static const std::string dir = [] {
    char pattern[] = "/tmp/motivo-fuzz-export-XXXXXX";
    const char* made = mkdtemp(pattern);
    expect(made != nullptr);
    return std::string(made);
  }();
  const std::string zip = dir + "/export.zip";
  {
    std::ofstream out(zip, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  const std::string db = dir + "/motivo.db";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((db + suffix).c_str());
  auto store = store::open_sqlite(db);
  try {
    const auto inputs = io::collect_inputs({zip});
    app::ImportOptions options;
    options.now = 1'800'000'000;
    app::import_snapshot(*store, inputs, zip, options);
  } catch (const InputError&) {
    expect(store->counts().imports == 0);
  }
}

} // namespace motivo::fuzz
