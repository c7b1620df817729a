// libFuzzer target: bytes as each of the export's CSV files (the own CSV reader and the row readers of every
// layout). Bad input may only end in InputError, never a crash, a hang or another exception.
#include <motivo/core/byte_source.hpp>
#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/rows.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

template <typename Rows, typename Row> void read_all(std::string_view bytes)
{
  motivo::MemorySource source(bytes);
  motivo::csv::Limits limits;
  limits.buffer_bytes = 64; // small reads: records cross buffer boundaries everywhere
  limits.max_record_bytes = 1u << 16;
  motivo::csv::Reader reader(source, "fuzz.csv", limits);
  try {
    Rows rows(reader);
    Row row;
    while (rows.next(row)) {
    }
  } catch (const motivo::InputError&) {
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_all<motivo::linkedin::InvitationsReader, motivo::linkedin::InvitationRow>(bytes);
  read_all<motivo::linkedin::ConnectionsReader, motivo::linkedin::ConnectionRow>(bytes);
  read_all<motivo::linkedin::MessagesReader, motivo::linkedin::MessageRow>(bytes);
  return 0;
}
