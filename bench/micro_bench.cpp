// Micro-benchmarks of the import's hot paths, each against a baseline in the same run:
//   - the CSV reader against a naive std::getline/split reader (which cannot handle quoted newlines);
//   - the hand-written US Pacific conversion against ICU's calendar;
//   - name keys for ASCII names (fast path) against names that need ICU.
#include <motivo/core/csv.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/text.hpp>

#include <benchmark/benchmark.h>
#include <unicode/calendar.h>
#include <unicode/timezone.h>

#include <memory>
#include <sstream>
#include <string>

namespace {

std::string sample_csv(int rows)
{
  std::string text = "CONVERSATION ID,FROM,TO,DATE,CONTENT\n";
  for (int i = 0; i < rows; ++i) {
    text += "2-abc" + std::to_string(i % 97) + "==,Ana Gómez,Luis Pérez,2024-01-02 18:04:45 UTC,";
    text += i % 5 == 0 ? "\"Hola Luis, \"\"gracias\"\" por la charla, ¿seguimos el martes?\"\n"
                       : "Hola Luis gracias por la charla seguimos el martes en la oficina de Madrid\n";
  }
  return text;
}

void csv_reader(benchmark::State& state)
{
  const std::string text = sample_csv(20000);
  for (auto _ : state) {
    motivo::MemorySource source(text);
    motivo::csv::Reader reader(source, "bench.csv");
    motivo::csv::Record record;
    std::size_t fields = 0;
    while (reader.next(record)) fields += record.fields.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(csv_reader);

void baseline_getline_split(benchmark::State& state)
{
  const std::string text = sample_csv(20000);
  for (auto _ : state) {
    std::istringstream in(text);
    std::string line, field;
    std::size_t fields = 0;
    while (std::getline(in, line)) {
      std::istringstream cells(line);
      while (std::getline(cells, field, ',')) ++fields;
    }
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(baseline_getline_split);

void pacific_to_utc(benchmark::State& state)
{
  int minute = 0;
  for (auto _ : state) {
    const motivo::datetime::CivilTime t{2024, 3 + minute % 9, 1 + minute % 28, minute % 24, minute % 60, 0};
    benchmark::DoNotOptimize(motivo::datetime::pacific_to_utc(t));
    ++minute;
  }
}
BENCHMARK(pacific_to_utc);

void baseline_icu_calendar(benchmark::State& state)
{
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::createTimeZone("America/Los_Angeles"), status));
  int minute = 0;
  for (auto _ : state) {
    cal->clear();
    cal->set(2024, 2 + minute % 9, 1 + minute % 28, minute % 24, minute % 60, 0);
    benchmark::DoNotOptimize(cal->getTime(status));
    ++minute;
  }
}
BENCHMARK(baseline_icu_calendar);

void name_key_ascii(benchmark::State& state)
{
  for (auto _ : state) benchmark::DoNotOptimize(motivo::text::name_key("  Sarah   Connor "));
}
BENCHMARK(name_key_ascii);

void name_key_icu(benchmark::State& state)
{
  for (auto _ : state) benchmark::DoNotOptimize(motivo::text::name_key("  José   ÁLVAREZ Núñez "));
}
BENCHMARK(name_key_icu);

} // namespace
