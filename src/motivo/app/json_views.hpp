#pragma once

#include <motivo/app/protocol.hpp>
#include <motivo/core/report/report.hpp>
#include <motivo/store/store.hpp>

#include <string>
#include <vector>

namespace motivo::app {

// The JSON shapes the command line's --json and the web app's API share (the contracts of issues 2–6), as text:
// `indent` -1 for one line, else pretty-printed with that many spaces.
std::string invitations_json(const std::vector<InvitationStatus>& list, int indent);
std::string invitation_json(const InvitationStatus& status, int indent);
std::string report_json(const report::Report& report, int indent);
std::string reports_json(const std::vector<report::Report>& reports, int indent);
std::string people_json(const std::vector<store::PersonView>& people, int indent);

} // namespace motivo::app
