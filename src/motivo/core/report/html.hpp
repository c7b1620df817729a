#pragma once

#include <motivo/core/report/report.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motivo::report {

// The report as one self-contained HTML page, in Spanish or English: inline CSS and inline SVG charts (no script,
// nothing loaded from the network, so it can be mailed or opened offline) — invitations per week or month stacked
// by label, the personalisation rate over time with its 95 % band, the funnel received → not personalised →
// asked → replied → accepted, your invitations' acceptance with and without a note with intervals — each with
// the table behind it. `generated` is printed as the time of writing (the caller's clock).
std::string render_html(const Report& report, std::string_view language, std::string_view generated);

// Periods side by side (report --compare) as one self-contained page: the figures in a column per period (each
// period's series under it, when it has one), each period's sentence, and `verdict`, the comparison's conclusion.
std::string render_comparison_html(const std::vector<std::pair<std::string, Report>>& periods, std::string_view verdict,
                                   std::string_view language, std::string_view generated);

} // namespace motivo::report
