#pragma once

#include <motivo/app/mail.hpp>

#include <string>

namespace motivo::cli {

// What a mail import did, for `import` and `fetch` (cmd_import.cpp).
void print_mail_report(const app::MailImportReport& report, const std::string& source, const std::string& db);

} // namespace motivo::cli
