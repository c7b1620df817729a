#pragma once

#include <motivo/core/report/report.hpp>

#include <string>
#include <string_view>

namespace motivo::report {

// The report as one self-contained HTML page, in Spanish or English: inline CSS and inline SVG charts (no script,
// nothing loaded from the network, so it can be mailed or opened offline) — invitations per week or month stacked
// by label, the personalisation rate over time with its 95 % band, the funnel received → not personalised →
// asked → replied → accepted, your invitations' acceptance with and without a note with intervals — each with
// the table behind it. `generated` is printed as the time of writing (the caller's clock).
std::string render_html(const Report& report, std::string_view language, std::string_view generated);

} // namespace motivo::report
