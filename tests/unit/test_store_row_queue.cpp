#include <motivo/store/sqlite/row_queue.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using motivo::InvitationRecord;
using motivo::MessageRecord;
using motivo::store::sqlite::PersonRow;
using motivo::store::sqlite::QueuedRow;
using motivo::store::sqlite::RowQueue;

// Rows arrive in order, on another thread, with their texts intact although the caller's buffer was reused.
TEST(RowQueue, WritesRowsInOrderWithTheirOwnCopiesOfTheTexts)
{
  std::vector<std::string> written;
  std::thread::id writer_thread;
  RowQueue queue([&](const QueuedRow& row) {
    writer_thread = std::this_thread::get_id();
    const auto& m = std::get<MessageRecord>(row);
    written.push_back(std::string(m.content) + "|" + std::string(m.from_name) + "|" +
                      std::to_string(m.subject.data() == nullptr));
  });
  std::string buffer;
  for (int i = 0; i < 20000; ++i) {
    buffer = "message number " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x');
    MessageRecord m;
    m.content = buffer;
    m.from_name = std::string_view(buffer).substr(0, 7);
    queue.push(m);
    buffer.assign(buffer.size(), '#'); // the reader's buffer moves on
  }
  queue.drain();
  ASSERT_EQ(written.size(), 20000u);
  for (int i = 0; i < 20000; ++i) {
    const std::string content = "message number " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x');
    ASSERT_EQ(written[static_cast<std::size_t>(i)], content + "|message|1") << i; // an empty text stays empty
  }
  EXPECT_NE(writer_thread, std::this_thread::get_id());
}

// A row larger than a batch (a 5 MiB note) travels whole.
TEST(RowQueue, CarriesARowLargerThanABatch)
{
  std::string note(5u << 20, 'n');
  std::size_t seen = 0;
  RowQueue queue([&](const QueuedRow& row) { seen += std::get<InvitationRecord>(row).message.size(); });
  InvitationRecord small;
  small.message = "hola";
  queue.push(small);
  InvitationRecord big;
  big.message = note;
  queue.push(big);
  queue.push(small);
  queue.drain();
  EXPECT_EQ(seen, note.size() + 8);
}

// The writer's error reaches the caller at its next push or drain, and nothing after the failing row is written.
TEST(RowQueue, TheWritersErrorReachesTheCaller)
{
  std::atomic<int> written = 0;
  RowQueue queue([&](const QueuedRow& row) {
    if (std::get<PersonRow>(row).id == 1000) throw std::runtime_error("database or disk is full");
    ++written;
  });
  bool thrown = false;
  try {
    for (int i = 0; i < 100000; ++i) queue.push(PersonRow{i, "Ana Pérez", "ana perez", ""});
    queue.drain();
  } catch (const std::runtime_error& e) {
    thrown = true;
    EXPECT_STREQ(e.what(), "database or disk is full");
  }
  EXPECT_TRUE(thrown);
  EXPECT_EQ(written.load(), 1000);
  EXPECT_THROW(queue.drain(), std::runtime_error); // and stays failed
}

// Destroyed with rows still waiting (the caller failed): the writer stops without writing them all.
TEST(RowQueue, StopsWhenDestroyedWithRowsWaiting)
{
  std::atomic<int> written = 0;
  {
    RowQueue queue([&](const QueuedRow&) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      ++written;
    });
    const std::string name(1000, 'a'); // about 260 rows a batch
    for (int i = 0; i < 3000; ++i) queue.push(PersonRow{i, name, "ana", ""});
  }
  EXPECT_LT(written.load(), 3000);
}
