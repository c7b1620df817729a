// The mail and network module's entry points (mail_net.hpp): a pointer to each function the executable calls,
// under a C name that cli/mail_net.cpp finds with dlsym.
#include <motivo/cli/mail_net.hpp>
#include <motivo/io/mail.hpp>
#include <motivo/server/server.hpp>

extern "C" {
extern const decltype(&motivo::cli::run_fetch) motivo_run_fetch;
extern const decltype(&motivo::cli::run_sync) motivo_run_sync;
extern const decltype(&motivo::io::read_mail) motivo_read_mail;
extern const decltype(&motivo::server::serve) motivo_serve;
}

const decltype(&motivo::cli::run_fetch) motivo_run_fetch = &motivo::cli::run_fetch;
const decltype(&motivo::cli::run_sync) motivo_run_sync = &motivo::cli::run_sync;
const decltype(&motivo::io::read_mail) motivo_read_mail = &motivo::io::read_mail;
const decltype(&motivo::server::serve) motivo_serve = &motivo::server::serve;
