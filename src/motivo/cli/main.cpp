// The motivo executable: everything it does lives in the libraries; this file only reports failures.
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

#include <clocale>
#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
  motivo::cli::init_i18n();
  try {
    return motivo::cli::run(argc, argv);
  } catch (const std::exception& e) {
    // InputError and every other failure alike: the message in the user's language where data/errors.tsv knows it.
    fmt::print(stderr, "motivo: error: {}\n",
               motivo::classify::translate_error(e.what(), motivo::cli::user_language()));
    return 1;
  }
}
