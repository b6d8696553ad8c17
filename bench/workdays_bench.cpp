// Working-day arithmetic throughput on the shipped cn-mainland calendar
// (SPEC §5; target >= 50 million addWorkingDays per second on one core).
// Prints ops/s for addWorkingDays, countWorkingDays and windowDeadline over
// pre-generated random inputs (fixed seed) spanning published and unpublished
// years. Usage: workdays_bench [seconds-per-figure, default 1]
// Both wall-clock and this thread's CPU-time rates are printed: on a shared
// machine the CPU-time figure is the one that says what one core can do.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "sowflow/engine/definition_loader.hpp"

namespace {

using namespace sowflow::engine;
using BenchClock = std::chrono::steady_clock;

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

template <class Body>
void measure(const char* name, double seconds, Body body) {
  std::uint64_t ops = 0;
  std::uint64_t sink = 0;
  const double cpuStart = threadCpuSeconds();
  const auto start = BenchClock::now();
  auto now = start;
  do {
    for (int batch = 0; batch < 64; ++batch) sink += body(ops++);
    now = BenchClock::now();
  } while (std::chrono::duration<double>(now - start).count() < seconds);
  const double elapsed = std::chrono::duration<double>(now - start).count();
  const double cpu = threadCpuSeconds() - cpuStart;
  const double count = static_cast<double>(ops);
  std::printf("%-31s %8.2f M ops/s CPU (%6.1f ns/op)  %8.2f M ops/s wall  [%llu ops, %llu]\n",
              name, count / cpu / 1e6, cpu * 1e9 / count, count / elapsed / 1e6,
              static_cast<unsigned long long>(ops), static_cast<unsigned long long>(sink));
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  const auto file = std::filesystem::path(SOWFLOW_SOURCE_DIR) / "workflows/calendars/cn-mainland.xml";
  const auto loaded = loadDefinitionFile(file);
  if (!loaded.calendar) {
    for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.toString().c_str());
    return 1;
  }
  const auto& calendar = *loaded.calendar;

  constexpr std::size_t kInputs = 1 << 16;  // a power of two: index with a mask
  std::mt19937 random(20250124);
  const int lo = Date{date::year{2023} / 1 / 1}.time_since_epoch().count();
  const int hi = Date{date::year{2027} / 12 / 31}.time_since_epoch().count();
  std::uniform_int_distribution<int> pickDay(lo, hi);
  std::uniform_int_distribution<int> pickN(1, 366);
  std::uniform_int_distribution<int> pickSecond(0, 86399);
  std::vector<Date> days(kInputs);
  std::vector<int> ns(kInputs);
  std::vector<Instant> instants(kInputs);
  for (std::size_t i = 0; i < kInputs; ++i) {
    days[i] = Date{date::days{pickDay(random)}};
    ns[i] = pickN(random);
    instants[i] = Instant{days[i]} + std::chrono::seconds{pickSecond(random)};
  }
  const auto mask = kInputs - 1;

  std::printf("calendar %s (%s), %zu random inputs in 2023..2027, N in 1..366\n",
              calendar.id().c_str(), calendar.revision().c_str(), kInputs);
  measure("baseline (read inputs only)", seconds, [&](std::uint64_t i) {
    return static_cast<std::uint64_t>(days[i & mask].time_since_epoch().count() + ns[i & mask]);
  });
  measure("addWorkingDays", seconds, [&](std::uint64_t i) {
    const auto answer = calendar.addWorkingDays(days[i & mask], ns[i & mask]);
    return static_cast<std::uint64_t>(answer->date.time_since_epoch().count()) + answer->provisional;
  });
  measure("countWorkingDays", seconds, [&](std::uint64_t i) {
    return static_cast<std::uint64_t>(calendar.countWorkingDays(days[i & mask], days[(i + 1) & mask]));
  });
  measure("windowDeadline", seconds, [&](std::uint64_t i) {
    const auto deadline = calendar.windowDeadline(instants[i & mask], ns[i & mask]);
    return static_cast<std::uint64_t>(deadline->at.time_since_epoch().count());
  });
  measure("windowDeadline + formatInstant", seconds, [&](std::uint64_t i) {
    const auto deadline = calendar.windowDeadline(instants[i & mask], ns[i & mask]);
    return static_cast<std::uint64_t>(calendar.formatInstant(deadline->at).size());
  });
  return 0;
}
