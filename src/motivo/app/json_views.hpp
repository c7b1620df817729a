#pragma once

#include <motivo/app/actions.hpp>
#include <motivo/app/arrivals.hpp>
#include <motivo/app/classify.hpp>
#include <motivo/app/detail.hpp>
#include <motivo/app/import.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/mail.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/report.hpp>
#include <motivo/app/welcome.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/evaluation.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/core/report/report.hpp>
#include <motivo/store/store.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::app {

// Every JSON shape motivo emits, built here only: the command line's --json and the web app's API share them (the
// contracts of issues 2–6, docs/WEB.md), as text: `indent` -1 for one line, else pretty-printed with that many
// spaces. Golden files in tests/data/json_views/ hold each one (tests/unit/test_app_json_views.cpp).

// Invitations and what is done with them: invitations --json, GET /api/invitations, the decision's answer; ask
// --json and POST …/ask; the messages of GET /api/invitations/{id}/messages.
// The reasons and the suggestion's reason are English, or in `language` (the page's ?lang=), in these and in every
// shape below that holds an invitation.
std::string invitations_json(const std::vector<InvitationStatus>& list, int indent, std::string_view language = "");
std::string invitation_json(const InvitationStatus& status, int indent, std::string_view language = "");
std::string ask_json(const Asked& asked, int indent);
// The reasons shown with an invitation's label: the classifier's, or "labelled by you" for the user's own.
std::vector<std::string> reasons_shown(const store::InvitationView& v);
// The label's word ("" before the first classification).
std::string_view label_word(const store::InvitationView& v);
std::string messages_json(const std::vector<store::MessageView>& messages, int indent);
// show --json and GET /api/invitations/{id}: one element of invitations_json with "messages" (as messages_json, all
// of them), "recorded" (the asks and replies you recorded: kind, at, text) and "notes" (yours on the person).
std::string invitation_detail_json(const InvitationDetail& detail, int indent, std::string_view language = "");
// decide --undo --json and POST …/undo: {"undone": {kind, at, decision, restored, text}, "invitation": …}.
std::string undo_json(const store::UndoneAction& undone, const InvitationStatus& now, int indent,
                      std::string_view language = "");
// decide with several ids or --suggestion, --json, and POST /api/invitations/decisions: {"decision", "applied":
// [{id, from, was}], "unchanged": [{id, from}], "refused": [{id, from, reason}]}; reasons in `language`.
std::string bulk_decision_json(const BulkDecision& bulk, int indent, std::string_view language = "en");

// Reports: report --json (and --compare), GET /api/report; report --team --json, GET /api/report/team.
std::string report_json(const report::Report& report, int indent);
// report --compare: {"periods": [{"period" (as typed), "report"}], "personalization_differs", "verdict"}.
std::string comparison_json(const Comparison& comparison, std::string_view language, int indent);
std::string team_report_json(const TeamReport& team, int indent);

// People: people --json, GET /api/people; the note kept by POST /api/people/{id}/notes; what forget removed (`id`
// absent for a name found only among the recipients of group messages).
std::string people_json(const std::vector<store::PersonView>& people, int indent);
std::string note_json(PersonId person, const std::string& note, int indent);
std::string forget_json(std::optional<PersonId> id, const std::string& name, bool dry_run,
                        const store::ForgetCounts& counts, int indent);

// Imports: import --json and POST /api/import (a snapshot's summary, with the mail's under "mail"; either may be
// absent); fetch --json (the mail's alone); reclassify --json (the labels). And the summaries kept with each
// import in the store (`imports.summary`), not shown by any command.
std::string import_json(const ImportReport* snapshot, const MailImportReport* mail, int indent);
std::string mail_import_json(const MailImportReport& report, int indent);
std::string labels_json(const ClassifySummary& summary, int indent);
// sync --json: one round (app/sync.hpp), with what it stored as import --json says it.
struct SyncReport;
std::string sync_json(const SyncReport& report, int indent);
std::string import_summary_json(const ImportReport& report);
std::string mail_summary_json(const MailImportReport& report);

// The classifier: classify --json; one line of classify --jsonl, appended to `out` (written directly: building a
// JSON object per note cost more than classifying it); eval --json.
std::string classification_json(const classify::Result& result, int indent);
void append_classification_line(std::string& out, std::string_view id_json, const classify::Result& result);
std::string evaluation_json(const classify::Evaluation& evaluation, int indent);

// Messages to write: compose --json; welcome --json (each connection with its message; `recorded` now).
std::string compose_json(const std::string& to, const std::string& note, std::size_t length, std::size_t limit,
                         int indent);
struct WelcomeMessage {
  Welcomed connection;
  bool recorded = false;
  std::string message;
};
std::string welcomes_json(const std::vector<WelcomeMessage>& welcomes, int indent);

// The database and who uses it: status --json (`owner`: the latest import's; `owners`: every account it holds, with
// its imports and, in team mode, its user); policy show --json; db migrate --json (the steps `pending` before, run
// unless `dry_run`); users list --json; GET /api/me.
std::string status_json(const store::Counts& counts, const std::vector<store::Account>& accounts,
                        const std::string& location, int indent);
std::string policy_json(const protocol::Policy& policy, std::int64_t deadline_days, int indent);
std::string migration_json(const std::string& location, const store::SchemaStatus& before, bool dry_run, int indent);
std::string users_json(const std::vector<store::User>& users, int indent);
std::string me_json(const std::string& name, bool admin, bool team, int indent);
// GET /api/version: {"version", "changed", "new": {"invitations", "replies", "messages"}}, what arrived since the
// version the page saw (docs/WEB.md, "Live updates").
std::string live_json(const std::string& version, bool changed, const Arrivals& arrived, int indent);

// The web API's errors: {"error", "status"}.
std::string error_json(const std::string& message, int status);
// A write refused because the invitation changed since the version its caller saw (store::Stale): 409,
// {"error", "status", "code": "stale", "invitation"}, the invitation as it is now.
std::string stale_json(const std::string& message, const InvitationStatus& now, std::string_view language = "");
// The command line's errors under --json, on stderr: {"error"} (the exit status says the kind).
std::string cli_error_json(const std::string& message);

} // namespace motivo::app
