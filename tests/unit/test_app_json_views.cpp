// Every JSON shape motivo emits (app/json_views.cpp), compared with its golden file in tests/data/json_views/:
// the command line's --json and the web API are contracts, and a change to one shows here as a diff to review.
// The input is the store of team_store.hpp (SQLite, two members' exports, a fixed clock); views of things the
// store does not make (a schema status, a classifier's evaluation) get theirs written here.
//
// After an intended change: MOTIVO_UPDATE_GOLDEN=1 ./build/tests/motivo_unit_tests --gtest_filter='JsonViews*'
// rewrites the files; review them with git diff.
#include <motivo/app/json_views.hpp>
#include <motivo/app/report.hpp>
#include <motivo/app/sync.hpp>
#include <motivo/app/welcome.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "team_store.hpp"

using namespace motivo;
using motivo::fixture::fixed_now;
using motivo::fixture::TeamStore;

namespace {

const std::filesystem::path golden_dir = std::filesystem::path(MOTIVO_TEST_DATA) / "json_views";

// `actual` against golden file `name` (one JSON text and a newline); MOTIVO_UPDATE_GOLDEN=1 writes it instead.
void expect_golden(const std::string& name, const std::string& actual)
{
  const std::filesystem::path path = golden_dir / name;
  if (const char* update = std::getenv("MOTIVO_UPDATE_GOLDEN"); update && *update == '1') {
    std::filesystem::create_directories(golden_dir);
    std::ofstream(path, std::ios::binary) << actual << "\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no golden file " << path << " (MOTIVO_UPDATE_GOLDEN=1 writes it)";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual + "\n", expected.str()) << "differs from " << path;
}

// What the views are made of, from the store as the command line and the server read it.
struct Views : TeamStore {
  protocol::Config config;
  protocol::Policy policy = protocol::active_policy(config, std::nullopt);

  std::vector<app::InvitationStatus> martas()
  {
    store::InvitationQuery query;
    query.user = marta.id;
    return app::invitation_statuses(*store, query, policy, config, fixed_now());
  }
  app::InvitationStatus status_of(const std::string& name)
  {
    for (auto& s : martas())
      if (s.invitation.id == invitation_from(name)) return s;
    throw std::logic_error(name);
  }
};

// The one-line form is the same JSON.
void expect_same_json(const std::string& one_line, const std::string& pretty)
{
  EXPECT_EQ(one_line.find('\n'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(one_line), nlohmann::json::parse(pretty));
}

} // namespace

TEST(JsonViews, Invitations)
{
  Views v;
  const auto list = v.martas();
  ASSERT_EQ(list.size(), 6u);
  expect_golden("invitations.json", app::invitations_json(list, 2));
  expect_same_json(app::invitations_json(list, -1), app::invitations_json(list, 2));
  expect_golden("invitation.json", app::invitation_json(v.status_of("Ana Uno"), 2));
  // A stale write's answer (issue 26): the error and the invitation as it is now, on one line as every API error.
  const std::string stale =
      app::stale_json("invitation 1 changed since you saw it: nothing was written", v.status_of("Ana Uno"));
  expect_golden("stale.json", nlohmann::json::parse(stale).dump(2));
  expect_golden("messages.json",
                app::messages_json(app::recent_messages(*v.store, v.status_of("Ana Uno").invitation, 10), 2));
  app::AskRequest request{18, "config.toml", "", true, fixed_now()};
  expect_golden("ask.json",
                app::ask_json(app::ask(*v.store, v.marta.id, v.invitation_from("Ana Uno"), v.config, request), 2));
}

TEST(JsonViews, WhatTheUserRecorded)
{
  Views v;
  const std::int64_t berta = v.invitation_from("Berta Dos"), carlos = v.invitation_from("Carlos Tres");
  app::record_reply(*v.store, v.marta.id, berta, {fixed_now(), "Te vi en la PyCon", fixed_now()});
  const app::InvitationDetail detail =
      app::invitation_detail(*v.store, v.marta.id, berta, v.policy, v.config, fixed_now());
  expect_golden("invitation_detail.json", app::invitation_detail_json(detail, 2));
  // The detail is an element of invitations --json with more: the same fields, the same values.
  nlohmann::json element = nlohmann::json::parse(app::invitation_detail_json(detail, -1));
  for (const char* extra : {"messages", "recorded", "notes"}) element.erase(extra);
  EXPECT_EQ(element, nlohmann::json::parse(app::invitation_json(v.status_of("Berta Dos"), -1)));
  expect_golden("invitation_detail_ana.json",
                app::invitation_detail_json(app::invitation_detail(*v.store, v.marta.id, v.invitation_from("Ana Uno"),
                                                                   v.policy, v.config, fixed_now()),
                                            2));
  const app::Undone undone = app::undo(*v.store, v.marta.id, v.invitation_from("Dan Cuatro"));
  expect_golden("undo.json", app::undo_json(undone.action, v.status_of("Dan Cuatro"), 2));
  const app::BulkDecision bulk =
      app::decide_many(*v.store, v.marta.id, {carlos, v.invitation_from("Elena Cinco"), berta},
                       protocol::Decision::decline, fixed_now());
  expect_golden("bulk_decision.json", app::bulk_decision_json(bulk, 2));
  expect_same_json(app::bulk_decision_json(bulk, -1), app::bulk_decision_json(bulk, 2));
  // A note kept from an invitation, taken back: kind "note", its text and when it was kept.
  app::keep_note(*v.store, v.marta.id, v.invitation_from("Dan Cuatro"), "nos presentó Marta", fixed_now());
  const app::Undone note = app::undo(*v.store, v.marta.id, v.invitation_from("Dan Cuatro"));
  expect_golden("undo_note.json", app::undo_json(note.action, v.status_of("Dan Cuatro"), 2));
}

TEST(JsonViews, Reports)
{
  Views v;
  const app::ReportInput input = app::report_input(*v.store, v.policy, v.config, fixed_now(), v.marta.id);
  const report::Report all = app::make_report(input, {}, report::Step::week);
  expect_golden("report.json", app::report_json(all, 2));
  // No Connections.csv imported: accepted, pending and the acceptance rates are null, never 0.
  report::Report unknown = all;
  unknown.figures.acceptance_known = false;
  for (auto& p : unknown.series) p.figures.acceptance_known = false;
  expect_golden("report_acceptance_unknown.json", app::report_json(unknown, 2));
  expect_same_json(app::report_json(all, -1), app::report_json(all, 2));
  expect_golden("comparison.json",
                app::comparison_json(app::compare_periods(input, {"2026-10", "2026-11"}, report::Step::none), "en", 2));
  const app::TeamReport team = app::team_report(*v.store, v.policy, v.config, fixed_now(), {"2026-10-01", ""});
  expect_golden("team_report.json", app::team_report_json(team, 2));
  expect_same_json(app::team_report_json(team, -1), app::team_report_json(team, 2));
}

TEST(JsonViews, People)
{
  Views v;
  const auto people = v.store->search_people("PyCon");
  ASSERT_EQ(people.size(), 1u);
  expect_golden("people.json", app::people_json(people, 2));
  expect_golden("note.json", app::note_json(people.front().id, "nos vimos en la PyCon", 2));
  const store::ForgetCounts counts = v.store->forget_person(people.front().id, true, [](store::NoteLabels&) {});
  expect_golden("forget.json", app::forget_json(people.front().id, people.front().name, true, counts, 2));
  store::ForgetCounts recipient;
  recipient.group_messages = 3;
  expect_golden("forget_recipient.json", app::forget_json(std::nullopt, "Nadie Salvo Grupos", false, recipient, 2));
}

TEST(JsonViews, Imports)
{
  Views v;
  expect_golden("import.json", app::import_json(&v.marta_import, nullptr, 2));
  expect_golden("import_summary.json", app::import_summary_json(v.marta_import));
  app::ImportOptions options;
  options.now = fixed_now();
  options.user = v.marta.id;
  const std::string mail = std::string(MOTIVO_TEST_DATA) + "/mail/";
  // An invitation, a member's message and an acceptance (of an invitation that is not stored).
  const app::MailImportReport mailed =
      app::import_mail(*v.store,
                       app::scan_mail_paths({mail + "en-modern-wants-to-connect.eml",
                                             mail + "en-message-plain-and-html.eml", mail + "es-accepted.eml"},
                                            options.now),
                       "mail", options);
  expect_golden("import_with_mail.json", app::import_json(&v.luis_import, &mailed, 2));
  expect_golden("import_mail_only.json", app::import_json(nullptr, &mailed, 2));
  expect_golden("mail_import.json", app::mail_import_json(mailed, 2));
  expect_same_json(app::mail_import_json(mailed, -1), app::mail_import_json(mailed, 2));
  expect_golden("mail_summary.json", app::mail_summary_json(mailed));
  expect_golden("labels.json", app::labels_json(v.marta_import.labels, 2));
  app::SyncReport snapshot;
  snapshot.snapshot = true;
  snapshot.why = "first sync";
  snapshot.profile = "Marta";
  snapshot.rows = v.marta_import;
  expect_golden("sync_snapshot.json", app::sync_json(snapshot, 2));
  app::SyncReport changes;
  changes.events = 4;
  changes.messages = 3;
  changes.unknown_conversation = 1;
  changes.group_conversation = 1;
  expect_golden("sync_changes.json", app::sync_json(changes, 2));
  expect_same_json(app::sync_json(changes, -1), app::sync_json(changes, 2));
  // A file not read again: the same bytes as the last one of its kind imported.
  app::ImportReport again = v.marta_import;
  for (app::FileReport& f : again.files) {
    if (f.kind == "skipped") continue;
    f.known += f.added;
    f.added = 0;
    f.unchanged_since = fixed_now();
  }
  expect_golden("import_unchanged.json", app::import_json(&again, nullptr, 2));
}

TEST(JsonViews, Classifier)
{
  classify::Result r;
  r.label = classify::Label::personalized;
  r.language = "es";
  r.confidence = 0.8749;
  r.reasons = {"names a \"talk\"", "a\ttab and a \x01 control character"};
  expect_golden("classification.json", app::classification_json(r, 2));
  std::string lines;
  app::append_classification_line(lines, "\"x-1\"", r);
  app::append_classification_line(lines, "7", {});
  ASSERT_FALSE(lines.empty());
  expect_golden("classification.jsonl", lines.substr(0, lines.size() - 1));
  // Written by hand for speed, the same fields as classify --json.
  nlohmann::json line = nlohmann::json::parse(lines.substr(0, lines.find('\n')));
  EXPECT_EQ(line["id"], "x-1");
  line.erase("id");
  EXPECT_EQ(line, nlohmann::json::parse(app::classification_json(r, -1)));

  classify::Evaluation eval;
  using classify::Label;
  for (const auto& [gold, predicted] : std::vector<std::pair<Label, Label>>{{Label::empty, Label::empty},
                                                                            {Label::spam, Label::spam},
                                                                            {Label::personalized, Label::personalized},
                                                                            {Label::personalized, Label::template_text},
                                                                            {Label::default_text, Label::default_text}})
    eval.add(gold, predicted);
  eval.add_language("es", "es");
  eval.add_language("en", "es");
  expect_golden("evaluation.json", app::evaluation_json(eval, 2));
}

TEST(JsonViews, Messages)
{
  Views v;
  expect_golden("compose.json", app::compose_json("Ana Pérez", "Hola Ana, ¿tomamos un café?", 27, 200, 2));
  const auto connections = app::welcomes(*v.store, -1);
  ASSERT_EQ(connections.size(), 1u);
  expect_golden("welcomes.json", app::welcomes_json({{connections.front(), true, "¡Hola Elena! Gracias por conectar."},
                                                     {connections.front(), false, "Hola de nuevo"}},
                                                    2));
}

TEST(JsonViews, DatabaseAndUsers)
{
  Views v;
  expect_golden("status.json", app::status_json(v.store->counts(), v.store->accounts(), "team.db", 2));
  expect_golden("policy.json", app::policy_json(v.policy, v.config.deadline_days, 2));
  store::SchemaStatus status;
  status.current = 6;
  status.latest = 7;
  status.pending = {{7, "imports.as_of: when a snapshot was made", "ALTER TABLE imports ADD COLUMN as_of INTEGER;"}};
  expect_golden("migration_dry_run.json", app::migration_json("team.db", status, true, 2));
  expect_golden("migration.json", app::migration_json("team.db", status, false, 2));
  expect_golden("users.json", app::users_json(v.store->users(), 2));
  expect_golden("me.json", app::me_json("marta", false, true, 2));
  expect_golden("error.json", app::error_json("no invitation with id 7", 404));
  expect_golden("cli_error.json", app::cli_error_json("no invitation with id i7"));
}

TEST(JsonViews, LiveVersion)
{
  // Since the version the page saw: Marta's four received invitations and Ana's reply, counted from the store.
  Views v;
  const app::Arrivals arrived = app::arrivals_between(*v.store, v.marta.id, {}, v.store->arrival_marks());
  expect_golden("version.json", app::live_json("5f3a9c01d2e4-4294967297-6-2", true, arrived, 2));
}
