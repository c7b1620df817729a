// The storage conformance suite: every test runs against each backend, through the Store interface only, and
// expects the same behaviour. SQLite runs everywhere; PostgreSQL runs against the throwaway server that CTest's
// `postgres` fixture starts (tests/CMakeLists.txt), whose URL is in $MOTIVO_TEST_PG_URL or the file
// $MOTIVO_TEST_PG_URL_FILE; without one the PostgreSQL cases are skipped with the reason printed.
#include <motivo/app/arrivals.hpp>
#include <motivo/app/classify.hpp>
#include <motivo/app/import.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/mail.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/report.hpp>
#include <motivo/app/users.hpp>
#include <motivo/app/welcome.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/identity.hpp>
#include <motivo/core/people.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/sql/welcome_timelines.hpp>
#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include "../reference_counts.hpp"

namespace fs = std::filesystem;
using namespace motivo;
using motivo::reference::expect_counts;
using motivo::reference::Expected;
using motivo::reference::expected_counts;

namespace {

std::string pg_base_url()
{
  if (const char* url = std::getenv("MOTIVO_TEST_PG_URL"); url && *url) return url;
  if (const char* file = std::getenv("MOTIVO_TEST_PG_URL_FILE"); file && *file) {
    std::ifstream in(file);
    std::string url;
    std::getline(in, url);
    return url;
  }
  return {};
}

// A fresh, empty database of one backend, removed afterwards.
class Database {
public:
  explicit Database(const std::string& backend) : backend_(backend)
  {
    static int counter = 0;
    const std::string name = "motivo_t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (backend == "sqlite") {
      folder_ = fs::temp_directory_path() / name;
      fs::remove_all(folder_);
      fs::create_directories(folder_);
      location_ = (folder_ / "m.db").string();
      return;
    }
    base_ = pg_base_url();
    pqxx::connection admin(base_);
    pqxx::nontransaction tx(admin);
    tx.exec0("CREATE DATABASE " + name);
    name_ = name;
    const auto slash = base_.rfind('/');
    location_ = base_.substr(0, slash + 1) + name;
  }
  ~Database()
  {
    if (!folder_.empty()) fs::remove_all(folder_);
    if (!name_.empty()) {
      try {
        pqxx::connection admin(base_);
        pqxx::nontransaction tx(admin);
        tx.exec0("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      } catch (...) {
      }
    }
  }
  const std::string& location() const { return location_; }
  std::unique_ptr<store::Store> open() const { return store::open_store(location_); }

private:
  std::string backend_, location_, base_, name_;
  fs::path folder_;
};

// Files written for a test, removed afterwards.
struct Files {
  fs::path path;
  Files()
  {
    static int counter = 0;
    path = fs::temp_directory_path() / ("motivo-conf-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Files() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const
  {
    const fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

app::ImportReport import_paths(store::Store& store, const std::vector<std::string>& paths,
                               std::int64_t now = 1800000000, std::optional<std::int64_t> user = std::nullopt)
{
  const auto inputs = io::collect_inputs(paths);
  app::ImportOptions options;
  options.now = now;
  options.user = user;
  return app::import_snapshot(store, inputs, paths.front(), options);
}

bool have_shared_exports()
{
  return fs::is_directory(MOTIVO_SHARED_EXPORTS);
}

std::string fmt_counts(const store::Counts& c)
{
  return std::to_string(c.incoming) + "," + std::to_string(c.outgoing) + "," + std::to_string(c.messages) + "," +
         std::to_string(c.drafts) + "," + std::to_string(c.connections) + "," + std::to_string(c.people) + "," +
         std::to_string(c.imports) + "\n";
}

// Everything a store shows, through the interface: proves that a failed operation changed nothing.
std::string snapshot(store::Store& s)
{
  std::string out;
  const store::Counts c = s.counts();
  out += fmt_counts(c);
  for (const auto& v : s.invitations({})) {
    out += std::to_string(v.id) + "|" + v.from + "|" + v.to + "|" + std::to_string(v.sent_at) + "|" + v.message + "|" +
           std::string(app::label_word(v)) + "|" + std::string(v.outcome ? to_string(*v.outcome) : "") + "|" +
           std::string(v.decision ? protocol::decision_name(*v.decision) : "") + "\n";
  }
  s.for_each_message([&](const store::StoredMessage& m) { out += m.from_name + "|" + m.content + "\n"; });
  s.for_each_connection([&](const store::StoredConnection& k) { out += k.first_name + "|" + k.connected_on + "\n"; });
  return out;
}

} // namespace

class Conformance : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override
  {
    if (GetParam() == "postgres" && pg_base_url().empty())
      GTEST_SKIP() << "no PostgreSQL server: set MOTIVO_TEST_PG_URL, or run through CTest (its postgres fixture starts "
                      "one when PostgreSQL is installed)";
    db_ = std::make_unique<Database>(GetParam());
  }
  store::Store& store()
  {
    if (!store_) store_ = db_->open();
    return *store_;
  }
  std::unique_ptr<Database> db_;
  std::unique_ptr<store::Store> store_;
  Files files_;
};

INSTANTIATE_TEST_SUITE_P(Backends, Conformance, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST_P(Conformance, EachRealExportGivesTheReferenceCountsAndReimportsToNothingNew)
{
  if (!have_shared_exports()) GTEST_SKIP() << "no " << MOTIVO_SHARED_EXPORTS << " (the real exports live in ../shared)";
  for (const auto& [folder, expected] : expected_counts()) {
    Database db(GetParam());
    auto s = db.open();
    const std::string path = std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder;
    const auto first = import_paths(*s, {path});
    expect_counts(s->counts(), expected, folder);
    std::uint64_t added = 0;
    for (const auto& f : first.files) {
      added += f.added;
      EXPECT_EQ(f.rows, f.added + f.known) << folder << " " << f.name;
    }
    EXPECT_GT(added, 0u);
    const auto again = import_paths(*s, {path}, 1800000000);
    for (const auto& f : again.files) {
      EXPECT_EQ(f.added, 0u) << folder << " " << f.name;
      EXPECT_EQ(f.known, f.rows) << folder << " " << f.name;
    }
    expect_counts(s->counts(), expected, folder + " re-imported");
    EXPECT_EQ(s->counts().imports, 2);
  }
}

TEST_P(Conformance, AllRealExportsIntoOneStore)
{
  if (!have_shared_exports()) GTEST_SKIP() << "no " << MOTIVO_SHARED_EXPORTS;
  // Six accounts in one store: a team's, each imported by its user.
  for (const auto& [folder, expected] : expected_counts()) {
    const auto user = store().add_user(folder, store::Role::member, "hash-" + folder, 1800000000);
    import_paths(store(), {std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder}, 1800000000, user->id);
  }
  EXPECT_EQ(store().accounts().size(), expected_counts().size());
  expect_counts(store().counts(), motivo::reference::all_six, "all six");
  // Every note labelled.
  for (const auto& v : store().invitations({})) ASSERT_TRUE(v.label.has_value()) << v.id;
}

TEST_P(Conformance, SnapshotsTellAcceptedWithdrawnAndPending)
{
  const std::string header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  const std::string ana = "Ana Gómez,Lucía Ortega,\"11/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana,"
                          "https://www.linkedin.com/in/lucia\n";
  const std::string bea = "Bea Ruiz,Lucía Ortega,\"11/3/26, 9:00 AM\",Hola,INCOMING,https://www.linkedin.com/in/bea,"
                          "https://www.linkedin.com/in/lucia\n";
  const std::string cai = "Cai Li,Lucía Ortega,\"11/4/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cai,"
                          "https://www.linkedin.com/in/lucia\n";
  // Dan's older invitation is in both exports: the window each export covers reaches back to it.
  const std::string dan = "Dan Wu,Lucía Ortega,\"10/1/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/dan,"
                          "https://www.linkedin.com/in/lucia\n";
  import_paths(store(), {files_.write("one/Invitations.csv", header + cai + bea + ana + dan)}, 1798000000);
  for (const auto& v : store().invitations({})) EXPECT_EQ(v.outcome, std::nullopt) << v.from;
  const auto inv = files_.write("two/Invitations.csv", header + cai + dan);
  const auto conn =
      files_.write("two/Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                          "Ana,Gómez,https://www.linkedin.com/in/ana,,,,05 Nov 2026\n");
  import_paths(store(), {inv, conn}, 1798600000);
  std::map<std::string, store::InvitationView> by_sender;
  for (auto& v : store().invitations({})) by_sender[v.from] = v;
  EXPECT_EQ(by_sender["Ana Gómez"].outcome, Outcome::accepted);
  ASSERT_TRUE(by_sender["Ana Gómez"].outcome_at);
  EXPECT_EQ(datetime::format_date(*by_sender["Ana Gómez"].outcome_at), "2026-11-05");
  EXPECT_EQ(by_sender["Bea Ruiz"].outcome, Outcome::withdrawn);
  EXPECT_EQ(by_sender["Cai Li"].outcome, std::nullopt);
  EXPECT_EQ(by_sender["Dan Wu"].outcome, std::nullopt);
  EXPECT_EQ(store().counts().incoming, 4);
  // The people link by slug: Ana of the connection is Ana of the invitation.
  EXPECT_EQ(store().find_people("ana").size(), 1u);
  EXPECT_EQ(store().counts().connections, 1);

  // The first export imported again, after the second (older than it): no state changes, Bea stays withdrawn.
  import_paths(store(), {files_.write("one-again/Invitations.csv", header + cai + bea + ana + dan)}, 1798700000);
  by_sender.clear();
  for (auto& v : store().invitations({})) by_sender[v.from] = v;
  EXPECT_EQ(by_sender["Bea Ruiz"].outcome, Outcome::withdrawn);
  EXPECT_EQ(by_sender["Cai Li"].outcome, std::nullopt);
  EXPECT_EQ(by_sender["Ana Gómez"].outcome, Outcome::accepted);
  // A newer export lists Bea again: pending again. Eve's invitation, newer than the second export, was never missing.
  const std::string eve = "Eve Sol,Lucía Ortega,\"11/6/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/eve,"
                          "https://www.linkedin.com/in/lucia\n";
  import_paths(store(), {files_.write("three/Invitations.csv", header + eve + cai + bea + dan)}, 1798800000);
  by_sender.clear();
  for (auto& v : store().invitations({})) by_sender[v.from] = v;
  EXPECT_EQ(by_sender["Bea Ruiz"].outcome, std::nullopt);
  EXPECT_EQ(by_sender["Eve Sol"].outcome, std::nullopt);
  EXPECT_EQ(by_sender["Ana Gómez"].outcome, Outcome::accepted);
  // The second export once more (older than the third): Bea is not withdrawn again, nor is Eve.
  import_paths(store(), {inv, conn}, 1798900000);
  by_sender.clear();
  for (auto& v : store().invitations({})) by_sender[v.from] = v;
  EXPECT_EQ(by_sender["Bea Ruiz"].outcome, std::nullopt);
  EXPECT_EQ(by_sender["Eve Sol"].outcome, std::nullopt);
}

TEST_P(Conformance, AFarFutureSnapshotStoredBeforeDoesNotStopOutcomes)
{
  const std::string header = "From,To,Sent At,Message,Direction\n";
  const std::string ana = "Ana Gómez,Lucía Ortega,\"11/2/26, 9:00 AM\",,INCOMING\n";
  const std::string bea = "Bea Ruiz,Lucía Ortega,\"11/3/26, 9:00 AM\",,INCOMING\n";
  const std::string cai = "Cai Li,Lucía Ortega,\"11/4/26, 9:00 AM\",,INCOMING\n";
  import_paths(store(), {files_.write("one/Invitations.csv", header + cai + bea + ana)}, 1798000000);
  {
    // What an older motivo stored for a snapshot with a message dated 2099 (now refused on import): its as_of.
    auto session = store().begin_import({1798000100, "old", std::nullopt});
    const auto owner = session->latest_owner();
    ASSERT_TRUE(owner);
    session->set_owner(*owner);
    session->finish(std::nullopt, 4070908800, "{}");
    session->commit();
  }
  // The next export no longer lists Bea's invitation: withdrawn, as if 2099 had never been read.
  import_paths(store(), {files_.write("two/Invitations.csv", header + cai + ana)}, 1798000200);
  for (const auto& v : store().invitations({}))
    EXPECT_EQ(v.outcome, v.from == "Bea Ruiz" ? std::optional(Outcome::withdrawn) : std::nullopt) << v.from;
}

TEST_P(Conformance, ABadLineLeavesTheStoreAsItWas)
{
  const std::string header = "From,To,Sent At,Message,Direction\n";
  import_paths(store(), {files_.write("ok/Invitations.csv", header + "Ana,Me,\"1/2/24, 9:00 AM\",,INCOMING\n")});
  const std::string before = snapshot(store());
  files_.write("bad/Invitations.csv", header +
                                          "Bea,Me,\"1/3/24, 9:00 AM\",,INCOMING\nCai,Me,\"1/4/24, 9:00 AM\",,INCOMING\n"
                                          "Dan,Me,\"2/31/24, 9:00 AM\",,INCOMING\n");
  files_.write("bad/messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana,Me,2024-01-05 10:00:00 UTC,hi\n");
  EXPECT_THROW(import_paths(store(), {(files_.path / "bad").string()}), InputError);
  EXPECT_EQ(snapshot(store()), before);
  // And the store still works: the good rows import.
  import_paths(store(), {files_.write("good/Invitations.csv", header + "Bea,Me,\"1/3/24, 9:00 AM\",,INCOMING\n")});
  EXPECT_EQ(store().counts().incoming, 2);
}

TEST_P(Conformance, TextSurvivesExactly)
{
  // Tabs, backslashes, quotes, newlines, emoji and accents in notes and messages: stored and read back unchanged.
  const std::string note = "Hola\tMaría,\\n no es un salto; \"comillas\"\nlínea 2 \\ barra 😀";
  std::string quoted;
  for (const char c : note) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  import_paths(store(),
               {files_.write("x/Invitations.csv", "From,To,Sent At,Message,Direction\nAna,Me,\"1/2/24, 9:00 AM\",\"" +
                                                      quoted + "\",INCOMING\n")});
  files_.write("y/messages.csv",
               "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana,Me,2024-01-05 10:00:00 UTC,\"" + quoted + "\"\n");
  import_paths(store(), {(files_.path / "y" / "messages.csv").string()});
  const auto list = store().invitations({});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].message, note);
  std::vector<std::string> contents;
  store().for_each_message([&](const store::StoredMessage& m) { contents.push_back(m.content); });
  ASSERT_EQ(contents.size(), 1u);
  EXPECT_EQ(contents[0], note);
}

TEST_P(Conformance, InvitationsPageByIdInTheOrderStored)
{
  // The exports read invitations in pages (after_id, limit): every one once, in id order, whatever their dates.
  std::string csv = "From,To,Sent At,Message,Direction\n";
  for (int i = 0; i < 7; ++i) csv += fmt::format("P{},Me,\"1/{}/24, 9:00 AM\",,INCOMING\n", i, 9 - i);
  import_paths(store(), {files_.write("p/Invitations.csv", csv)});
  std::vector<std::int64_t> all;
  for (const auto& v : store().invitations({})) all.push_back(v.id);
  std::sort(all.begin(), all.end());
  store::InvitationQuery query;
  query.after_id = 0;
  query.limit = 3;
  std::vector<std::int64_t> paged;
  for (std::size_t pages = 0; pages < 5; ++pages) {
    const auto page = store().invitations(query);
    for (const auto& v : page) paged.push_back(v.id);
    if (page.size() < 3) break;
    query.after_id = page.back().id;
  }
  EXPECT_EQ(paged, all);
}

TEST_P(Conformance, LabelsDecisionsAndAsksAreKept)
{
  import_paths(store(), {files_.write("x/Invitations.csv",
                                      "From,To,Sent At,Message,Direction\n"
                                      "Ana,Me,\"1/2/24, 9:00 AM\",,INCOMING\n"
                                      "Bea,Me,\"1/3/24, 9:00 AM\",Gran charla ayer en el meetup de Rust,INCOMING\n")});
  auto list = store().invitations({});
  ASSERT_EQ(list.size(), 2u);
  const std::int64_t bea = list[0].id, ana = list[1].id; // newest first
  EXPECT_EQ(list[1].label, classify::Label::empty);
  EXPECT_TRUE(store().set_user_label(ana, classify::Label::template_text, 100));
  EXPECT_FALSE(store().set_user_label(999999, classify::Label::template_text, 100));
  store::InvitationQuery by_label;
  by_label.label = classify::Label::template_text;
  ASSERT_EQ(store().invitations(by_label).size(), 1u);
  EXPECT_TRUE(store().invitations(by_label)[0].label_by_user);
  EXPECT_TRUE(store().set_user_label(ana, std::nullopt, 101));
  EXPECT_EQ(store().invitations(by_label).size(), 0u);

  EXPECT_TRUE(store().record_decision(bea, protocol::Decision::spam, 200, classify::Label::spam));
  EXPECT_TRUE(store().record_ask(ana, 300, "¿Por qué quieres conectar?"));
  EXPECT_FALSE(store().record_ask(999999, 300, "x"));
  std::map<std::int64_t, store::InvitationView> by_id;
  for (auto& v : store().invitations({})) by_id[v.id] = v;
  EXPECT_EQ(by_id[bea].decision, protocol::Decision::spam);
  EXPECT_EQ(by_id[bea].label, classify::Label::spam); // the decision's label, in the same transaction
  EXPECT_EQ(by_id[bea].decision_at, 200);
  EXPECT_EQ(by_id[ana].recorded_ask, 300);

  // The classifier's labels are rewritten by reclassify, the user's stay.
  const auto summary = app::classify_stored(store(), classify::Classifier{});
  EXPECT_EQ(summary.notes, 2u);
  for (auto& v : store().invitations({})) by_id[v.id] = v;
  EXPECT_EQ(by_id[bea].label, classify::Label::spam);
  EXPECT_EQ(by_id[ana].label, classify::Label::empty);
}

// Issue 23: an import that stores, adopts or fills no invitation keeps the labels as they are and counts them as a
// labelling run would; a decision since, another classifier's labels or an adopted mail row have every note labelled
// again. A label written outside a labelling run (a sink's put alone) tells whether the import labelled again.
TEST_P(Conformance, AnImportLabelsAgainOnlyWhenWhatTheLabelsDependOnChanged)
{
  const std::string header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  const std::string rows = "Ana Sol,Me Owner,\"11/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,"
                           "https://www.linkedin.com/in/me\n"
                           "Bea Gil,Me Owner,\"11/3/26, 9:00 AM\",Gran charla ayer en el meetup de Rust,INCOMING,"
                           "https://www.linkedin.com/in/bea-gil,https://www.linkedin.com/in/me\n";
  const std::string x = files_.write("x/Invitations.csv", header + rows);
  const auto find = [&](const std::string& from) {
    for (const auto& v : store().invitations({}))
      if (v.from == from) return v;
    ADD_FAILURE() << from << " not stored";
    return store::InvitationView{};
  };
  const auto tamper = [&](const std::optional<std::string>& classifier) {
    store::LabelRow l;
    l.id = find("Ana Sol").id; // before the sink's transaction opens
    const std::int64_t changes = store().notes().label_changes;
    const auto sink = store().label_sink();
    l.label = "spam";
    l.language = "es";
    l.confidence = 0.5;
    sink->put(l);
    if (classifier) sink->labelled_by(*classifier, changes); // no example changed since
    sink->done();
  };
  std::int64_t now = 1800000000;
  const app::ImportReport first = import_paths(store(), {x}, now);
  ASSERT_EQ(find("Ana Sol").label, classify::Label::empty);

  // The same export again: the counts a labelling run gives, from the stored labels.
  const app::ImportReport again = import_paths(store(), {x}, now += 100);
  EXPECT_TRUE(again.files.at(0).unchanged_since);
  EXPECT_EQ(again.labels.notes, first.labels.notes);
  EXPECT_EQ(again.labels.by_label, first.labels.by_label);
  EXPECT_EQ(again.labels.campaigns, first.labels.campaigns);

  // Nothing changed: not labelled again (the label written aside stays, and is counted).
  tamper(std::nullopt);
  const app::ImportReport kept = import_paths(store(), {x}, now += 100);
  EXPECT_EQ(find("Ana Sol").label, classify::Label::spam);
  EXPECT_EQ(kept.labels.by_label[static_cast<std::size_t>(classify::Label::spam)], 1u);

  // A decision since: every note labelled again.
  EXPECT_TRUE(store().record_decision(find("Bea Gil").id, protocol::Decision::accept, now += 100, std::nullopt));
  import_paths(store(), {x}, now += 100);
  EXPECT_EQ(find("Ana Sol").label, classify::Label::empty);

  // Labels another classifier made (an older motivo's): labelled again.
  tamper("0.0.0+another");
  import_paths(store(), {x}, now += 100);
  EXPECT_EQ(find("Ana Sol").label, classify::Label::empty);

  // A mail's invitation that a later export's row takes over (adopt_mail_row): labelled again.
  {
    auto session = store().begin_import({now += 100, "mail", std::nullopt});
    const auto owner = session->latest_owner();
    ASSERT_TRUE(owner);
    PeopleResolver people(*session);
    store::MailInvitationRecord r;
    r.key = identity_key("mail", {"<cai@linkedin.com>"});
    r.owner = *owner;
    r.from_person = people.resolve("Cai Li", "https://www.linkedin.com/in/cai-li");
    r.to_person = owner;
    r.from_name = "Cai Li";
    r.to_name = "Me Owner";
    r.sent_at = 1793635200 + 2 * 86400 + 60; // 2026-11-04 9:01 Pacific
    r.message = "Hola, ¿conectamos?";
    r.mail_id = "<cai@linkedin.com>";
    EXPECT_EQ(session->add_mail_invitation(r), store::MailOutcome::added);
    session->finish(std::nullopt, std::nullopt, "{}");
    app::classify_stored(*session, classify::Classifier{});
    session->commit();
  }
  tamper(std::nullopt);
  const std::string y = files_.write("y/Invitations.csv", header + rows +
                                                              "Cai Li,Me Owner,\"11/4/26, 9:00 AM\",,INCOMING,"
                                                              "https://www.linkedin.com/in/cai-li,"
                                                              "https://www.linkedin.com/in/me\n");
  const app::ImportReport adopted = import_paths(store(), {y}, now += 100);
  EXPECT_EQ(adopted.files.at(0).added, 0u); // taken over, not stored anew
  EXPECT_EQ(store().counts().incoming, 3);
  EXPECT_EQ(find("Ana Sol").label, classify::Label::empty);

  // Mail that brings only a member's message labels nothing again, and counts the stored labels as a labelling run
  // would; mail that brings an invitation labels every note again.
  tamper(std::nullopt);
  app::ImportOptions options;
  options.now = now += 100;
  app::MailScan chat(now);
  mail::ChatMessage m;
  m.sender = "Bea Gil";
  m.recipient = "Me Owner";
  m.text = "¿Hablamos el jueves?";
  m.message_id = "<chat-1@linkedin.com>";
  m.sent_at = now - 3600;
  chat.chats.push_back(m);
  const app::MailImportReport chatted = app::import_mail(store(), chat, "chat.eml", options);
  EXPECT_EQ(chatted.chats.added, 1u);
  EXPECT_EQ(find("Ana Sol").label, classify::Label::spam);
  EXPECT_EQ(chatted.labels.notes, 3u);
  EXPECT_EQ(chatted.labels.by_label[static_cast<std::size_t>(classify::Label::spam)], 1u);
  options.now = now += 100;
  app::MailScan invited(now);
  mail::Invitation i;
  i.sender = "Dai Ro";
  i.recipient = "Me Owner";
  i.note = "Hola, ¿conectamos?";
  i.message_id = "<dai@linkedin.com>";
  i.sent_at = now - 3600;
  invited.invitations.push_back(i);
  const app::MailImportReport added = app::import_mail(store(), invited, "dai.eml", options);
  EXPECT_EQ(added.added, 1u);
  EXPECT_EQ(find("Ana Sol").label, classify::Label::empty);
  EXPECT_EQ(added.labels.notes, 4u);
}

TEST_P(Conformance, RecordedRepliesAndUndo)
{
  import_paths(store(), {files_.write("u/Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                                           "Ana,Me,\"1/2/24, 9:00 AM\",,INCOMING\n"
                                                           "Bea,Me,\"1/3/24, 9:00 AM\",,INCOMING\n")});
  auto list = store().invitations({});
  const std::int64_t bea = list[0].id, ana = list[1].id; // newest first
  const auto view = [&](std::int64_t id) {
    store::InvitationQuery q;
    q.id = id;
    return store().invitations(q).at(0);
  };
  EXPECT_FALSE(store().undo_last(ana)); // nothing recorded
  ASSERT_TRUE(store().record_ask(ana, 300, "¿Por qué?"));
  ASSERT_TRUE(store().record_reply(ana, 400, "Por tu charla", 500));
  ASSERT_TRUE(store().record_reply(ana, 350, "", 600)); // an earlier one: the earliest counts
  EXPECT_FALSE(store().record_reply(999999, 400, "x", 500));
  EXPECT_EQ(view(ana).recorded_reply, 350);
  const auto notes = store().recorded_notes(ana);
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0].kind, store::ActionKind::ask);
  EXPECT_EQ(notes[1].at, 350);
  EXPECT_EQ(notes[2].text, "Por tu charla");

  // Decisions on several in one go; each logged with what it replaced.
  EXPECT_EQ(store().record_decisions({ana, bea, 999999}, protocol::Decision::decline, 700),
            (std::vector<std::int64_t>{ana, bea}));
  ASSERT_TRUE(store().record_decision(bea, protocol::Decision::spam, 800, classify::Label::spam));
  auto undone = store().undo_last(bea);
  ASSERT_TRUE(undone);
  EXPECT_EQ(undone->kind, store::ActionKind::decision);
  EXPECT_EQ(undone->decision, protocol::Decision::spam);
  EXPECT_EQ(undone->restored, protocol::Decision::decline);
  EXPECT_EQ(view(bea).decision, protocol::Decision::decline);
  EXPECT_EQ(view(bea).decision_at, 700);
  EXPECT_FALSE(view(bea).label_by_user); // the spam label went with it
  ASSERT_TRUE(store().undo_last(bea));
  EXPECT_EQ(view(bea).decision, std::nullopt);
  EXPECT_FALSE(store().undo_last(bea));

  // Ana: the decision, then the replies newest first, then the ask.
  EXPECT_EQ(store().undo_last(ana)->kind, store::ActionKind::decision);
  undone = store().undo_last(ana);
  EXPECT_EQ(undone->kind, store::ActionKind::reply);
  EXPECT_EQ(undone->at, 350);
  EXPECT_EQ(view(ana).recorded_reply, 400);
  EXPECT_EQ(store().undo_last(ana)->text, "Por tu charla");
  EXPECT_EQ(view(ana).recorded_reply, std::nullopt);
  EXPECT_EQ(store().undo_last(ana)->kind, store::ActionKind::ask);
  EXPECT_EQ(view(ana).recorded_ask, std::nullopt);
  EXPECT_FALSE(store().undo_last(ana));

  // Forgetting a person removes what was recorded on their invitations.
  ASSERT_TRUE(store().record_reply(ana, 400, "x", 500));
  const PersonId person = *view(ana).other_person;
  store().forget_person(person, false, [](store::NoteLabels&) {});
  EXPECT_TRUE(store().recorded_notes(ana).empty());
  EXPECT_FALSE(store().undo_last(ana));
}

// Issue 26: a note kept from an invitation is logged on it: undo takes it back in its turn (the note gone from the
// person and from the search), a stale version writes nothing, and a note kept on the person directly is not logged.
TEST_P(Conformance, NotesKeptFromAnInvitationAreUndone)
{
  import_paths(store(), {files_.write("n/Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                                           "Ana Ruiz,Me,\"1/2/24, 9:00 AM\",,INCOMING\n")});
  const PersonId person = *store().invitations({}).at(0).other_person;
  const auto notes = [&] { return store().find_people(std::to_string(person)).at(0).notes; };
  store().add_person_note(person, "vecina de Sevilla", 100); // not from an invitation: never undone
  const store::InvitationView ana = store().invitations({}).at(0);
  const std::string seen = ana.version;
  EXPECT_FALSE(store().record_note(999999, person, "x", 200));
  ASSERT_TRUE(store().record_note(ana.id, person, "nos presentó Marta zarandajas", 300, {{ana.id, seen}}));
  EXPECT_THROW(store().record_note(ana.id, person, "otra", 350, {{ana.id, seen}}), store::Stale);
  EXPECT_EQ(notes(), (std::vector<std::string>{"vecina de Sevilla", "nos presentó Marta zarandajas"}));
  EXPECT_EQ(store().search_people("zarandajas").size(), 1u);
  ASSERT_TRUE(store().record_decision(ana.id, protocol::Decision::accept, 400));

  EXPECT_EQ(store().undo_last(ana.id)->kind, store::ActionKind::decision); // the latest first
  const auto undone = store().undo_last(ana.id);
  ASSERT_TRUE(undone);
  EXPECT_EQ(undone->kind, store::ActionKind::note);
  EXPECT_EQ(undone->text, "nos presentó Marta zarandajas");
  EXPECT_EQ(undone->at, 300);
  EXPECT_EQ(notes(), std::vector<std::string>{"vecina de Sevilla"});
  EXPECT_TRUE(store().search_people("zarandajas").empty());
  EXPECT_FALSE(store().undo_last(ana.id));
}

// Issue 26: every invitation has a version that moves with what is stored about it; a write given a version that
// moved writes nothing; pages by key and the decided ones, most recently decided first.
TEST_P(Conformance, VersionsAndPagesByKey)
{
  import_paths(store(), {files_.write("v/Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                                           "Ana,Me,\"1/2/24, 9:00 AM\",,INCOMING\n"
                                                           "Bea,Me,\"1/3/24, 9:00 AM\",,INCOMING\n"
                                                           "Cai,Me,\"1/3/24, 9:00 AM\",,INCOMING\n"
                                                           "Dan,Me,\"1/4/24, 9:00 AM\",,INCOMING\n")});
  const auto all = store().invitations({});
  ASSERT_EQ(all.size(), 4u);
  const auto view = [&](std::int64_t id) {
    store::InvitationQuery q;
    q.id = id;
    return store().invitations(q).at(0);
  };
  const std::int64_t ana = all[3].id, bea = all[2].id;
  const std::string seen = view(ana).version;
  EXPECT_EQ(seen.size(), 16u);
  EXPECT_EQ(view(ana).version, seen); // the same facts, the same version
  ASSERT_TRUE(store().record_ask(ana, 300, "¿Por qué?", {{ana, seen}}));
  const std::string asked = view(ana).version;
  EXPECT_NE(asked, seen);
  EXPECT_THROW(store().record_decision(ana, protocol::Decision::spam, 400, std::nullopt, {{ana, seen}}), store::Stale);
  EXPECT_THROW(store().record_reply(ana, 400, "x", 500, {{ana, seen}}), store::Stale);
  EXPECT_THROW(store().undo_last(ana, {{ana, seen}}), store::Stale);
  EXPECT_THROW(store().record_decisions({bea, ana}, protocol::Decision::decline, 400, std::nullopt, {{ana, seen}}),
               store::Stale);
  EXPECT_EQ(view(ana).version, asked); // nothing written, not even Bea's decision
  EXPECT_EQ(view(bea).decision, std::nullopt);
  ASSERT_TRUE(store().record_decision(ana, protocol::Decision::accept, 600, std::nullopt, {{ana, asked}}));
  ASSERT_TRUE(store().record_decision(bea, protocol::Decision::decline, 500));

  // Pages of one by key, newest first; Bea and Cai share their time (the larger id first).
  store::InvitationQuery page;
  page.limit = 1;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    const auto rows = store().invitations(page);
    if (rows.empty()) break;
    ids.push_back(rows[0].id);
    page.after = store::PageKey{rows[0].sent_at, rows[0].id};
  }
  EXPECT_EQ(ids, (std::vector<std::int64_t>{all[0].id, all[1].id, all[2].id, all[3].id}));
  // The same pages within a label (read through the index by label and time): the label's rows in the list's order.
  ASSERT_TRUE(all[2].label.has_value());
  store::InvitationQuery labelled;
  labelled.label = all[2].label;
  std::vector<std::int64_t> expected;
  for (const auto& row : store().invitations(labelled)) expected.push_back(row.id);
  ASSERT_FALSE(expected.empty());
  labelled.limit = 1;
  ids.clear();
  for (std::size_t i = 0; i <= expected.size(); ++i) {
    const auto rows = store().invitations(labelled);
    if (rows.empty()) break;
    ids.push_back(rows[0].id);
    labelled.after = store::PageKey{rows[0].sent_at, rows[0].id};
  }
  EXPECT_EQ(ids, expected);
  store::InvitationQuery decided;
  decided.decided = true;
  const auto by_decision = store().invitations(decided);
  ASSERT_EQ(by_decision.size(), 2u);
  EXPECT_EQ(by_decision[0].id, ana); // decided at 600, after Bea (500)
  decided.after = store::PageKey{600, ana};
  ASSERT_EQ(store().invitations(decided).size(), 1u);
  EXPECT_EQ(store().invitations(decided)[0].id, bea);
}

// Issue 22: a correction teaches its near-duplicates, and the account's model of the user's labels is stored with
// the labels, kept while the examples stay the same.
TEST_P(Conformance, CorrectionsTeachAndTheUsersModelIsKept)
{
  import_paths(store(),
               {files_.write("t/Invitations.csv",
                             "From,To,Sent At,Message,Direction\n"
                             "Ana Ruiz,Me,\"1/2/24, 9:00 AM\",\"Hola, organizo el club de ajedrez del barrio y me "
                             "encantaría que te unieras los jueves\",INCOMING\n"
                             "Bea Gil,Me,\"1/3/24, 9:00 AM\",Quiero ampliar mi red con profesionales como "
                             "tú,INCOMING\n"
                             "Carla Paz,Me,\"1/4/24, 9:00 AM\",\"Hola, organizo el club de ajedrez del barrio y me "
                             "encantaría que te unieras los jueves!\",INCOMING\n")});
  std::map<std::string, store::InvitationView> by_from;
  for (auto& v : store().invitations({})) by_from[v.from] = v;
  ASSERT_EQ(by_from.size(), 3u);
  const std::int64_t ana = by_from["Ana Ruiz"].id, carla = by_from["Carla Paz"].id;
  const auto taught = by_from["Carla Paz"].label == classify::Label::personalized ? classify::Label::template_text
                                                                                  : classify::Label::personalized;
  ASSERT_TRUE(store().set_user_label(ana, taught, 86400 * 40)); // 1970-02-10
  store().record_decision(by_from["Bea Gil"].id, protocol::Decision::decline, 86400 * 41);

  store::Notes notes = store().notes();
  ASSERT_EQ(notes.facts.size(), 3u);
  const auto at = [&](std::int64_t id) {
    return static_cast<std::size_t>(std::find(notes.ids.begin(), notes.ids.end(), id) - notes.ids.begin());
  };
  EXPECT_EQ(notes.facts[at(ana)].user_label, taught);
  EXPECT_EQ(notes.facts[at(ana)].user_label_at, 86400 * 40);
  EXPECT_EQ(notes.facts[at(by_from["Bea Gil"].id)].decision, protocol::Decision::decline);
  EXPECT_EQ(notes.facts[at(carla)].owner, by_from["Carla Paz"].owner);
  EXPECT_TRUE(notes.models.empty());

  const app::ClassifySummary first = app::classify_stored(store(), classify::Classifier{});
  EXPECT_EQ(first.like_corrected, 1u);
  const store::InvitationView c = store().invitations({.id = carla})[0];
  EXPECT_EQ(c.label, taught);
  EXPECT_FALSE(c.label_by_user);
  ASSERT_FALSE(c.reasons.empty());
  EXPECT_EQ(c.reasons[0], fmt::format("like the note you labelled on 1970-02-10 (i{})", ana));

  // The model is stored with the labels, once per account, and read back as written.
  notes = store().notes();
  ASSERT_EQ(notes.models.size(), 1u);
  EXPECT_EQ(notes.models[0].owner, c.owner);
  EXPECT_EQ(notes.models[0].examples, 2);
  EXPECT_EQ(notes.models[0].model.rfind("motivo-user-model 2\n", 0), 0u);
  const store::StoredModel kept = notes.models[0];
  app::classify_stored(store(), classify::Classifier{});
  EXPECT_EQ(store().notes().models, std::vector<store::StoredModel>{kept});

  // A sink replaces the models; without done() nothing changes.
  store::StoredModel other{kept.owner + 1000, "f", 3, "motivo-user-model 2\nexamples 0\n"};
  {
    auto sink = store().label_sink();
    sink->put_models({kept, other});
  }
  EXPECT_EQ(store().notes().models.size(), 1u);
  {
    auto sink = store().label_sink();
    sink->put_models({kept, other});
    sink->done();
  }
  EXPECT_EQ(store().notes().models, (std::vector<store::StoredModel>{kept, other}));
  // Without corrections there is no model.
  ASSERT_TRUE(store().set_user_label(ana, std::nullopt, 86400 * 42));
  app::classify_stored(store(), classify::Classifier{});
  EXPECT_TRUE(store().notes().models.empty());
}

// Issue 23: the notes are read and labelled a chunk at a time; a campaign whose notes fall in different chunks, a
// correction teaching a near-duplicate in a later chunk, and the summary come out as with every note in one chunk.
TEST_P(Conformance, LabelsReadInChunksAreThoseOfOneBatch)
{
  std::string rows = "From,To,Sent At,Message,Direction\n";
  const std::vector<std::string> senders = {"Ana Ruiz", "Bea Gil", "Carla Paz", "Dora Sanz", "Eva Mora", "Flor Vega"};
  for (std::size_t i = 0; i < senders.size(); ++i) {
    const std::string day = std::to_string(i + 2);
    rows += senders[i] + ",Me,\"1/" + day +
            "/24, 9:00 AM\",\"Hola Me, estoy conectando con profesionales del sector logístico para " +
            "compartir novedades e ideas. ¡Será un gusto tenerte en mi red! Un saludo, " + senders[i] +
            "\",INCOMING\n";
    rows += "Gil " + senders[i] + ",Me,\"2/" + day + "/24, 9:00 AM\",,INCOMING\n";
  }
  rows += "Hugo Ruiz,Me,\"3/2/24, 9:00 AM\",\"Hola, organizo el club de ajedrez del barrio y me encantaría que te "
          "unieras los jueves\",INCOMING\n"
          "Iris Gil,Me,\"3/3/24, 9:00 AM\",Quiero ampliar mi red con profesionales como tú,INCOMING\n"
          "Juan Paz,Me,\"3/4/24, 9:00 AM\",\"Hola, organizo el club de ajedrez del barrio y me encantaría que te "
          "unieras los jueves!\",INCOMING\n";
  import_paths(store(), {files_.write("c/Invitations.csv", rows)});
  std::map<std::string, store::InvitationView> by_from;
  for (auto& v : store().invitations({})) by_from[v.from] = v;
  ASSERT_EQ(by_from.size(), 15u);
  ASSERT_TRUE(store().set_user_label(by_from["Hugo Ruiz"].id, classify::Label::spam, 86400 * 40));

  using Labels = std::vector<std::tuple<std::int64_t, std::optional<classify::Label>, std::string,
                                        std::optional<double>, std::vector<std::string>, std::optional<std::int64_t>>>;
  const auto labelled = [&](std::size_t chunk) {
    const app::ClassifySummary summary = app::classify_stored(store(), classify::Classifier{}, chunk);
    Labels out;
    for (const auto& v : store().invitations({}))
      out.emplace_back(v.id, v.label, v.language, v.confidence, v.reasons, v.campaign);
    std::sort(out.begin(), out.end());
    return std::pair{summary, out};
  };
  const auto [whole, labels] = labelled(1000);
  EXPECT_EQ(whole.notes, 15u);
  EXPECT_EQ(whole.campaigns, 1u);
  EXPECT_EQ(whole.like_corrected, 1u);
  EXPECT_EQ(store().invitations({.id = by_from["Flor Vega"].id})[0].campaign, by_from["Ana Ruiz"].id);
  for (const std::size_t chunk : {1u, 2u, 3u, 7u}) {
    SCOPED_TRACE(chunk);
    const auto [summary, again] = labelled(chunk);
    EXPECT_EQ(again, labels);
    EXPECT_EQ(summary.notes, whole.notes);
    EXPECT_EQ(summary.by_label, whole.by_label);
    EXPECT_EQ(summary.campaigns, whole.campaigns);
    EXPECT_EQ(summary.like_corrected, whole.like_corrected);
    EXPECT_EQ(summary.by_model, whole.by_model);
  }
}

TEST_P(Conformance, ARecipientOfGroupMessagesOnlyIsForgottenByName)
{
  files_.write(
      "g/messages.csv",
      "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
      "c1,Me,https://www.linkedin.com/in/me,Ana Sol,https://www.linkedin.com/in/ana-sol,2024-01-05 10:00:00 UTC,Hola\n"
      "c2,Ana Sol,https://www.linkedin.com/in/ana-sol,\"Me, Íñigo "
      "Solo\",\"https://www.linkedin.com/in/me,https://www.linkedin.com/in/inigo\",2024-01-06 10:00:00 UTC,Grupo\n");
  import_paths(store(), {(files_.path / "g" / "messages.csv").string()});
  EXPECT_TRUE(store().find_people("Íñigo Solo").empty()); // group recipients are no people
  EXPECT_EQ(store().forget_recipient("ÍÑIGO  solo", true).group_messages, 1);
  EXPECT_EQ(store().forget_recipient("ÍÑIGO  solo", false).group_messages, 1);
  EXPECT_EQ(store().forget_recipient("Íñigo Solo", true).group_messages, 0);
  EXPECT_EQ(store().counts().messages, 2); // the message stays, without them
  EXPECT_EQ(store().forget_recipient("Nadie", false).group_messages, 0);
}

namespace {

// Messages naming Eva Rey: one to her, a group one among the recipients, and a conversation titled with her name.
const std::string messages_header =
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT\n";
const std::string my_url = "https://www.linkedin.com/in/me", eva_url = "https://www.linkedin.com/in/eva-rey";
std::string eva_messages(const Files& files)
{
  return files.write("w1/messages.csv",
                     messages_header + "c1,,Me," + my_url + ",Eva Rey," + eva_url +
                         ",2024-01-05 10:00:00 UTC,,Hola\n"
                         "c2,,Me," +
                         my_url + ",\"Íñigo Solo, EVA  REY\",\"https://www.linkedin.com/in/inigo," + eva_url +
                         "\",2024-01-06 10:00:00 UTC,,Grupo\n"
                         "c3,Cena con eva rey,Me," +
                         my_url + ",Íñigo Solo,https://www.linkedin.com/in/inigo,2024-01-07 10:00:00 UTC,,Título\n");
}

} // namespace

// Issue 23: forget finds the messages that name someone by their kept words (migration 18), not by reading every
// message; the words follow every write: an import, a second import, mail, and forget's own changes. Every spelling
// is still found in the recipients, titles and subjects, and by profile URL alone.
TEST_P(Conformance, ForgetFindsTheNameByTheKeptWordsAfterEveryWrite)
{
  const std::string& header = messages_header;
  const std::string &me = my_url, &eva = eva_url;
  import_paths(store(), {eva_messages(files_)});
  // Later writes: a second import (a subject, a recipient without a profile URL, her profile under another name).
  import_paths(store(), {files_.write("w2/messages.csv",
                                      header + "c4,,Me," + me +
                                          ",Íñigo Solo,https://www.linkedin.com/in/inigo,2024-02-01 10:00:00 "
                                          "UTC,Re: Éva Rey,Asunto\n"
                                          "c5,,Me," +
                                          me +
                                          ",Eva Rey,,2024-02-02 10:00:00 UTC,,Sin URL\n"
                                          "c6,,Me," +
                                          me + ",\"Íñigo Solo, Evita R.\",\"https://www.linkedin.com/in/inigo," + eva +
                                          "\",2024-02-03 10:00:00 UTC,,Apodo\n")});
  EXPECT_EQ(store().forget_recipient("ÍÑIGO solo", true).group_messages, 4); // c2, c3, c4, c6
  const auto people = store().find_people(eva);
  ASSERT_EQ(people.size(), 1u);
  const auto dry = store().forget_person(people[0].id, true, [](store::NoteLabels&) {});
  EXPECT_EQ(dry.messages, 2);       // c1, and c5 (her name without a URL: her person)
  EXPECT_EQ(dry.group_messages, 4); // c2, c3, c4, c6
  store().forget_person(people[0].id, false, [](store::NoteLabels&) {});
  std::map<std::string, store::StoredMessage> left;
  store().for_each_message([&](const store::StoredMessage& m) { left[m.conversation_id] = m; });
  ASSERT_EQ(left.size(), 4u);
  EXPECT_EQ(left["c2"].to_names, "Íñigo Solo");
  EXPECT_EQ(left["c2"].to_urls, "https://www.linkedin.com/in/inigo");
  EXPECT_EQ(left["c3"].conversation_title, "Cena con …");
  EXPECT_EQ(left["c4"].subject, "Re: …");
  EXPECT_EQ(left["c6"].to_names, "Íñigo Solo,Evita R."); // her profile went; a name that is not hers stays
  EXPECT_EQ(left["c6"].to_urls, "https://www.linkedin.com/in/inigo");
  // The scrubbed messages' words were computed again in forget's transaction: her name finds nothing now.
  EXPECT_EQ(store().forget_recipient("Eva Rey", true).group_messages, 0);
  EXPECT_EQ(store().forget_recipient("Íñigo Solo", true).group_messages, 4);
}

// A one-to-one message to someone else (another profile) who has the same name as the person forgotten is theirs:
// it keeps its recipient's name (forget used to take it out of every message).
TEST_P(Conformance, AOneToOneMessageToANamesakeKeepsTheirName)
{
  const std::string me = "https://www.linkedin.com/in/me";
  import_paths(store(),
               {files_.write("n/messages.csv",
                             std::string("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                                         "CONTENT\nc1,Me,") +
                                 me +
                                 ",Ana Sol,https://www.linkedin.com/in/ana-sol-1,2024-01-05 10:00:00 UTC,Hola\n"
                                 "c2,Me," +
                                 me +
                                 ",ANA SOL,https://www.linkedin.com/in/ana-sol-2,2024-01-06 10:00:00 UTC,Hi\n"
                                 "c3,Bo Li,https://www.linkedin.com/in/bo-li,Me," +
                                 me + ",2024-01-07 10:00:00 UTC,Hey\n")});
  const auto first = store().find_people("https://www.linkedin.com/in/ana-sol-1");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(store().forget_person(first[0].id, false, [](store::NoteLabels&) {}).group_messages, 0);
  std::vector<store::StoredMessage> left;
  store().for_each_message([&](const store::StoredMessage& m) { left.push_back(m); });
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].to_names, "ANA SOL");
}

TEST_P(Conformance, WritingsAreKeptForTheBackup)
{
  import_paths(
      store(),
      {files_.write("w/Invitations.csv",
                    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                    "Ana Sol,Me,\"1/3/24, 9:00 "
                    "AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,https://www.linkedin.com/in/me\n"),
       files_.write("w/Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                         "Ana,Sol,https://www.linkedin.com/in/ana-sol,,,,05 Jan 2024\n")});
  const auto invitation = store().invitations({}).front();
  ASSERT_TRUE(store().record_ask(invitation.id, 1000, "¿Por qué quieres conectar?"));
  const auto connection = store().connections(-1).front();
  ASSERT_TRUE(store().record_welcome(connection.id, 2000, "Bienvenida, Ana"));
  store().add_person_note(*invitation.other_person, "Nos vimos en la PyCon", 3000);
  ASSERT_TRUE(store().record_reply(invitation.id, 1500, "Por tu charla", 4000));
  std::vector<store::StoredWriting> seen;
  store().for_each_writing([&](const store::StoredWriting& w) { seen.push_back(w); });
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].kind, "note");
  EXPECT_EQ(seen[0].text, "Nos vimos en la PyCon");
  EXPECT_EQ(seen[0].about, "Ana Sol");
  EXPECT_EQ(seen[0].about_url, "https://www.linkedin.com/in/ana-sol");
  EXPECT_EQ(seen[1].kind, "ask");
  EXPECT_EQ(seen[1].ref, invitation.id);
  EXPECT_EQ(seen[1].at, 1000);
  EXPECT_EQ(seen[2].kind, "welcome");
  EXPECT_EQ(seen[2].about, "Ana Sol");
  EXPECT_EQ(seen[2].text, "Bienvenida, Ana");
  EXPECT_EQ(seen[3].kind, "reply"); // the reply the user recorded: theirs to keep too
  EXPECT_EQ(seen[3].ref, invitation.id);
  EXPECT_EQ(seen[3].at, 1500);
  EXPECT_EQ(seen[3].text, "Por tu charla");
}

// PostgreSQL runs a transaction again when its connection was lost. A read whose rows were handed out must not be
// run again (an export would write them twice), and a read cut while committing lost nothing (issue 20, item 15).
TEST_P(Conformance, AReadCutByALostConnectionHandsEachRowOutOnce)
{
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite connections are never lost";
  std::string connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  for (int i = 0; i < 5; ++i) connections += "Ana" + std::to_string(i) + ",Sol,,,,,05 Jan 2024\n";
  import_paths(store(), {files_.write("s/Connections.csv", connections),
                         files_.write("s/messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\n"
                                                        "c1,Me,Ana0 Sol,2024-01-06 10:00:00 UTC,Hola\n"
                                                        "c1,Ana0 Sol,Me,2024-01-06 11:00:00 UTC,Hola\n"
                                                        "c2,Me,Ana1 Sol,2024-01-06 12:00:00 UTC,Hola\n")});
  const std::string database = db_->location().substr(db_->location().rfind('/') + 1);
  const auto cut = [&] {
    pqxx::connection admin(pg_base_url());
    pqxx::nontransaction tx(admin);
    tx.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + tx.quote(database) +
            " AND pid <> pg_backend_pid()");
  };
  std::map<std::string, int> seen;
  bool once = false;
  store().for_each_connection([&](const store::StoredConnection& c) {
    if (!std::exchange(once, true)) cut();
    ++seen[c.first_name];
  });
  EXPECT_EQ(seen.size(), 5u);
  for (const auto& [name, times] : seen) EXPECT_EQ(times, 1) << name;
  // A visitor that loses the connection itself (a nested read on it) makes the read fail, never run again.
  once = false;
  int stamps = 0;
  try {
    store().for_each_stamp([&](PersonId, PersonId, const protocol::MessageStamp&) {
      ++stamps;
      if (!std::exchange(once, true)) throw pqxx::broken_connection("cut");
    });
    ADD_FAILURE() << "the read was run again";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("nothing was read twice"), std::string::npos) << e.what();
  }
  EXPECT_EQ(stamps, 1);
  EXPECT_EQ(store().counts().connections, 5); // and the store answers again, on a new connection
}

TEST_P(Conformance, PeopleNotesSearchAndForget)
{
  import_paths(store(),
               {files_.write("x/Invitations.csv",
                             "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                             "José Núñez,Me,\"1/2/24, 9:00 "
                             "AM\",,INCOMING,https://www.linkedin.com/in/jose-n,https://www.linkedin.com/in/me\n"
                             "Ana Sol,Me,\"1/3/24, 9:00 "
                             "AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,https://www.linkedin.com/in/me\n")});
  files_.write("m/messages.csv",
               "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
               "c1,José Núñez,https://www.linkedin.com/in/jose-n,Me,https://www.linkedin.com/in/me,2024-01-05 10:00:00 "
               "UTC,Hablamos del congreso de Valencia\n"
               "c2,Me,https://www.linkedin.com/in/me,\"José Núñez, Ana "
               "Sol\",\"https://www.linkedin.com/in/jose-n,https://www.linkedin.com/in/ana-sol\",2024-01-06 10:00:00 "
               "UTC,Grupo\n");
  import_paths(store(), {(files_.path / "m" / "messages.csv").string()});
  const auto jose = store().find_people("https://www.linkedin.com/in/jose-n");
  ASSERT_EQ(jose.size(), 1u);
  EXPECT_EQ(store().find_people("JOSÉ  NÚÑEZ").size(), 1u);
  // Without the accents too, as a person types: the whole name, accents and case aside; in a search, its words.
  ASSERT_EQ(store().find_people("jose nunez").size(), 1u);
  EXPECT_EQ(store().find_people("jose nunez")[0].id, jose[0].id);
  EXPECT_EQ(store().find_people("jose").size(), 0u); // a part of the name is a search, not a person
  ASSERT_EQ(store().search_people("nunez").size(), 1u);
  EXPECT_EQ(store().search_people("nunez")[0].id, jose[0].id);
  EXPECT_EQ(store().find_people(std::to_string(jose[0].id)).size(), 1u);
  store().add_person_note(jose[0].id, "Nos presentó Ángela en la cena de antiguos alumnos", 500);
  // Every word, accents and case ignored.
  ASSERT_EQ(store().search_people("angela ALUMNOS").size(), 1u);
  EXPECT_EQ(store().search_people("angela ALUMNOS")[0].notes.size(), 1u);
  EXPECT_EQ(store().search_people("angela marte").size(), 0u);
  EXPECT_EQ(store().search_people("congreso de Valencia").size(), 1u); // in their messages
  EXPECT_EQ(store().search_people("Núñez").size(), 1u);                // in their name

  const auto dry = store().forget_person(jose[0].id, true, [](store::NoteLabels&) {});
  EXPECT_EQ(dry.invitations, 1);
  EXPECT_EQ(dry.messages, 1);
  EXPECT_EQ(dry.group_messages, 1);
  EXPECT_EQ(dry.notes, 1);
  EXPECT_EQ(store().counts().incoming, 2);
  // A decision on their invitation taught the user's model (app::Learning): the other notes are labelled again.
  for (const auto& v : store().invitations({})) {
    if (v.other_person == jose[0].id) store().record_decision(v.id, protocol::Decision::decline, 600);
  }
  bool relabelled = false;
  store().forget_person(jose[0].id, false, [&](store::NoteLabels& labels) {
    relabelled = true;
    EXPECT_EQ(labels.notes().ids.size(), 1u);
  });
  EXPECT_TRUE(relabelled);
  EXPECT_EQ(store().counts().incoming, 1);
  EXPECT_TRUE(store().find_people("https://www.linkedin.com/in/jose-n").empty());
  std::vector<store::StoredMessage> messages;
  store().for_each_message([&](const store::StoredMessage& m) { messages.push_back(m); });
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].to_names, "Ana Sol");
  EXPECT_EQ(messages[0].to_urls, "https://www.linkedin.com/in/ana-sol");
  // Ana's note took part in no other label (no campaign, correction or decision): nothing is labelled again.
  relabelled = false;
  store().forget_person(store().find_people("Ana Sol").at(0).id, false, [&](store::NoteLabels&) { relabelled = true; });
  EXPECT_FALSE(relabelled);
  EXPECT_EQ(store().counts().incoming, 0);
}

// Issue 20: PostgreSQL's VACUUM FULL after a forget writes a new copy of each table, and fails on a full disk. The
// deletion stays committed; a plain VACUUM (no room needed) marks the space free, and the counts say what is left.
// A full disk cannot be made without root, so VACUUM FULL is made to fail another way it does for real: a lock it
// cannot get in time (a reader of messages holds one; lock_timeout). SQLite checks for room before committing.
TEST_P(Conformance, AFailedVacuumFullLeavesThePersonForgottenAndSaysWhatIsLeft)
{
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite checks for room before it deletes (e2e.disk)";
  import_paths(store(), {files_.write("x/Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                                           "José Núñez,Me,\"1/2/24, 9:00 AM\",Hola,INCOMING\n"
                                                           "Ana Sol,Me,\"1/3/24, 9:00 AM\",,INCOMING\n"),
                         files_.write("x/messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\n"
                                                        "c1,José Núñez,Me,2024-01-05 10:00:00 UTC,El congreso\n"
                                                        "c2,Ana Sol,Me,2024-01-05 11:00:00 UTC,Hola\n")});
  const auto jose = store().find_people("José Núñez");
  ASSERT_EQ(jose.size(), 1u);
  store_.reset(); // the setting below applies to new connections
  const std::string database = db_->location().substr(db_->location().rfind('/') + 1);
  pqxx::connection admin(pg_base_url());
  pqxx::nontransaction(admin).exec0("ALTER DATABASE " + database + " SET lock_timeout = '300ms'");
  pqxx::connection reader(db_->location());
  pqxx::work reading(reader);
  reading.exec0("LOCK TABLE messages IN ACCESS SHARE MODE"); // what any SELECT on it takes, until its commit

  const store::ForgetCounts c = store().forget_person(jose[0].id, false, [](store::NoteLabels&) {});
  EXPECT_EQ(c.invitations, 1);
  EXPECT_EQ(c.messages, 1);
  EXPECT_EQ(c.compaction, store::Compaction::text_in_free_space);
  EXPECT_EQ(c.uncompacted, std::vector<std::string>{"messages"});
  EXPECT_NE(c.compaction_error.find("lock timeout"), std::string::npos) << c.compaction_error;
  reading.commit();
  // Forgotten all the same, and the plain VACUUM ran on the table VACUUM FULL could not rewrite.
  EXPECT_TRUE(store().find_people("José Núñez").empty());
  EXPECT_EQ(store().counts().incoming, 1);
  pqxx::connection check(db_->location());
  pqxx::nontransaction tx(check);
  EXPECT_FALSE(tx.exec1("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'messages'")[0].is_null());
  // With the lock gone, the next forget compacts everything.
  const auto ana = store().find_people("Ana Sol");
  ASSERT_EQ(ana.size(), 1u);
  EXPECT_EQ(store().forget_person(ana[0].id, false, [](store::NoteLabels&) {}).compaction, store::Compaction::done);
}

// Issue 23: PostgreSQL's VACUUM FULL after a forget rewrites the tables the forget changed rows in, and no other
// (a rewrite of the messages takes minutes at a million invitations): forgetting an inviter who wrote no message
// leaves the messages' file as it was; one who did has it rewritten (VACUUM FULL gives a table a new file).
TEST_P(Conformance, ForgetRewritesOnlyTheTablesItChanged)
{
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite overwrites in place (secure_delete) and rewrites no table";
  import_paths(store(), {files_.write("r/Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                                           "José Núñez,Me,\"1/2/24, 9:00 AM\",Hola,INCOMING\n"
                                                           "Ana Sol,Me,\"1/3/24, 9:00 AM\",,INCOMING\n"),
                         files_.write("r/messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\n"
                                                        "c1,José Núñez,Me,2024-01-05 10:00:00 UTC,El congreso\n")});
  pqxx::connection check(db_->location());
  const auto file_of = [&](const std::string& table) {
    return pqxx::nontransaction(check).exec1("SELECT pg_relation_filenode('" + table + "')")[0].as<std::int64_t>();
  };
  const std::int64_t messages = file_of("messages"), connections = file_of("connections"),
                     invitations = file_of("invitations"), people = file_of("people");
  const auto ana = store().find_people("Ana Sol");
  ASSERT_EQ(ana.size(), 1u);
  const store::ForgetCounts c = store().forget_person(ana[0].id, false, [](store::NoteLabels&) {});
  EXPECT_EQ(c.compaction, store::Compaction::done);
  EXPECT_EQ(file_of("messages"), messages);
  EXPECT_EQ(file_of("connections"), connections);
  EXPECT_NE(file_of("invitations"), invitations);
  EXPECT_NE(file_of("people"), people);
  const auto jose = store().find_people("José Núñez");
  ASSERT_EQ(jose.size(), 1u);
  // A decision on his invitation taught the user's model: forgetting him trains it again and rewrites its table.
  for (const auto& v : store().invitations({})) {
    if (v.other_person == jose[0].id) store().record_decision(v.id, protocol::Decision::decline, 600);
  }
  const std::int64_t models = file_of("user_models");
  store().forget_person(jose[0].id, false, [](store::NoteLabels&) {});
  EXPECT_NE(file_of("messages"), messages);
  EXPECT_NE(file_of("user_models"), models);
}

TEST_P(Conformance, WithoutConnectionsCsvAcceptanceIsUnknown)
{
  files_.write(
      "e/Invitations.csv",
      "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
      "Cai Wu,Me,\"11/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cai,https://www.linkedin.com/in/me\n");
  import_paths(store(), {(files_.path / "e").string()});
  EXPECT_TRUE(store().owners_with_connections().empty());
  EXPECT_FALSE(store().counts().acceptance_known);
  // An export listing connections, even none (a header alone), tells that nobody accepted.
  files_.write(
      "f/Invitations.csv",
      "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
      "Cai Wu,Me,\"11/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cai,https://www.linkedin.com/in/me\n");
  files_.write("f/Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
  import_paths(store(), {(files_.path / "f").string()});
  EXPECT_EQ(store().owners_with_connections().size(), 1u);
  EXPECT_TRUE(store().counts().acceptance_known);
}

TEST_P(Conformance, ConnectionsWelcomesAndMessages)
{
  files_.write("e/Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                    "Ana,Sol,https://www.linkedin.com/in/ana-sol,,Acme,CTO,05 Nov 2026\n");
  files_.write("e/messages.csv",
               "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
               "c1,Me,https://www.linkedin.com/in/me,Ana Sol,https://www.linkedin.com/in/ana-sol,2026-11-06 10:00:00 "
               "UTC,Bienvenida\n"
               "c1,Ana Sol,https://www.linkedin.com/in/ana-sol,Me,https://www.linkedin.com/in/me,2026-11-07 10:00:00 "
               "UTC,¡Gracias!\n");
  // The owner is whoever is on one side of every invitation.
  files_.write(
      "e/Invitations.csv",
      "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
      "Me,Bo Li,\"11/2/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/me,https://www.linkedin.com/in/bo\n"
      "Cai Wu,Me,\"11/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cai,https://www.linkedin.com/in/me\n");
  import_paths(store(), {(files_.path / "e").string()});
  const auto connections = store().connections(-1);
  ASSERT_EQ(connections.size(), 1u);
  EXPECT_EQ(connections[0].name, "Ana Sol");
  EXPECT_FALSE(connections[0].recorded_welcome); // who was welcomed is app::welcomes' rule, from the messages
  EXPECT_TRUE(store().record_welcome(connections[0].id, 1790000000, "Hola Ana"));
  EXPECT_FALSE(store().record_welcome(999999, 1790000000, "x"));
  EXPECT_EQ(store().connections(-1)[0].recorded_welcome, 1790000000);
  const auto owner = connections[0].owner;
  EXPECT_EQ(store().invitations({})[0].owner, owner);
  EXPECT_EQ(store().owners_with_connections(), std::vector<PersonId>{owner});
  EXPECT_TRUE(store().counts().acceptance_known);
  const auto stamps = store().messages_with(owner, connections[0].person);
  ASSERT_EQ(stamps.size(), 2u);
  EXPECT_TRUE(stamps[0].from_owner);
  EXPECT_FALSE(stamps[1].from_owner);
  EXPECT_TRUE(stamps[0].text.empty()); // texts only when asked for
  EXPECT_EQ(store().messages_with(owner, connections[0].person, true)[1].text, "¡Gracias!");
  std::vector<std::string> texts;
  store().for_each_stamp([&](PersonId, PersonId, const protocol::MessageStamp& m) { texts.push_back(m.text); }, true);
  EXPECT_EQ(texts, (std::vector<std::string>{"Bienvenida", "¡Gracias!"}));
  const auto recent = store().recent_messages(owner, connections[0].person, 1);
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0].content, "¡Gracias!");
  std::vector<store::StoredConnection> stored;
  store().for_each_connection([&](const store::StoredConnection& c) { stored.push_back(c); });
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].company, "Acme");
  EXPECT_EQ(stored[0].connected_on, "2026-11-05");
}

TEST_P(Conformance, APersonalStoreHoldsOneAccount)
{
  const std::string header = "From,To,Sent At,Message,Direction\n";
  const auto ana = files_.write("ana/Invitations.csv", header + "X Uno,Ana Dueña,\"11/2/26, 9:00 AM\",,INCOMING\n"
                                                                "Ana Dueña,Y Dos,\"11/3/26, 9:00 AM\",,OUTGOING\n");
  const auto bruno =
      files_.write("bruno/Invitations.csv", header + "Z Tres,Bruno Dueño,\"11/2/26, 9:00 AM\",,INCOMING\n"
                                                     "Bruno Dueño,W Cuatro,\"11/3/26, 9:00 AM\",,OUTGOING\n");
  import_paths(store(), {ana});
  import_paths(store(), {ana}, 1800000100); // the same account again: fine
  // Another person's export: refused, naming both and the way out; nothing of it stored.
  try {
    import_paths(store(), {bruno});
    FAIL() << "a second account was imported into a personal store";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              bruno + ": this export is Bruno Dueño's and this database holds Ana Dueña's: keep one database per "
                      "LinkedIn account (import it into another with --db PATH or MOTIVO_DB; a team shares one with "
                      "users and --as)");
  }
  EXPECT_EQ(store().counts().imports, 2);
  EXPECT_EQ(store().counts().incoming, 1);
  EXPECT_TRUE(store().find_people("Bruno Dueño").empty());
  auto accounts = store().accounts();
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0].name, "Ana Dueña");
  EXPECT_EQ(accounts[0].imports, 2);
  EXPECT_EQ(accounts[0].user, std::nullopt);
  // A team's store (with users) holds one account per user, and an admin's imports (no user) of any.
  const auto b = store().add_user("bruno", store::Role::member, "h-bruno", 1800000000);
  import_paths(store(), {bruno}, 1800000200, b->id);
  const auto carla =
      files_.write("carla/Invitations.csv", header + "V Cinco,Carla Dueña,\"11/2/26, 9:00 AM\",,INCOMING\n");
  import_paths(store(), {carla}, 1800000300);
  accounts = store().accounts();
  ASSERT_EQ(accounts.size(), 3u);
  EXPECT_EQ(accounts[1].name, "Bruno Dueño");
  EXPECT_EQ(accounts[1].user, "bruno");
  EXPECT_EQ(accounts[2].name, "Carla Dueña");
  EXPECT_EQ(accounts[2].user, std::nullopt);
}

TEST_P(Conformance, UsersTokensAndTheirOwnInvitations)
{
  const std::string ana_token = app::add_user(store(), "ana", store::Role::member, 10);
  const std::string boss_token = app::add_user(store(), "boss", store::Role::admin, 11);
  EXPECT_THROW(app::add_user(store(), "ana", store::Role::member, 12), InputError);
  EXPECT_EQ(ana_token.size(), 64u);
  ASSERT_EQ(store().users().size(), 2u);
  const auto ana = store().user_by_token_hash(app::token_hash(ana_token));
  ASSERT_TRUE(ana);
  EXPECT_EQ(ana->name, "ana");
  EXPECT_EQ(ana->role, store::Role::member);
  EXPECT_EQ(store().user_by_token_hash(app::token_hash(boss_token))->role, store::Role::admin);
  EXPECT_FALSE(store().user_by_token_hash(app::token_hash("not a token")));
  EXPECT_FALSE(store().user_by_token_hash(ana_token)); // the token itself is never stored

  // Ana's export and Bea's: each sees their own invitations.
  const std::string header = "From,To,Sent At,Message,Direction\n";
  import_paths(store(),
               {files_.write("a/Invitations.csv", header + "X,Ana Owner,\"1/2/24, 9:00 AM\",,INCOMING\n"
                                                           "Ana Owner,Y,\"1/3/24, 9:00 AM\",,OUTGOING\n")},
               1800000000, ana->id);
  import_paths(store(), {files_.write("b/Invitations.csv", header + "Z,Bea Owner,\"1/2/24, 9:00 AM\",,INCOMING\n"
                                                                    "Bea Owner,W,\"1/3/24, 9:00 AM\",,OUTGOING\n")});
  store::InvitationQuery mine;
  mine.user = ana->id;
  const auto list = store().invitations(mine);
  ASSERT_EQ(list.size(), 2u);
  for (const auto& v : list) EXPECT_TRUE(v.from == "Ana Owner" || v.to == "Ana Owner") << v.from;
  EXPECT_EQ(store().invitations({}).size(), 4u);

  const std::string renewed = app::renew_token(store(), "ana");
  EXPECT_FALSE(store().user_by_token_hash(app::token_hash(ana_token)));
  EXPECT_TRUE(store().user_by_token_hash(app::token_hash(renewed)));
  EXPECT_TRUE(store().remove_user("ana"));
  EXPECT_FALSE(store().remove_user("ana"));
  EXPECT_EQ(store().invitations({}).size(), 4u); // the imports stay
  EXPECT_EQ(store().invitations(mine).size(), 0u);
}

// Issue 23: a member's pages, each of their accounts' page read by its own index and merged, are their slice of the
// whole list in its order, under every filter and through every cursor; a member with no account sees nothing.
TEST_P(Conformance, MembersPagesAreTheirSliceOfTheList)
{
  const std::int64_t ana = store().add_user("ana", store::Role::member, "h-ana", 1800000000)->id;
  const std::int64_t bea = store().add_user("bea", store::Role::member, "h-bea", 1800000000)->id;
  const std::int64_t cai = store().add_user("cai", store::Role::member, "h-cai", 1800000000)->id;
  std::mt19937 rng(31);
  const auto account = [&](const std::string& folder, const std::string& owner, int rows, std::int64_t user) {
    std::string csv = "From,To,Sent At,Message,Direction\n";
    for (int i = 0; i < rows; ++i) {
      const std::string other = fmt::format("{} Contact{}", folder, i);
      const std::string when = fmt::format("\"1/{}/24, {}:00 AM\"", 1 + rng() % 9, 1 + rng() % 3); // ties too
      const char* note = rng() % 3 == 0 ? "I'd like to add you to my professional network on LinkedIn." : "";
      csv += rng() % 2 ? fmt::format("{},{},{},{},INCOMING\n", other, owner, when, note)
                       : fmt::format("{},{},{},{},OUTGOING\n", owner, other, when, note);
    }
    import_paths(store(), {files_.write(folder + "/Invitations.csv", csv)}, 1800000000, user);
  };
  account("uno", "Ana Uno", 23, ana); // two accounts of Ana's
  account("dos", "Ana Dos", 17, ana);
  account("tres", "Bea Tres", 29, bea);
  const auto everything = store().invitations({});
  ASSERT_EQ(everything.size(), 69u);
  for (const std::optional<std::int64_t> user : {std::optional(ana), std::optional(bea), std::optional(cai)}) {
    store::InvitationQuery whole;
    whole.user = user;
    std::set<PersonId> owners;
    for (const auto& v : store().invitations(whole)) owners.insert(v.owner);
    EXPECT_EQ(owners.size(), *user == ana ? 2u : *user == bea ? 1u : 0u);
    for (const std::optional<Direction> direction : {std::optional<Direction>(), std::optional(Direction::incoming)})
      for (const std::optional<classify::Label> label :
           {std::optional<classify::Label>(), std::optional(classify::Label::empty)}) {
        std::vector<std::int64_t> expected;
        for (const auto& v : everything)
          if (owners.contains(v.owner) && (!direction || v.direction == *direction) && (!label || v.label == *label))
            expected.push_back(v.id);
        store::InvitationQuery page;
        page.user = user;
        page.direction = direction;
        page.label = label;
        page.limit = 4;
        std::vector<std::int64_t> paged;
        for (std::size_t i = 0; i <= expected.size(); ++i) {
          const auto rows = store().invitations(page);
          for (const auto& v : rows) paged.push_back(v.id);
          if (rows.size() < 4) break;
          page.after = store::PageKey{rows.back().sent_at, rows.back().id};
        }
        EXPECT_EQ(paged, expected) << "user " << *user << (direction ? " incoming" : "") << (label ? " empty" : "");
      }
  }
}

TEST_P(Conformance, MailInvitationsMatchTheExportAndCursorsAreKept)
{
  // An export first, then the same invitation's mail: stored once, with the mail's note.
  const std::string header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  import_paths(
      store(),
      {files_.write("x/Invitations.csv",
                    header + "Ana Sol,Me Owner,\"11/2/26, 9:00 "
                             "AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,https://www.linkedin.com/in/me\n"
                             "Me Owner,Bo Li,\"11/2/26, 9:00 "
                             "AM\",,OUTGOING,https://www.linkedin.com/in/me,https://www.linkedin.com/in/bo\n")});
  auto session = store().begin_import({1800000000, "mail", std::nullopt});
  const auto owner = session->latest_owner();
  ASSERT_TRUE(owner);
  PeopleResolver people(*session);
  store::MailInvitationRecord r;
  r.key = identity_key("mail", {"<m1@linkedin.com>"});
  r.owner = *owner;
  r.from_person = people.resolve("Ana Sol", "https://www.linkedin.com/in/ana-sol");
  r.to_person = owner;
  r.from_name = "Ana Sol";
  r.to_name = "Me Owner";
  r.sent_at = 1793635200 + 60; // 2026-11-02 17:01 UTC = 9:01 Pacific
  r.message = "Te vi en la charla";
  r.linkedin_id = "6912345";
  r.mail_id = "<m1@linkedin.com>";
  EXPECT_EQ(session->add_mail_invitation(r), store::MailOutcome::matched);
  EXPECT_EQ(session->add_mail_invitation(r), store::MailOutcome::known);
  // A mail with no export row: stored anew.
  store::MailInvitationRecord other = r;
  other.key = identity_key("mail", {"<m2@linkedin.com>"});
  other.from_person = people.resolve("Cai Li", "https://www.linkedin.com/in/cai");
  other.from_name = "Cai Li";
  other.linkedin_id = "6999999";
  other.mail_id = "<m2@linkedin.com>";
  EXPECT_EQ(session->add_mail_invitation(other), store::MailOutcome::added);
  session->set_mail_cursor("imaps://me@mail.example/INBOX", {42, 1000, 1800000000});
  session->finish(std::nullopt, std::nullopt, "{}");
  app::classify_stored(*session, classify::Classifier{});
  session->commit();
  EXPECT_EQ(store().counts().incoming, 2);
  bool found = false;
  for (const auto& v : store().invitations({}))
    if (v.from == "Ana Sol") found = v.message == "Te vi en la charla";
  EXPECT_TRUE(found);
  const auto cursor = store().mail_cursor("imaps://me@mail.example/INBOX");
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->uidvalidity, 42);
  EXPECT_EQ(cursor->last_uid, 1000);
  EXPECT_FALSE(store().mail_cursor("imaps://other@mail.example/INBOX"));
}

TEST_P(Conformance, SyncCursorAndConversationLookup)
{
  files_.write("s/messages.csv",
               "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
               "CONTENT,FOLDER\n"
               "2-abc,,Marc Vidal,https://www.linkedin.com/in/marc,Me,https://www.linkedin.com/in/me,"
               "2026-11-01 10:00:00 UTC,,Hola,INBOX\n"
               "2-abc,,Me,https://www.linkedin.com/in/me,Marc Vidal,https://www.linkedin.com/in/marc,"
               "2026-11-02 10:00:00 UTC,,Qué tal,INBOX\n"
               "2-xyz,,Cai Li,https://www.linkedin.com/in/cai,Me,https://www.linkedin.com/in/me,"
               "2026-11-03 10:00:00 UTC,,Hi,INBOX\n");
  import_paths(store(), {(files_.path / "s").string()});
  const auto accounts = store().accounts();
  ASSERT_EQ(accounts.size(), 1u);
  const auto latest = store().conversation_message(accounts[0].owner, "2-abc");
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->from_name, "Me");
  EXPECT_EQ(latest->to_names, "Marc Vidal");
  EXPECT_EQ(latest->to_urls, "https://www.linkedin.com/in/marc");
  EXPECT_FALSE(store().conversation_message(accounts[0].owner, "2-none"));
  EXPECT_FALSE(store().conversation_message(accounts[0].owner + 1000, "2-abc"));

  EXPECT_FALSE(store().sync_cursor("https://api.linkedin.com"));
  store().set_sync_cursor("https://api.linkedin.com", {accounts[0].owner, 1800000000, 1797580800000, 1800000000});
  store().set_sync_cursor("https://api.linkedin.com", {accounts[0].owner, 1800000000, 1800000100000, 1800000200});
  const auto cursor = store().sync_cursor("https://api.linkedin.com");
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->owner, accounts[0].owner);
  EXPECT_EQ(cursor->snapshot_at, 1800000000);
  EXPECT_EQ(cursor->changes_since, 1800000100000);
  EXPECT_EQ(cursor->synced_at, 1800000200);
  EXPECT_FALSE(store().sync_cursor("https://api.linkedin.com#user=2"));
  {
    // Saved in an import's transaction: gone with it when it does not commit.
    auto session = store().begin_import({1800000300, "abandoned", std::nullopt});
    session->set_sync_cursor("https://api.linkedin.com", {accounts[0].owner, 1, 2, 3});
  }
  EXPECT_EQ(store().sync_cursor("https://api.linkedin.com")->synced_at, 1800000200);
}

// Issue 21: members' messages and acceptances from mail, stored once whichever comes first, the mail or the export.
TEST_P(Conformance, MailMessagesAndAcceptancesAreStoredOnce)
{
  const std::string invitations = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                                  "Ana Sol,Me Owner,\"11/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,"
                                  "https://www.linkedin.com/in/me\n"
                                  "Me Owner,Bo Li,\"11/2/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/me,"
                                  "https://www.linkedin.com/in/bo\n";
  const std::string messages =
      "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
      "DATE,SUBJECT,CONTENT,FOLDER\n"
      "2-QUJD==,,Ana Sol,https://www.linkedin.com/in/ana-sol,Me Owner,"
      "https://www.linkedin.com/in/me,2026-11-03 10:00:05 UTC,,Nos vimos en la charla de datos,"
      "INBOX\n";
  const std::string connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  files_.write("e1/Invitations.csv", invitations);
  files_.write("e1/messages.csv", messages);
  files_.write("e1/Connections.csv", connections);
  import_paths(store(), {(files_.path / "e1").string()});
  const store::Counts exported = store().counts();

  auto session = store().begin_import({1800000000, "mail", std::nullopt});
  const auto owner = session->latest_owner();
  ASSERT_TRUE(owner);
  PeopleResolver people(*session);
  const PersonId ana = *people.resolve("Ana Sol", "https://www.linkedin.com/in/ana-sol");
  store::MailMessageRecord m;
  m.key = identity_key("mail-message", {"<m1@linkedin.com>"});
  m.owner = *owner;
  m.from_person = ana;
  m.conversation_id = "2-QUJD==";
  m.from_name = "Ana Sol";
  m.to_name = "Me Owner";
  m.sent_at = 1793700040; // 2026-11-03 10:00:40 UTC: the export's message, mailed 35 seconds later
  m.content = "Nos vimos en la charla…";
  m.mail_id = "<m1@linkedin.com>";
  EXPECT_EQ(session->add_mail_message(m), store::MailOutcome::matched);
  store::MailMessageRecord later = m;
  later.key = identity_key("mail-message", {"<m2@linkedin.com>"});
  later.sent_at = 1793703600; // 11:00 UTC, not in the export
  later.content = "¿Hablamos el jueves?";
  later.mail_id = "<m2@linkedin.com>";
  EXPECT_EQ(session->add_mail_message(later), store::MailOutcome::added);
  EXPECT_EQ(session->add_mail_message(later), store::MailOutcome::known);
  store::MailMessageRecord other = later; // the same minute, another text: another message
  other.key = identity_key("mail-message", {"<m3@linkedin.com>"});
  other.content = "Y te paso el informe";
  EXPECT_EQ(session->add_mail_message(other), store::MailOutcome::added);

  store::MailAcceptanceRecord a;
  a.owner = *owner;
  a.person = *people.resolve("Bo Li", "https://www.linkedin.com/in/bo");
  a.key = identity_key("mail-connection", {key_number(a.owner), key_number(a.person)});
  a.first_name = "Bo";
  a.last_name = "Li";
  a.url = "https://www.linkedin.com/in/bo";
  a.at = 1793784000; // 2026-11-04 09:20 UTC
  EXPECT_EQ(session->add_mail_acceptance(a), store::AcceptanceOutcome::accepted);
  EXPECT_EQ(session->add_mail_acceptance(a), store::AcceptanceOutcome::known);
  store::MailAcceptanceRecord cai = a;
  cai.person = *people.resolve("Cai Wu", "https://www.linkedin.com/in/cai");
  cai.key = identity_key("mail-connection", {key_number(a.owner), key_number(cai.person)});
  EXPECT_EQ(session->add_mail_acceptance(cai), store::AcceptanceOutcome::connection_only);
  session->finish(std::nullopt, std::nullopt, "{}");
  session->commit();

  EXPECT_EQ(store().counts().messages, exported.messages + 2);
  EXPECT_EQ(store().counts().connections, exported.connections + 2);
  for (const auto& v : store().invitations({}))
    if (v.direction == Direction::outgoing) {
      EXPECT_EQ(v.outcome, Outcome::accepted);
      EXPECT_EQ(v.outcome_at, std::optional<datetime::UnixSeconds>(1793784000));
    }
  EXPECT_EQ(store().messages_with(*owner, ana).size(), 3u); // the replies count as any message does

  // The next export holds both later messages (its times cut to the minute) and Bo as a connection.
  files_.write("e2/Invitations.csv", invitations);
  files_.write("e2/messages.csv", messages + "2-QUJD==,,Ana Sol,https://www.linkedin.com/in/ana-sol,Me Owner,"
                                             "https://www.linkedin.com/in/me,2026-11-03 11:00:00 UTC,,¿Hablamos el "
                                             "jueves? Tengo hueco,INBOX\n"
                                             "2-QUJD==,,Ana Sol,https://www.linkedin.com/in/ana-sol,Me Owner,"
                                             "https://www.linkedin.com/in/me,2026-11-03 11:00:00 UTC,,Y te paso el "
                                             "informe,INBOX\n");
  files_.write("e2/Connections.csv", connections + "Bo,Li,https://www.linkedin.com/in/bo,,,,04 Nov 2026\n");
  import_paths(store(), {(files_.path / "e2").string()});
  EXPECT_EQ(store().counts().messages, exported.messages + 2);
  EXPECT_EQ(store().counts().connections, exported.connections + 2); // Bo's export row replaced the mail's
  const auto texts = store().messages_with(*owner, ana, true);
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[1].text + "|" + texts[2].text, "¿Hablamos el jueves? Tengo hueco|Y te paso el informe");
}

// An acceptance from unauthenticated mail fills what is pending only; one that passed DKIM/DMARC also corrects an
// invitation an export's absence made "withdrawn" (an accepted invitation leaves Invitations.csv too).
TEST_P(Conformance, OnlyAnAuthenticatedAcceptanceCorrectsAWithdrawnInvitation)
{
  const std::string header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  const std::string ana = "Ana Sol,Me Owner,\"11/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,"
                          "https://www.linkedin.com/in/me\n";
  files_.write("e1/Invitations.csv", header + ana +
                                         "Me Owner,Bo Li,\"11/2/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/me,"
                                         "https://www.linkedin.com/in/bo\n");
  files_.write("e2/Invitations.csv", header + ana);
  import_paths(store(), {(files_.path / "e1").string()});
  import_paths(store(), {(files_.path / "e2").string()});
  const auto outgoing_outcome = [&] {
    for (const auto& v : store().invitations({})) {
      if (v.direction == Direction::outgoing) return v.outcome;
    }
    return std::optional<Outcome>();
  };
  ASSERT_EQ(outgoing_outcome(), Outcome::withdrawn);
  for (const bool authenticated : {false, true}) {
    auto session = store().begin_import({1800000000, "mail", std::nullopt});
    const auto owner = session->latest_owner();
    ASSERT_TRUE(owner);
    session->set_owner(*owner); // as app::import_mail does: finish() settles this owner's outcomes
    PeopleResolver people(*session);
    store::MailAcceptanceRecord a;
    a.owner = *owner;
    a.person = *people.resolve("Bo Li", "https://www.linkedin.com/in/bo");
    a.key = identity_key("mail-connection", {key_number(a.owner), key_number(a.person)});
    a.first_name = "Bo";
    a.last_name = "Li";
    a.at = 1793784000;
    a.authenticated = authenticated;
    EXPECT_EQ(session->add_mail_acceptance(a),
              authenticated ? store::AcceptanceOutcome::accepted : store::AcceptanceOutcome::known);
    session->finish(std::nullopt, std::nullopt, "{}");
    session->commit();
    // The unauthenticated one leaves the invitation withdrawn, though it records the connection: only an export's
    // connection turns a withdrawn invitation into an accepted one.
    if (!authenticated) {
      EXPECT_EQ(outgoing_outcome(), Outcome::withdrawn);
    }
  }
  EXPECT_EQ(outgoing_outcome(), Outcome::accepted);
}

TEST_P(Conformance, ListedFirstNameIsTheLatestExports)
{
  const std::string invitations = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                                  "Cai Wu,Me,\"11/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cai,"
                                  "https://www.linkedin.com/in/me\n";
  const std::string header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  files_.write("e1/Invitations.csv", invitations);
  files_.write("e1/Connections.csv",
               header + "Dr. Miguel Ángel,Riesgo,https://www.linkedin.com/in/m%C3%ADguel,,,,01 Nov 2026\n"
                        ",Hidden,https://www.linkedin.com/in/hidden,,,,02 Nov 2026\n");
  files_.write("e2/Invitations.csv", invitations);
  files_.write("e2/Connections.csv", header + "Miguel Ángel,Riesgo,https://www.linkedin.com/in/míguel,,,,20 Nov 2026\n"
                                              ",Hidden,https://www.linkedin.com/in/hidden,,,,02 Nov 2026\n");
  import_paths(store(), {(files_.path / "e1").string()});
  const auto connections = store().connections(-1);
  ASSERT_EQ(connections.size(), 2u);
  const auto& miguel = connections[0].name == "Hidden" ? connections[1] : connections[0];
  const auto& hidden = connections[0].name == "Hidden" ? connections[0] : connections[1];
  EXPECT_EQ(store().listed_first_name(miguel.owner, miguel.person), "Dr. Miguel Ángel");
  EXPECT_EQ(store().listed_first_name(hidden.owner, hidden.person), "");
  EXPECT_EQ(store().listed_first_name(miguel.owner, 999999), "");
  import_paths(store(), {(files_.path / "e2").string()});
  // Connected again (a new Connected On date: a new row), now listing only "Miguel Ángel": the latest row's.
  EXPECT_EQ(store().connections(-1).size(), 3u);
  EXPECT_EQ(store().listed_first_name(miguel.owner, miguel.person), "Miguel Ángel");
}

TEST_P(Conformance, ABareSlugIsKeyedAsAUrls)
{
  files_.write("e/Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                                    "José Pérez,Me,\"11/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/"
                                    "jos%C3%A9-p%C3%A9rez-1a,https://www.linkedin.com/in/me\n"
                                    "Josélito Gómez,Me,\"11/4/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/"
                                    "josélito-gómez-2b,https://www.linkedin.com/in/me\n");
  import_paths(store(), {(files_.path / "e").string()});
  for (const char* who :
       {"josé-pérez-1a", "Jos%C3%A9-P%C3%A9rez-1a", "https://www.linkedin.com/comm/in/josé-pérez-1a/"}) {
    const auto found = store().find_people(who);
    ASSERT_EQ(found.size(), 1u) << who;
    EXPECT_EQ(found[0].name, "José Pérez") << who;
  }
  const auto joselito = store().find_people("jos%C3%A9lito-g%C3%B3mez-2b");
  ASSERT_EQ(joselito.size(), 1u);
  EXPECT_EQ(joselito[0].name, "Josélito Gómez");
}

TEST_P(Conformance, AnUncommittedImportLeavesNothing)
{
  import_paths(store(), {files_.write("x/Invitations.csv",
                                      "From,To,Sent At,Message,Direction\nAna,Me,\"1/2/24, 9:00 AM\",,INCOMING\n")});
  const std::string before = snapshot(store());
  {
    auto session = store().begin_import({1800000000, "abandoned", std::nullopt});
    PeopleResolver people(*session);
    InvitationRecord r;
    r.key = identity_key("invitation", {"zed"});
    r.owner = *people.resolve("Me", "");
    r.from_person = people.resolve("Zed", "");
    r.from_name = "Zed";
    r.to_name = "Me";
    r.sent_at = 1700000000;
    session->add_invitation(r);
    EXPECT_EQ(session->take_added(store::Table::invitations), 1u);
  } // destroyed without commit
  EXPECT_EQ(snapshot(store()), before);
}

TEST_P(Conformance, DataVersionMovesWithWrites)
{
  const std::int64_t v0 = store().data_version();
  EXPECT_EQ(store().data_version(), v0);
  import_paths(store(), {files_.write("x/Invitations.csv",
                                      "From,To,Sent At,Message,Direction\nAna,Me,\"1/2/24, 9:00 AM\",,INCOMING\n")});
  const std::int64_t v1 = store().data_version();
  EXPECT_NE(v1, v0);
  // A write by another connection (another process, as the command line beside a server) is seen too.
  auto other = db_->open();
  other->record_decision(other->invitations({})[0].id, protocol::Decision::accept, 5);
  EXPECT_NE(store().data_version(), v1);
}

TEST_P(Conformance, ArrivalMarksAndTheMessagesStoredAfterThem)
{
  EXPECT_EQ(store().arrival_marks(), (store::ArrivalMarks{0, 0}));
  const std::string header = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,"
                             "IS MESSAGE DRAFT\n";
  const std::string mine = "c1,Me,https://www.linkedin.com/in/me,Ana Sol,https://www.linkedin.com/in/ana-sol,"
                           "2026-11-06 10:00:00 UTC,Hola,No\n";
  const std::string invitations = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                                  "Ana Sol,Me,\"11/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-sol,"
                                  "https://www.linkedin.com/in/me\n"
                                  "Me,Bo Li,\"11/2/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/me,"
                                  "https://www.linkedin.com/in/bo-li\n";
  files_.write("a/Invitations.csv", invitations);
  files_.write("a/messages.csv", header + mine);
  import_paths(store(), {(files_.path / "a").string()});
  const store::ArrivalMarks first = store().arrival_marks();
  EXPECT_GT(first.invitation, 0);
  EXPECT_GT(first.message, 0);
  EXPECT_TRUE(store().messages_between(first.message, first.message).empty());
  // A newer export: Ana's answer, a draft of the owner's, and a message of a group conversation.
  files_.write("b/Invitations.csv", invitations);
  files_.write("b/messages.csv", header + mine +
                                     "c1,Ana Sol,https://www.linkedin.com/in/ana-sol,Me,https://www.linkedin.com/in/me,"
                                     "2026-11-07 10:00:00 UTC,¡Hola!,No\n"
                                     "c1,Me,https://www.linkedin.com/in/me,Ana Sol,https://www.linkedin.com/in/ana-sol,"
                                     "2026-11-07 11:00:00 UTC,borrador,Yes\n"
                                     "g1,Bo Li,https://www.linkedin.com/in/bo-li,\"Me,Cai Wu\",,"
                                     "2026-11-08 10:00:00 UTC,¿Quedamos?,No\n");
  import_paths(store(), {(files_.path / "b").string()});
  const store::ArrivalMarks second = store().arrival_marks();
  EXPECT_EQ(second.invitation, first.invitation); // the same invitation, recognised
  const auto arrived = store().messages_between(first.message, second.message);
  ASSERT_EQ(arrived.size(), 2u); // the draft left out
  store::InvitationQuery received;
  received.direction = Direction::incoming;
  const store::InvitationView anas = store().invitations(received).at(0);
  EXPECT_EQ(arrived[0].counterpart, anas.other_person);
  EXPECT_FALSE(arrived[0].from_owner);
  EXPECT_EQ(arrived[0].owner, anas.owner);
  EXPECT_EQ(arrived[0].sent_at, *datetime::parse_iso("2026-11-07T10:00:00Z"));
  EXPECT_FALSE(arrived[1].from_owner);
  EXPECT_EQ(store().messages_between(0, first.message).size(), 1u);
}

namespace {

// Today's answer before arrivals_between followed only what arrived: every invitation of the scope read, a page at
// a time, against the span's messages. The random sequences below hold the new way to it.
app::Arrivals arrivals_by_full_pass(store::Store& store, std::optional<std::int64_t> scope,
                                    const store::ArrivalMarks& from, const store::ArrivalMarks& to)
{
  app::Arrivals out;
  std::vector<store::MessageArrival> messages;
  if (to.message > from.message) messages = store.messages_between(from.message, to.message);
  std::map<std::pair<PersonId, PersonId>, datetime::UnixSeconds> inviters;
  std::set<PersonId> owners;
  store::InvitationQuery query;
  query.user = scope;
  query.after_id = 0;
  query.limit = 7;
  for (;;) {
    const std::vector<store::InvitationView> page = store.invitations(query);
    if (page.empty()) break;
    for (const store::InvitationView& v : page) {
      owners.insert(v.owner);
      if (v.direction != Direction::incoming) continue;
      if (v.id > from.invitation && v.id <= to.invitation) ++out.invitations;
      if (!v.other_person) continue;
      const auto [it, added] = inviters.emplace(std::pair{v.owner, *v.other_person}, v.sent_at);
      if (!added && v.sent_at < it->second) it->second = v.sent_at;
    }
    query.after_id = page.back().id;
  }
  std::set<std::pair<PersonId, PersonId>> replied;
  for (const store::MessageArrival& m : messages) {
    if (m.from_owner || !owners.contains(m.owner)) continue;
    const auto it = m.counterpart ? inviters.find({m.owner, *m.counterpart}) : inviters.end();
    if (it != inviters.end() && m.sent_at >= it->second)
      replied.insert(it->first);
    else
      ++out.messages;
  }
  out.replies = replied.size();
  return out;
}

// One owner's export as it grows: invitations (received and sent) and messages (theirs, the owner's, drafts, a
// group's) with people drawn from a small pool, at random days of November 2026, so that messages fall before and
// after the invitations they may answer.
struct GrowingExport {
  std::string owner; // the owner's slug and first name
  std::vector<std::string> invitations, messages;

  void add(std::mt19937& rng)
  {
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::string me = "https://www.linkedin.com/in/" + owner;
    for (int i = pick(4); i > 0; --i) {
      const std::string p = "p" + std::to_string(pick(7)), url = "https://www.linkedin.com/in/" + p;
      const std::string when = fmt::format("\"11/{}/26, {}:{:02} AM\"", 1 + pick(27), 1 + pick(11), pick(60));
      if (pick(4) == 0)
        invitations.push_back(fmt::format("{0} Dueño,{1} Gente,{2},,OUTGOING,{3},{4}\n", owner, p, when, me, url));
      else
        invitations.push_back(fmt::format("{1} Gente,{0} Dueño,{2},Hola,INCOMING,{4},{3}\n", owner, p, when, me, url));
    }
    for (int i = pick(6); i > 0; --i) {
      const std::string p = "p" + std::to_string(pick(8)), url = "https://www.linkedin.com/in/" + p;
      const std::string when = fmt::format("2026-11-{:02} {:02}:{:02}:00 UTC", 1 + pick(28), pick(24), pick(60));
      const std::string text = "m" + std::to_string(messages.size());
      switch (pick(5)) {
      case 0: // the owner's own
        messages.push_back(fmt::format("c-{1},{0} Dueño,{2},{1} Gente,{3},{4},{5},No\n", owner, p, me, url, when, text));
        break;
      case 1: // a draft
        messages.push_back(fmt::format("c-{1},{0} Dueño,{2},{1} Gente,{3},{4},{5},Yes\n", owner, p, me, url, when, text));
        break;
      case 2: // a group's
        messages.push_back(fmt::format("g-{1},{1} Gente,{3},\"{0} Dueño,Otra Persona\",,{4},{5},No\n", owner, p, me,
                                       url, when, text));
        break;
      default:
        messages.push_back(fmt::format("c-{1},{1} Gente,{3},{0} Dueño,{2},{4},{5},No\n", owner, p, me, url, when, text));
      }
    }
  }
  void write(const Files& files, const std::string& folder) const
  {
    std::string inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
    for (const auto& row : invitations) inv += row;
    std::string msg = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,IS MESSAGE DRAFT\n";
    for (const auto& row : messages) msg += row;
    files.write(folder + "/Invitations.csv", inv);
    files.write(folder + "/messages.csv", msg);
  }
};

std::string arrival_counts(const app::Arrivals& a)
{
  return fmt::format("{} invitations, {} replies, {} messages", a.invitations, a.replies, a.messages);
}

} // namespace

TEST_P(Conformance, ArrivalsFollowWhatArrivedAndAnswerAsAFullPass)
{
  // Two members, each with an account; each step one of them imports a grown export of theirs, and the marks are
  // taken. Every span between two marks, in every scope, counts as today's full pass.
  app::Arrivals seen; // what the spans counted in all, so that the comparison is not of zeros only
  for (const unsigned seed : {1u, 2u, 3u}) {
    Database db(GetParam());
    auto s = db.open();
    const std::int64_t ana = s->add_user("ana", store::Role::member, "h-ana", 1800000000)->id;
    const std::int64_t bo = s->add_user("bo", store::Role::member, "h-bo", 1800000000)->id;
    const std::int64_t nobody = s->add_user("cai", store::Role::member, "h-cai", 1800000000)->id;
    std::mt19937 rng(seed);
    std::vector<GrowingExport> exports{{"uno"}, {"dos"}};
    std::vector<store::ArrivalMarks> marks{s->arrival_marks()};
    for (int step = 0; step < 7; ++step) {
      GrowingExport& e = exports[rng() % 2];
      e.add(rng);
      const std::string folder = fmt::format("s{}-{}", seed, step);
      e.write(files_, folder);
      app::ImportOptions options;
      options.now = 1800000000 + step;
      options.user = &e == &exports[0] ? ana : bo; // an account belongs to one member
      options.owner = e.owner + " Dueño";
      app::import_snapshot(*s, io::collect_inputs({(files_.path / folder).string()}), folder, options);
      marks.push_back(s->arrival_marks());
    }
    ASSERT_GT(marks.back().message, 0) << seed;
    for (std::size_t i = 0; i < marks.size(); ++i) {
      for (std::size_t j = i; j < marks.size(); ++j) {
        for (const std::optional<std::int64_t> scope : {std::optional<std::int64_t>(), std::optional(ana),
                                                         std::optional(bo), std::optional(nobody)}) {
          const app::Arrivals now = app::arrivals_between(*s, scope, marks[i], marks[j]);
          EXPECT_EQ(arrival_counts(now), arrival_counts(arrivals_by_full_pass(*s, scope, marks[i], marks[j])))
              << "seed " << seed << ", marks " << i << ".." << j << ", scope " << scope.value_or(-1);
          seen.invitations += now.invitations;
          seen.replies += now.replies;
          seen.messages += now.messages;
        }
      }
    }
  }
  EXPECT_GT(seen.invitations, 0u);
  EXPECT_GT(seen.replies, 0u);
  EXPECT_GT(seen.messages, 0u);
}

TEST_P(Conformance, SchemaStatusAndMigrations)
{
  const store::SchemaStatus fresh = store::schema_status(db_->location());
  EXPECT_EQ(fresh.current, 0);
  EXPECT_GE(fresh.latest, 6);
  // Every migration is pending, in ascending order, the last one the latest (branches number theirs apart, so the
  // numbers may have gaps until they are merged).
  ASSERT_FALSE(fresh.pending.empty());
  EXPECT_EQ(fresh.pending.front().version, 1);
  EXPECT_EQ(fresh.pending.back().version, fresh.latest);
  for (std::size_t i = 1; i < fresh.pending.size(); ++i)
    EXPECT_LT(fresh.pending[i - 1].version, fresh.pending[i].version);
  if (GetParam() == "sqlite") {
    EXPECT_FALSE(fs::exists(db_->location())); // a dry run creates nothing
  }
  store();
  const store::SchemaStatus after = store::schema_status(db_->location());
  EXPECT_EQ(after.current, after.latest);
  EXPECT_TRUE(after.pending.empty());
  // Opening again runs nothing and keeps the data.
  store_.reset();
  EXPECT_EQ(store().counts().imports, 0);
}

// Two accounts' exports that share contacts (with and without profile URLs): every import at once must make each
// contact once, whatever the order in which the imports reach them.
std::string shared_contacts_export(const Files& files, const std::string& owner, const std::string& folder, int rows)
{
  const std::string owner_url = "https://www.linkedin.com/in/" + folder;
  std::string inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  std::string msg = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n";
  std::string con = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  for (int i = 0; i < rows; ++i) {
    const std::string name = "Contacto " + std::to_string(i);
    const std::string url = i % 2 == 0 ? "https://www.linkedin.com/in/contacto-" + std::to_string(i) : "";
    const int day = 1 + i % 28, month = 1 + (i / 28) % 12;
    inv += i % 3 == 0 ? owner + "," + name + ",\"" + std::to_string(month) + "/" + std::to_string(day) +
                            "/25, 9:00 AM\",,OUTGOING," + owner_url + "," + url + "\n"
                      : name + "," + owner + ",\"" + std::to_string(month) + "/" + std::to_string(day) +
                            "/25, 9:00 AM\",Hola " + owner + ",INCOMING," + url + "," + owner_url + "\n";
    msg += folder + "-c" + std::to_string(i) + "," + name + "," + url + "," + owner + "," + owner_url + ",2025-0" +
           std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + " 10:00:00 UTC,Mensaje " + std::to_string(i) +
           "\n";
    if (i % 4 == 0)
      con += "Contacto," + std::to_string(i) + "," + url + ",,,,0" + std::to_string(1 + i % 9) + " Feb 2025\n";
  }
  files.write(folder + "/Invitations.csv", inv);
  files.write(folder + "/messages.csv", msg);
  files.write(folder + "/Connections.csv", con);
  return (files.path / folder).string();
}

TEST_P(Conformance, ConcurrentImportsLoseNothingAndDuplicateNothing)
{
  // Four importers at once, each with its own connection: two accounts of a team, each export twice by its user.
  const std::string a = shared_contacts_export(files_, "Ana Dueña", "ana-duena", 400);
  const std::string b = shared_contacts_export(files_, "Bruno Dueño", "bruno-dueno", 400);
  const std::vector<std::string> exports{a, b, a, b};
  const auto users_of = [](store::Store& s) {
    return std::vector<std::int64_t>{s.add_user("ana", store::Role::member, "h-ana", 1800000000)->id,
                                     s.add_user("bruno", store::Role::member, "h-bruno", 1800000000)->id};
  };
  const std::vector<std::int64_t> users = users_of(store()); // and the schema, before the race
  std::vector<std::thread> threads;
  std::vector<std::string> errors(exports.size());
  for (std::size_t i = 0; i < exports.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        auto s = db_->open();
        for (int attempt = 1;; ++attempt) {
          try {
            import_paths(*s, {exports[i]}, 1800000000 + static_cast<int>(i), users[i % 2]);
            break;
          } catch (const std::exception& e) {
            if (attempt == 5 || !store::is_transient_error(e)) throw;
          }
        }
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  // The same imports one after the other, into another database.
  Database sequential(GetParam());
  auto one_by_one = sequential.open();
  const std::vector<std::int64_t> sequential_users = users_of(*one_by_one);
  for (std::size_t i = 0; i < exports.size(); ++i)
    import_paths(*one_by_one, {exports[i]}, 1800000000 + static_cast<int>(i), sequential_users[i % 2]);
  EXPECT_EQ(fmt_counts(store().counts()), fmt_counts(one_by_one->counts()));
  const store::Counts c = store().counts();
  EXPECT_EQ(c.imports, 4);
  EXPECT_EQ(c.incoming + c.outgoing, 800);
  EXPECT_EQ(c.messages, 800);
  EXPECT_EQ(c.people, 402); // 400 contacts, each made once, and the two owners
}

namespace {

// A random export of "Me" and eight people (issue 23's state-equivalence test): invitations both ways in the first
// days of November 2026, one-to-one messages either way after them (some reading as between connections), and, at
// random, a Connections.csv listing some of the people (acceptance unknown without it).
std::vector<std::string> random_export(std::mt19937& rng, const Files& files, int n)
{
  const auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  const std::string dir = "r" + std::to_string(n) + "/";
  std::string inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  std::string msg = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n";
  std::string con = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  const std::string me = "https://www.linkedin.com/in/me";
  const char* texts[] = {"Hola, ¿por qué quieres conectar?", "Te vi en la charla", "Thanks for connecting!",
                         "Gracias por aceptar", "¿Hablamos?"};
  for (int p = 0; p < 8; ++p) {
    const std::string name = "Per" + std::to_string(p) + " Son",
                      url = "https://www.linkedin.com/in/p" + std::to_string(p);
    if (pick(3) > 0) {
      const bool in = pick(4) > 0;
      inv += fmt::format("{},{},\"11/{}/26, {}:00 AM\",{},{},{},{}\n", in ? name : "Me Owner", in ? "Me Owner" : name,
                         1 + pick(5), 1 + pick(11), pick(2) ? "" : "Hola", in ? "INCOMING" : "OUTGOING", in ? url : me,
                         in ? me : url);
    }
    for (int m = pick(4); m > 0; --m) {
      const bool mine = pick(2) > 0;
      msg += fmt::format("c{},{},{},{},{},2026-11-{:02} {:02}:00:00 UTC,\"{}\"\n", p, mine ? "Me Owner" : name,
                         mine ? me : url, mine ? name : "Me Owner", mine ? url : me, 1 + pick(12), pick(24),
                         texts[pick(5)]);
    }
    if (pick(3) == 0) con += fmt::format("Per{},Son,{},,,,0{} Nov 2026\n", p, url, 1 + pick(9));
  }
  std::vector<std::string> paths = {files.write(dir + "Invitations.csv", inv), files.write(dir + "messages.csv", msg)};
  if (pick(2) == 0) paths.push_back(files.write(dir + "Connections.csv", con));
  return paths;
}

// Every kept timeline is what today's path computes from the messages (app::facts_of, protocol::timeline); after a
// refresh, every invitation has one.
void expect_kept_timelines_recomputed(store::Store& store, bool refreshed, const std::string& step)
{
  for (const auto& v : store.invitations({})) {
    if (!v.timeline) {
      EXPECT_FALSE(refreshed) << step << ": invitation " << v.id << " has no timeline after a refresh";
      continue;
    }
    const protocol::Timeline reference = protocol::timeline(app::facts_of(store, v));
    EXPECT_TRUE(*v.timeline == reference) << step << ": invitation " << v.id << " from " << v.from;
  }
}

// The report's input from every invitation's state (`statuses`), with the welcomes computed from what is stored
// (app::welcomes, never the kept ones or the store's tallies): the reference the kept counts are checked against.
app::ReportInput reference_input(store::Store& store, const std::vector<app::InvitationStatus>& statuses,
                                 const protocol::Config& config, std::optional<std::int64_t> user = std::nullopt)
{
  app::ReportInput input = app::report_input(store, statuses, config, user);
  std::set<PersonId> owners;
  for (const auto& st : statuses) owners.insert(st.invitation.owner);
  input.welcomes.clear();
  for (const app::Welcomed& c : app::welcomes(store, -1)) {
    if (user && !owners.count(c.connection.owner)) continue;
    report::WelcomeRow w;
    if (c.connection.connected_at)
      w.connected_at = *c.connection.connected_at;
    else if (const auto day = datetime::parse_iso(c.connection.connected_on))
      w.connected_at = *day;
    else
      continue;
    w.welcomed = c.welcome.welcomed_at.has_value();
    w.replied = c.welcome.replied_at.has_value();
    input.welcomes.push_back(w);
  }
  return input;
}

// Every kept welcome is what app::welcomes computes from the connections, invitations and messages; after a
// refresh, every connection has one, and a report's welcome figures from the kept welcomes (the store's tallies) are
// those of the recomputation.
void expect_kept_welcomes_recomputed(store::Store& store, bool refreshed, const std::string& step)
{
  for (const auto& w : app::welcomes(store, -1)) {
    if (!w.connection.welcome) {
      EXPECT_FALSE(refreshed) << step << ": connection " << w.connection.id << " has no welcome after a refresh";
      continue;
    }
    EXPECT_TRUE(*w.connection.welcome == w.welcome) << step << ": connection " << w.connection.id;
  }
  if (!refreshed) return;
  const protocol::Config config;
  const protocol::Policy policy = protocol::active_policy(config, std::nullopt);
  const std::int64_t now = 1796000000;
  const report::Report kept = app::make_report(app::report_input(store, policy, config, now), {}, report::Step::week);
  const report::Report computed = app::make_report(
      reference_input(store, app::invitation_statuses(store, {}, policy, config, now), config), {}, report::Step::week);
  EXPECT_EQ(kept.figures.welcome.sent, computed.figures.welcome.sent) << step;
  EXPECT_EQ(kept.figures.welcome.replied, computed.figures.welcome.replied) << step;
  ASSERT_EQ(kept.series.size(), computed.series.size()) << step;
  for (std::size_t i = 0; i < kept.series.size(); ++i) {
    EXPECT_EQ(kept.series[i].figures.welcome.sent, computed.series[i].figures.welcome.sent) << step;
    EXPECT_EQ(kept.series[i].figures.welcome.replied, computed.series[i].figures.welcome.replied) << step;
  }
}

// A report from the kept counts (sql/summary.hpp) is, byte for byte, the one computed from every invitation's state,
// whatever the time of reading: the deadline's edge at an ask's second (not past it), one second later (past it), and
// after every ask. Each user's too (the counts of the owners of their imports).
void expect_kept_counts_recomputed(store::Store& store, const std::string& step)
{
  const protocol::Config config;
  const protocol::Policy policy = protocol::active_policy(config, std::nullopt);
  const std::int64_t ask = 1793600000 + 3 * 86400, deadline = config.deadline_days * 86400;
  std::vector<std::optional<std::int64_t>> users = {std::nullopt};
  for (const auto& u : store.users()) users.emplace_back(u.id);
  for (const std::int64_t now : {ask + deadline, ask + deadline + 1, std::int64_t{1796000000}}) {
    for (const auto& user : users) {
      store::InvitationQuery query;
      query.user = user;
      const std::string kept = app::report_json(
          app::make_report(app::report_input(store, policy, config, now, user), {}, report::Step::week), 1);
      const std::string computed = app::report_json(
          app::make_report(
              reference_input(store, app::invitation_statuses(store, query, policy, config, now), config, user), {},
              report::Step::week),
          1);
      EXPECT_EQ(kept, computed) << step << " at " << now << (user ? " for user " + std::to_string(*user) : "");
    }
  }
}

} // namespace

// Issue 23: the timelines kept in the store equal a recomputation from scratch after any sequence of writes:
// imports of random exports, mail messages and acceptances, asks, recorded replies, decisions, undo, labels,
// recorded welcomes and forgetting someone, each followed or not by a refresh. So do the connections' welcomes, and
// a report from the kept counts equals one from every invitation's state (after a refresh, or read only without).
TEST_P(Conformance, KeptTimelinesEqualARecomputationAfterRandomOperations)
{
  for (unsigned seed = 1; seed <= 4; ++seed) {
    Database db(GetParam());
    auto s = db.open();
    std::mt19937 rng(seed);
    const auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
    std::int64_t now = 1795000000;                     // 2026-11-18: after every date the exports hold
    app::add_user(*s, "ana", store::Role::member, 10); // some imports are hers: her report counts their owners
    const std::int64_t ana = s->users().front().id;
    for (int step = 0; step < 24; ++step) {
      now += 3600;
      const auto list = s->invitations({});
      const int op = list.empty() ? 0 : pick(10);
      const std::int64_t id = list.empty() ? 0 : list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))].id;
      std::string what = "seed " + std::to_string(seed) + " step " + std::to_string(step) + " op " + std::to_string(op);
      if (op == 0) {
        import_paths(*s, random_export(rng, files_, static_cast<int>(seed * 100 + step)), now,
                     pick(2) ? std::optional(ana) : std::nullopt);
      } else if (op == 1) {
        s->record_ask(id, 1793600000 + pick(12) * 86400, "¿Por qué?");
      } else if (op == 2) {
        s->record_reply(id, 1793600000 + pick(12) * 86400, "", now);
      } else if (op == 3) {
        s->record_decision(id, static_cast<protocol::Decision>(pick(3)), now);
      } else if (op == 4 || op == 5) {
        s->undo_last(id);
      } else if (op == 6) {
        s->set_user_label(id, pick(2) ? std::optional(classify::Label::personalized) : std::nullopt, now);
      } else if (op == 7) {
        const auto& v = *std::find_if(list.begin(), list.end(), [&](const auto& x) { return x.id == id; });
        if (v.other_person) s->forget_person(*v.other_person, false, [](store::NoteLabels&) {});
      } else if (op == 9) {
        const auto connections = s->connections(-1);
        if (!connections.empty())
          s->record_welcome(connections[static_cast<std::size_t>(pick(static_cast<int>(connections.size())))].id,
                            1793600000 + pick(14) * 86400, "¡Bienvenida!");
      } else {
        // Mail: a message from someone, or an acceptance of an invitation sent to them.
        auto session = s->begin_import({now, "mail", std::nullopt});
        const auto owner = session->latest_owner();
        if (owner) {
          PeopleResolver people(*session);
          const std::string p = std::to_string(pick(8));
          const std::string first = "Per" + p, name = first + " Son", url = "https://www.linkedin.com/in/p" + p;
          const PersonId person = *people.resolve(name, url);
          session->set_owner(*owner);
          if (pick(2)) {
            store::MailMessageRecord m;
            m.key = identity_key("mail-message", {std::to_string(now)});
            m.owner = *owner;
            m.from_person = person;
            m.from_name = name;
            m.from_url = url;
            m.to_name = "Me Owner";
            m.sent_at = 1793600000 + pick(14) * 86400;
            m.content = "Te escribo por la invitación";
            session->add_mail_message(m);
          } else {
            store::MailAcceptanceRecord a;
            a.owner = *owner;
            a.person = person;
            a.key = identity_key("mail-connection", {key_number(a.owner), key_number(a.person)});
            a.first_name = first; // a view: the string must outlive the session's write
            a.last_name = "Son";
            a.url = url;
            a.at = 1793600000 + pick(14) * 86400;
            session->add_mail_acceptance(a);
          }
        }
        session->finish(std::nullopt, std::nullopt, "{}");
        if (pick(2)) app::refresh_timelines(*session); // in the import's transaction, as app::import does
        session->commit();
      }
      const bool refresh = pick(2) > 0;
      if (refresh) app::refresh_timelines(*s);
      expect_kept_timelines_recomputed(*s, refresh, what);
      expect_kept_welcomes_recomputed(*s, refresh, what);
      if (refresh) {
        expect_kept_counts_recomputed(*s, what);
      } else if (GetParam() == "sqlite") {
        // A report opened for reading only after writes nothing refreshed: the days still marked come from the
        // invitations (PostgreSQL opens for writing, and so refreshes).
        const auto reader = store::open_store(db.location(), store::Access::read_only);
        expect_kept_counts_recomputed(*reader, what + " read only");
      }
    }
  }
}

// Issue 23: an owner whose acceptances only a connection told (an export's connection, stored by an import that
// listed no Connections.csv) no longer knows them once that person is forgotten: the owner's kept timelines are
// marked stale in forget's transaction and computed again without that knowledge.
TEST_P(Conformance, ForgettingTheConnectionThatToldAcceptancesMarksTheOwnersTimelines)
{
  const std::string me = "https://www.linkedin.com/in/me", ana = "https://www.linkedin.com/in/ana-sol",
                    bo = "https://www.linkedin.com/in/bo-li";
  import_paths(
      store(),
      {files_.write("k/Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                                         "Ana Sol,Me Owner,\"11/3/26, 9:00 AM\",,INCOMING," +
                                             ana + "," + me + "\n"),
       files_.write("k/messages.csv", "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
                                      "c1,Ana Sol," +
                                          ana + ",Me Owner," + me +
                                          ",2026-11-04 10:00:00 UTC,Thanks for connecting!\n" + "c1,Me Owner," + me +
                                          ",Ana Sol," + ana + ",2026-11-05 10:00:00 UTC,Hola\n")});
  {
    auto session = store().begin_import({1795000000, "test", std::nullopt});
    PeopleResolver people(*session);
    const PersonId owner = *people.resolve("Me Owner", me);
    session->set_owner(owner);
    ConnectionRecord r;
    r.key = identity_key("connection", {"bo"});
    r.owner = owner;
    r.person = people.resolve("Bo Li", bo);
    r.first_name = "Bo";
    r.last_name = "Li";
    r.url = bo;
    r.connected_on = "2026-11-01";
    session->add_connection(r);
    session->finish(std::nullopt, std::nullopt, "{}");
    app::refresh_timelines(*session);
    session->commit();
  }
  ASSERT_EQ(store().owners_with_connections().size(), 1u);
  const auto before = store().invitations({});
  ASSERT_EQ(before.size(), 1u);
  ASSERT_TRUE(before[0].timeline && before[0].timeline->asked_at); // acceptance known: "Hola" asks
  const auto forgotten = store().find_people(bo);
  ASSERT_EQ(forgotten.size(), 1u);
  store().forget_person(forgotten[0].id, false, [](store::NoteLabels&) {});
  EXPECT_TRUE(store().owners_with_connections().empty());
  expect_kept_timelines_recomputed(store(), false, "after forgetting Bo Li");
  app::refresh_timelines(store());
  const auto after = store().invitations({});
  ASSERT_TRUE(after[0].timeline);
  EXPECT_FALSE(after[0].timeline->asked_at); // the thanks read as between connections first: "Hola" is no ask
  expect_kept_timelines_recomputed(store(), true, "after a refresh");
}

namespace {

// Runs `sql` on the database at `location`, outside motivo: what an upgrade's migration (or a new rule) does to
// every row.
void run_sql(const std::string& backend, const std::string& location, const std::string& sql)
{
  if (backend == "sqlite") {
    store::sqlite::Database db(location);
    db.exec(sql);
    return;
  }
  pqxx::connection c(location);
  pqxx::nontransaction tx(c);
  tx.exec0(sql);
}

// A store of random exports (some of user "ana"), with asks, a decision and recorded welcomes, refreshed.
std::int64_t fill_for_stale_reads(store::Store& s, const Files& files)
{
  std::mt19937 rng(23);
  app::add_user(s, "ana", store::Role::member, 10);
  const std::int64_t ana = s.users().front().id;
  for (int n = 0; n < 4; ++n)
    import_paths(s, random_export(rng, files, 2300 + n), 1795000000 + n * 3600,
                 n % 2 ? std::optional(ana) : std::nullopt);
  const auto list = s.invitations({});
  for (std::size_t i = 0; i < list.size(); i += 3)
    s.record_ask(list[i].id, 1793600000 + static_cast<std::int64_t>(i % 12) * 86400, "¿Por qué?");
  if (list.size() > 1) s.record_decision(list[1].id, protocol::Decision::accept, 1795100000);
  const auto connections = s.connections(-1);
  for (std::size_t i = 0; i < connections.size(); i += 2)
    s.record_welcome(connections[i].id, 1793600000 + static_cast<std::int64_t>(i) * 86400, "¡Bienvenida!");
  app::refresh_timelines(s);
  return ana;
}

// The reports a store gives, for everyone and for `user`, as JSON.
std::string reports_of(store::Store& s, std::int64_t user)
{
  const protocol::Config config;
  const protocol::Policy policy = protocol::active_policy(config, std::nullopt);
  std::string out;
  for (const std::optional<std::int64_t> who : {std::optional<std::int64_t>(), std::optional(user)})
    out += app::report_json(
        app::make_report(app::report_input(s, policy, config, 1796000000, who), {}, report::Step::week), 1);
  return out;
}

const char* const every_welcome_stale = "INSERT INTO stale_welcomes (connection) SELECT id FROM connections";
const char* const every_timeline_stale = "INSERT INTO stale_timelines (invitation) SELECT id FROM invitations";

} // namespace

// Issue 23: right after an upgrade that marks every welcome (migration 15), every timeline (migration 13) or both
// stale, a report is the one the fresh store gave; a writer (this store) computes and keeps them as it reports.
TEST_P(Conformance, EveryWelcomeOrTimelineStaleGivesTheReportOfAFreshStore)
{
  const std::int64_t ana = fill_for_stale_reads(store(), files_);
  const std::string fresh = reports_of(store(), ana);
  EXPECT_NE(fresh.find("\"welcome\""), std::string::npos);
  for (const std::string& marks : {std::string(every_welcome_stale), std::string(every_timeline_stale),
                                   std::string(every_welcome_stale) + ";" + every_timeline_stale}) {
    store_.reset();
    run_sql(GetParam(), db_->location(), marks);
    EXPECT_GT(store().tally_welcomes(nullptr).stale + store().tally_invitations(std::nullopt, 0).stale, 0) << marks;
    EXPECT_EQ(reports_of(store(), ana), fresh) << marks;
    EXPECT_EQ(store().tally_welcomes(nullptr).stale, 0) << marks;
    EXPECT_EQ(store().tally_invitations(std::nullopt, 0).stale, 0) << marks;
    expect_kept_timelines_recomputed(store(), true, marks);
    expect_kept_welcomes_recomputed(store(), true, marks);
  }
}

// Issue 23: a store that cannot be written (opened for reading only) computes the stale welcomes and timelines for
// the answer, a batch at a time, and stores nothing: the same report, the marks left for the next writer.
TEST_P(Conformance, AStoreReadOnlyComputesWhatIsStaleWithoutStoringIt)
{
  if (GetParam() != "sqlite") GTEST_SKIP() << "a PostgreSQL store is opened for writing";
  const std::int64_t ana = fill_for_stale_reads(store(), files_);
  const std::string fresh = reports_of(store(), ana);
  store_.reset();
  run_sql(GetParam(), db_->location(), std::string(every_welcome_stale) + ";" + every_timeline_stale);
  const auto reader = store::open_store(db_->location(), store::Access::read_only);
  const std::int64_t welcomes = reader->tally_welcomes(nullptr).stale;
  const std::int64_t timelines = reader->tally_invitations(std::nullopt, 0).stale;
  EXPECT_GT(welcomes, 0);
  EXPECT_GT(timelines, 0);
  EXPECT_EQ(reports_of(*reader, ana), fresh);
  EXPECT_EQ(reader->tally_welcomes(nullptr).stale, welcomes); // nothing stored
  EXPECT_EQ(reader->tally_invitations(std::nullopt, 0).stale, timelines);
  const store::WelcomeRule rule = app::welcome_rule();
  EXPECT_EQ(reader->tally_welcomes(&rule).stale, 0); // computed for the answer
}

// Issue 23: stale welcomes are computed a batch of the size asked at a time, in the order of the connections' ids,
// each exactly once, and what is computed is what a refresh keeps.
TEST(StaleWelcomes, ComputedInBatchesOfTheSizeAsked)
{
  Database db("sqlite");
  Files files;
  std::string con = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  for (int p = 0; p < 5; ++p)
    con += fmt::format("Per{},Son,https://www.linkedin.com/in/p{},,,,0{} Nov 2026\n", p, p, p + 1);
  {
    auto s = db.open();
    const std::string me = "https://www.linkedin.com/in/me", p1 = "https://www.linkedin.com/in/p1";
    import_paths(*s, {files.write("b/Connections.csv", con),
                      files.write("b/Invitations.csv",
                                  "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                                  "Per0 Son,Me Owner,\"10/30/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/p0," +
                                      me + "\n"),
                      files.write("b/messages.csv",
                                  "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
                                  "c1,Me Owner," +
                                      me + ",Per1 Son," + p1 +
                                      ",2026-11-03 10:00:00 UTC,Bienvenido\n"
                                      "c1,Per1 Son," +
                                      p1 + ",Me Owner," + me + ",2026-11-04 10:00:00 UTC,Gracias\n")});
    s->record_welcome(s->connections(-1).front().id, 1793600000, "Hola");
    app::refresh_timelines(*s);
  }
  run_sql("sqlite", db.location(), every_welcome_stale);
  store::sqlite::Database connection(db.location());
  std::vector<std::size_t> sizes;
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, store::KeptWelcome> computed;
  store::sql::for_each_stale_welcome(connection, app::welcome_rule(), 2,
                                     [&](std::vector<store::sql::StaleWelcome>& batch) {
                                       sizes.push_back(batch.size());
                                       for (const auto& w : batch) {
                                         ids.push_back(w.connection.id);
                                         computed[w.connection.id] = w.welcome;
                                       }
                                     });
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(computed.size(), 5u);
  auto s = db.open();
  app::refresh_timelines(*s);
  int welcomed = 0;
  for (const auto& c : s->connections(-1)) {
    ASSERT_TRUE(c.welcome);
    EXPECT_TRUE(*c.welcome == computed.at(c.id).timeline) << c.id;
    welcomed += c.welcome->welcomed_at ? 1 : 0;
  }
  EXPECT_EQ(welcomed, 2); // the one recorded, the one from the messages
}

// The store answers the resolver's questions (PersonDirectory::find_person) as the resolver's maps do once it has
// read every person: an import whose files are all unchanged finds its owner so, without reading the people.
TEST_P(Conformance, ThePeopleStoredAnswerTheResolverAsItsMapsDo)
{
  const std::string in = "https://www.linkedin.com/in/";
  std::vector<PersonId> stored;
  {
    auto session = store().begin_import({1795000000, "test", std::nullopt});
    PeopleResolver people(*session);
    stored.push_back(*people.resolve("Me Owner", in + "me"));
    session->set_owner(stored.back());
    stored.push_back(*people.resolve("Ana Sol", "")); // known by name only
    stored.push_back(*people.resolve("Bo Li", in + "bo"));
    stored.push_back(*people.resolve("Bo Li", in + "bo-2")); // a namesake
    session->finish(std::nullopt, std::nullopt, "{}");
    app::refresh_timelines(*session);
    session->commit();
  }
  const std::vector<std::pair<std::string, std::string>> asked = {
      {"Me Owner", in + "me"}, {"ANA  SOL", ""},     {"Ana Sol", in + "ana"}, {"bo li", ""},
      {"Bo Li", in + "bo-2"},  {"Bo Li", in + "bo-3"}, {"Cy", ""},          {"LinkedIn Member", ""}};
  for (const auto& [name, url] : asked) {
    std::optional<PersonId> one, all;
    {
      auto session = store().begin_import({1795000100, "test", std::nullopt}); // rolled back
      PeopleResolver people(*session);
      one = people.resolve_one(name, url);
      EXPECT_FALSE(people.filled());
    }
    {
      auto session = store().begin_import({1795000100, "test", std::nullopt}); // rolled back
      PeopleResolver people(*session);
      all = people.resolve(name, url);
      EXPECT_TRUE(people.filled());
    }
    const auto known = [&](const std::optional<PersonId>& id) {
      return id && std::find(stored.begin(), stored.end(), *id) != stored.end();
    };
    // A new person's id may differ: PostgreSQL's sequence does not roll back.
    if (known(all))
      EXPECT_EQ(one, all) << name << " " << url;
    else
      EXPECT_EQ(one.has_value() && !known(one), all.has_value()) << name << " " << url;
  }
}

// A forget's dry run only reads (a store opened for reading, beside a writer): it cannot keep the words of messages
// written since they were last kept, so it takes every such message as a candidate and reads it; the same counts.
TEST_P(Conformance, AForgetDryRunReadsTheMessagesWhoseWordsAreNotKeptYet)
{
  const std::string& eva = eva_url;
  import_paths(store(), {eva_messages(files_)});
  const PersonId her = store().find_people(eva).at(0).id;
  const auto kept = store().forget_person(her, true, [](store::NoteLabels&) {});
  EXPECT_EQ(kept.group_messages, 2); // c2, c3
  store_.reset();
  // As after a write that marked them (mail, an upgrade): no word kept, every message marked.
  run_sql(GetParam(), db_->location(),
          "DELETE FROM message_words; INSERT INTO stale_message_words (message) SELECT id FROM messages");
  const auto stale = store().forget_person(her, true, [](store::NoteLabels&) {});
  EXPECT_EQ(stale.group_messages, kept.group_messages);
  EXPECT_EQ(stale.messages, kept.messages);
  EXPECT_EQ(store().forget_recipient("íñigo solo", true).group_messages, 2);
  if (GetParam() == "sqlite") {
    const auto reader = store::open_store(db_->location(), store::Access::read_only);
    EXPECT_EQ(reader->forget_person(her, true, [](store::NoteLabels&) {}).group_messages, kept.group_messages);
  }
  // The writer's forget keeps the words first and scrubs the same messages.
  EXPECT_EQ(store().forget_person(her, false, [](store::NoteLabels&) {}).group_messages, kept.group_messages);
}

// Issue 23: after an upgrade that marked everything stale, the writer that migrates computes and keeps it a batch
// per transaction (Store::refresh_next_batch): stopped after any batch, what it committed is kept and right, the
// rest still marked; the next writer finishes, and the store is then the fresh store, report for report.
TEST_P(Conformance, ARefreshInBatchesKeepsWhatItCommittedAndEndsAsAFreshStore)
{
  const std::int64_t ana = fill_for_stale_reads(store(), files_);
  const std::string fresh = reports_of(store(), ana);
  store_.reset();
  run_sql(GetParam(), db_->location(), std::string(every_welcome_stale) + ";" + every_timeline_stale);
  const store::StaleCounts before = store().count_stale();
  ASSERT_GT(before.welcomes, 3);
  ASSERT_GT(before.timelines, 7);
  const store::TimelineRule timelines = app::timeline_rule();
  const store::WelcomeRule welcomes = app::welcome_rule();
  EXPECT_EQ(store().refresh_next_batch(timelines, welcomes, 3), 3); // the welcomes first
  EXPECT_EQ(store().count_stale().welcomes, before.welcomes - 3);
  std::int64_t done = 3;
  while (store().count_stale().welcomes > 0) done += store().refresh_next_batch(timelines, welcomes, 3);
  EXPECT_EQ(done, before.welcomes);
  EXPECT_EQ(store().refresh_next_batch(timelines, welcomes, 7), 7); // then the timelines
  store_.reset();                                                   // the process stops here
  EXPECT_EQ(store().count_stale().timelines, before.timelines - 7);
  expect_kept_timelines_recomputed(store(), false, "stopped after a batch");
  expect_kept_welcomes_recomputed(store(), false, "stopped after a batch"); // (with true, it reports: a refresh)
  EXPECT_EQ(store().count_stale().welcomes, 0);
  EXPECT_EQ(app::refresh_timelines_in_batches(store()), before.timelines - 7);
  EXPECT_EQ(store().refresh_next_batch(timelines, welcomes, 7), 0);
  EXPECT_EQ(store().count_stale().timelines + store().count_stale().welcomes, 0);
  expect_kept_timelines_recomputed(store(), true, "refreshed in batches");
  expect_kept_welcomes_recomputed(store(), true, "refreshed in batches");
  EXPECT_EQ(reports_of(store(), ana), fresh);
}

// The conversations of many pairs read together give each pair what messages_with gives it, with or without texts.
TEST_P(Conformance, MessagesOfPairsAreEachPairsMessages)
{
  fill_for_stale_reads(store(), files_);
  std::vector<std::pair<PersonId, PersonId>> pairs;
  for (const auto& v : store().invitations({}))
    if (v.other_person) pairs.emplace_back(v.owner, *v.other_person);
  pairs.emplace_back(999999, 999998); // nobody's
  ASSERT_GT(pairs.size(), 10u);
  while (pairs.size() < 1200) pairs.insert(pairs.end(), pairs.begin(), pairs.end()); // repeated, past a statement
  for (const bool with_text : {false, true}) {
    const auto threads = store().messages_of_pairs(pairs, with_text);
    EXPECT_FALSE(threads.empty());
    for (const auto& [owner, person] : pairs) {
      const auto expected = store().messages_with(owner, person, with_text);
      const auto it = threads.find({owner, person});
      ASSERT_EQ(it == threads.end() ? 0u : it->second.size(), expected.size()) << owner << " " << person;
      for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(it->second[i].at, expected[i].at);
        EXPECT_EQ(it->second[i].from_owner, expected[i].from_owner);
        EXPECT_EQ(it->second[i].text, expected[i].text);
      }
    }
  }
}
