// Start-up catch-up: N overdue acceptance windows (default 100,000) are
// created in a SQLite store, then a fresh Engine times open() (replay) and
// endDueWindows() (one durable deemed-acceptance append per window), as the
// server does at start-up after downtime. Also prints a bare SQLite
// single-row commit loop (WAL, synchronous=FULL) on the same disk, the floor
// under any durable append.
//   catchup_bench [N] [SETUP_DIR] [MEASURE_DIR]
// SETUP_DIR (default /dev/shm) holds the store while it is filled, so setup
// does not pay for N fsyncs; it is then copied to MEASURE_DIR (default /tmp)
// where the timed part runs on the real disk.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "bench_support.hpp"
#include "sowflow/engine/engine.hpp"

using namespace sowflow;
using Seconds = std::chrono::duration<double>;

namespace {

void fill(const std::string& url, int count) {
  auto store = engine::openStore(url);
  if (!store) throw std::runtime_error(store.error().message);
  engine::ManualClock clock(*engine::parseInstant("2026-09-29T10:00:00+08:00"));
  engine::Engine engine(std::shared_ptr<engine::Store>(std::move(*store)), bench::loadCatalog(), clock);
  if (!engine.open()) throw std::runtime_error("open failed");
  const std::string m = "capability-status-survey";
  for (int i = 0; i < count; ++i) {
    engine::CreateEngagement create{"chaos-drill", "premium", "E" + std::to_string(i), "C", "P",
                                    {{"provider", {"P", "p@p.example"}}, {"customer", {"C", "c@c.example"}}},
                                    *engine::parseDate("2026-09-21")};
    auto created = engine.create(create, "bench");
    if (!created) throw std::runtime_error(created.error().message);
    const auto id = created->engagement().id;
    for (const engine::Command& command :
         {engine::Command{engine::ActivateEngagement{}}, engine::Command{engine::StartMilestone{m}},
          engine::Command{engine::UploadDeliverable{m, "survey-form", "s.xlsx", "application/octet-stream",
                                                    "bytes " + std::to_string(i), false}},
          engine::Command{engine::SubmitMilestone{m, {"c@c.example"}}}}) {
      auto result = engine.execute(id, command, "bench");
      if (!result) throw std::runtime_error(result.error().message);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 100000;
  const std::filesystem::path setupDir = argc > 2 ? argv[2] : "/dev/shm";
  const std::filesystem::path measureDir = argc > 3 ? argv[3] : "/tmp";
  const auto setupFile = setupDir / "sowflow-catchup-setup.db";
  const auto measureFile = measureDir / "sowflow-catchup.db";
  for (const auto& f : {setupFile, measureFile}) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(f.string() + suffix);
  }
  try {
    const double bare = bench::bareCommitsPerSecond(measureDir / "sowflow-commit-loop.db", 2000);
    std::cout << "sqlite single-row commit loop (" << measureDir.string() << "): 2000 commits, "
              << bare << " commits/s, " << 1e6 / bare << " us each\n";
    const auto setupStart = std::chrono::steady_clock::now();
    fill("sqlite:" + setupFile.string(), count);
    std::cout << "setup: " << count << " submitted windows in "
              << Seconds(std::chrono::steady_clock::now() - setupStart).count() << " s (" << setupDir << ")\n";
    for (const char* suffix : {"", "-wal"}) {
      if (std::filesystem::exists(setupFile.string() + suffix)) {
        std::filesystem::copy_file(setupFile.string() + suffix, measureFile.string() + suffix);
      }
    }
    // The server restarts after every deadline passed.
    engine::ManualClock clock(*engine::parseInstant("2026-11-01T00:00:00+08:00"));
    auto store = engine::openStore("sqlite:" + measureFile.string());
    if (!store) throw std::runtime_error(store.error().message);
    engine::Engine engine(std::shared_ptr<engine::Store>(std::move(*store)), bench::loadCatalog(), clock);
    const auto openStart = std::chrono::steady_clock::now();
    if (!engine.open()) throw std::runtime_error("open failed");
    const double openSeconds = Seconds(std::chrono::steady_clock::now() - openStart).count();
    const auto catchStart = std::chrono::steady_clock::now();
    const auto ended = engine.endDueWindows(clock.now());
    const double catchSeconds = Seconds(std::chrono::steady_clock::now() - catchStart).count();
    std::cout << "open() replay of " << count << " engagements: " << openSeconds << " s\n"
              << "endDueWindows: " << ended << " windows ended in " << catchSeconds << " s = "
              << ended / catchSeconds << " windows/s (" << measureDir << ")\n"
              << "start-up catch-up total: " << openSeconds + catchSeconds << " s\n";
  } catch (const std::exception& e) {
    std::cerr << "catchup_bench: " << e.what() << "\n";
    return 1;
  }
  for (const auto& f : {setupFile, measureFile}) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(f.string() + suffix);
  }
  return 0;
}
