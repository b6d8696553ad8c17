// Durable accept decisions from many threads at once, in process (no HTTP):
// what the engine and the SQLite store sustain when 64 request threads each
// accept a distinct submission, and the group commit that makes it possible.
// In the same run, a bare single-row commit loop on the same disk (WAL,
// synchronous=FULL) gives the floor one-fsync-per-decision would have.
//   decisions_bench [DECISIONS=20000] [THREADS=64] [MEASURE_DIR=/var/tmp]
// The store is filled on /dev/shm (no fsync cost), then copied to
// MEASURE_DIR, where the timed part runs on the real disk.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "sowflow/engine/engine.hpp"

using namespace sowflow::engine;
using WallClock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

namespace {

const std::string kMilestone = "capability-status-survey";

void require(const Result<CommandResult>& result) {
  if (!result) throw std::runtime_error(result.error().message);
}

// `count` engagements, each with its first milestone submitted and waiting;
// filled from a few threads so the group commit shares the (free) fsyncs.
std::vector<std::string> fill(Engine& engine, int count) {
  std::vector<std::string> ids(static_cast<std::size_t>(count));
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < count; i = next++) {
        auto created = engine.create({"chaos-drill", "premium", "E" + std::to_string(i), "C", "P",
                                      {{"provider", {"P", "p@p.example"}}, {"customer", {"C", "c@c.example"}}},
                                      *parseDate("2026-09-21")},
                                     "bench");
        require(created);
        const std::string id = created->engagement().id;
        require(engine.execute(id, ActivateEngagement{}, "bench"));
        require(engine.execute(id, StartMilestone{kMilestone}, "bench"));
        require(engine.execute(id, UploadDeliverable{kMilestone, "survey-form", "s.xlsx",
                                                      "application/octet-stream", "bytes " + id, false},
                               "bench"));
        require(engine.execute(id, SubmitMilestone{kMilestone, {"c@c.example"}}, "bench"));
        ids[static_cast<std::size_t>(i)] = id;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return ids;
}

double percentile(std::vector<double>& sorted, double p) {
  return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 20000;
  const int threads = argc > 2 ? std::stoi(argv[2]) : 64;
  const std::filesystem::path measureDir = argc > 3 ? argv[3] : "/var/tmp";
  const auto shm = std::filesystem::path("/dev/shm") / "sowflow-decisions-bench.db";
  const auto disk = measureDir / "sowflow-decisions-bench.db";
  const auto removeFiles = [](const std::filesystem::path& base) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(base.string() + suffix);
  };
  try {
    removeFiles(shm);
    removeFiles(disk);
    const auto catalog = sowflow::bench::loadCatalog();
    ManualClock clock(*parseInstant("2026-09-29T10:00:00+08:00"));
    std::vector<std::string> ids;
    {
      auto store = openStore("sqlite:" + shm.string());
      if (!store) throw std::runtime_error(store.error().message);
      Engine engine(std::shared_ptr<Store>(std::move(*store)), catalog, clock);
      if (!engine.open()) throw std::runtime_error("open failed");
      const auto start = WallClock::now();
      ids = fill(engine, count);
      std::printf("setup: %d engagements with a submission waiting, in %.1f s (/dev/shm)\n", count,
                  Seconds(WallClock::now() - start).count());
    }
    std::filesystem::copy_file(shm, disk);
    removeFiles(shm);

    auto store = openStore("sqlite:" + disk.string());
    if (!store) throw std::runtime_error(store.error().message);
    Engine engine(std::shared_ptr<Store>(std::move(*store)), catalog, clock);
    if (!engine.open()) throw std::runtime_error("open failed");
    std::vector<double> latencies(ids.size());
    std::atomic<std::size_t> next{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    const auto start = WallClock::now();
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (std::size_t i = next++; i < ids.size(); i = next++) {
          const auto begun = WallClock::now();
          DecideMilestone accept{DecideMilestone::Kind::accept,
                                 {kMilestone, 1, "c@c.example", "127.0.0.1", "bench", {}, ""}};
          auto result = engine.execute(ids[i], accept, "customer:c@c.example");
          if (!result || result->events.empty()) ++failures;
          latencies[i] = Seconds(WallClock::now() - begun).count() * 1e3;
        }
      });
    }
    for (auto& worker : workers) worker.join();
    const double seconds = Seconds(WallClock::now() - start).count();
    std::sort(latencies.begin(), latencies.end());
    const double bare = sowflow::bench::bareCommitsPerSecond(measureDir / "sowflow-decisions-bare.db", 2000);
    removeFiles(disk);
    const double rate = static_cast<double>(ids.size()) / seconds;
    std::printf("durable accept decisions, %d threads (%s): %zu in %.2f s = %.0f decisions/s, "
                "p50 %.2f ms, p99 %.2f ms, failures %d\n",
                threads, measureDir.c_str(), ids.size(), seconds, rate, percentile(latencies, 0.5),
                percentile(latencies, 0.99), failures.load());
    std::printf("bare sqlite single-row commit loop, same disk: %.0f commits/s; ratio %.2f\n", bare,
                rate / bare);
    return failures == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "decisions_bench: %s\n", e.what());
    return 1;
  }
}
