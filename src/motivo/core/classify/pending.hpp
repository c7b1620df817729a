#pragma once

// What a note read on its own leaves for the end of its batch (batch.cpp): its result, and what a campaign needs of
// it to say what it becomes as a member. Not for use outside core/classify.

#include <motivo/core/classify/classifier.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace motivo::classify {

struct StockText;

// A note read on its own: its result, its spam score, the stock text it contains, and (only when the score could
// make it spam inside a campaign) the rules' decision for a member.
struct Solo {
  Result result;
  std::unique_ptr<Result> as_member;
  const StockText* stock = nullptr;
  int spam = 0;
};

// A Solo read back from bytes, with the sender's and recipient's names (views into those bytes).
struct PendingNote {
  Solo solo;
  std::string_view sender, recipient;
};

// `solo` and the note's names as one record: a few hundred bytes, meant to be read back by the same program (native
// byte order); the stock text is written as its index in `stocks`. pending_size is the record's size, and
// write_pending writes it at `at`, which has that much room (records of a chunk are sized first, then written side by
// side on every core).
std::size_t pending_size(const Solo& solo, std::string_view sender, std::string_view recipient);
void write_pending(char* at, const Solo& solo, std::string_view sender, std::string_view recipient,
                   std::span<const StockText> stocks);
// The first record of `records`, which then starts at the next one; std::runtime_error when it is cut short.
std::string_view next_pending(std::string_view& records);
// A record read back into `p` (`stocks` as given to write_pending). The strings of a `p` used before keep their
// room: reading a batch's records into one PendingNote allocates little.
void read_pending(std::string_view record, std::span<const StockText> stocks, PendingNote& p);

} // namespace motivo::classify
