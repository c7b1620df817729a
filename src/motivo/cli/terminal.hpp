#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace motivo::cli {

// Stored texts (notes, names, messages) are other people's words: on a terminal they must not move the cursor,
// retitle the window or clear the screen. When standard output is a terminal, everything printed to it goes
// through terminal_safe(); a file or a pipe gets the bytes unchanged. Standard error (errors, warnings, notes, the
// questions of `forget`: all of them may quote a CSV cell, a mail header or a stored name) always goes through it.
void guard_terminal_output();

// Standard error as it was before guard_terminal_output(): only for motivo's own control characters, the carriage
// returns of the progress bar.
std::FILE* raw_stderr();

// `bytes` with every control character but newline and tab (C0, DEL, and C1 written in UTF-8, such as U+009B, a
// one-character CSI) replaced by U+FFFD. `split` carries a 0xC2 lead byte left at the end of one call to the next.
std::string terminal_safe(std::string_view bytes, bool& split);

} // namespace motivo::cli
