#pragma once

#include <motivo/app/import.hpp>
#include <motivo/app/mail.hpp>

#include <string>

namespace motivo::cli {

// What a mail import did, for `import` and `fetch` (cmd_import.cpp).
// What an import of an export (or a snapshot of the API) stored, for the terminal.
void print_import_report(const app::ImportReport& report, const std::string& source, const std::string& db);
void print_mail_report(const app::MailImportReport& report, const std::string& source, const std::string& db);

} // namespace motivo::cli
