#pragma once

#include <motivo/app/classify.hpp>

#include <string>

namespace motivo::cli {

// "notes: 12 empty, 3 default, 5 template, 2 spam, 4 personalized; 1 campaign"
std::string labels_line(const app::ClassifySummary& summary);

} // namespace motivo::cli
