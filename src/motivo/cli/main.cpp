// The motivo executable: everything it does lives in the libraries; this file only reports failures.
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
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
  } catch (const motivo::InputError& e) {
    fmt::print(stderr, "motivo: error: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "motivo: error: {}\n", e.what());
    return 1;
  }
}
