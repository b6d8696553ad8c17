// Rebuild from a SQLite journal (SPEC target: 10,000 engagements of 20 events
// each in under 1 second): a fresh Engine's open() replays every stored
// event (hash check, payload decode, apply) into its projections.
//   rebuild_bench [ENGAGEMENTS=10000] [EVENTS_EACH=20] [DIR=/tmp]
// Setup drives real engagements (chaos-drill premium, every milestone
// accepted) through an engine on the memory store, keeps the first
// EVENTS_EACH events of each chain (a prefix of a chain is a valid chain) and
// writes them into DIR/sowflow-rebuild.db with group commits. Then open() is
// timed on a second Engine over that file; it runs three times and prints
// each, since the machine is shared and noisy.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>

#include "bench_support.hpp"
#include "sowflow/engine/engine.hpp"

using namespace sowflow::engine;
using Seconds = std::chrono::duration<double>;

namespace {

void check(const Result<CommandResult>& result) {
  if (!result) throw std::runtime_error(result.error().message);
}

// Chains of real events, in memory: create, activate, then every milestone
// started, its deliverables uploaded, submitted and accepted.
std::shared_ptr<Store> drive(int count, const std::shared_ptr<const Catalog>& catalog, const Clock& clock) {
  std::shared_ptr<Store> store(std::move(openStore("memory:").value()));
  Engine engine(store, catalog, clock);
  if (!engine.open()) throw std::runtime_error("open failed");
  for (int i = 0; i < count; ++i) {
    auto created = engine.create({"chaos-drill", "premium", "Rebuild " + std::to_string(i), "Customer", "Provider",
                                  {{"provider", {"P", "p@p.example"}}, {"customer", {"C", "c@c.example"}}},
                                  *parseDate("2025-03-03")},
                                 "owner:bench");
    check(created);
    const std::string id = created->engagement().id;
    check(engine.execute(id, ActivateEngagement{}, "owner:bench"));
    const auto& e = created->engagement();
    for (const auto& m : e.milestones) {
      check(engine.execute(id, StartMilestone{m.id}, "owner:bench"));
      for (const auto& d : e.workflow->findMilestone(m.id)->deliverables) {
        if (!inEdition(d.editions, e.edition)) continue;
        check(engine.execute(id, UploadDeliverable{m.id, d.id, d.id + ".docx", "application/octet-stream",
                                                   "bytes of " + d.id + std::to_string(i)},
                             "owner:bench"));
      }
      check(engine.execute(id, SubmitMilestone{m.id, {"c@c.example"}}, "owner:bench"));
      check(engine.execute(id,
                           DecideMilestone{DecideMilestone::Kind::accept,
                                           {m.id, 1, "c@c.example", "127.0.0.1", "bench", {}, "ok"}},
                           "recipient:c@c.example"));
    }
  }
  return store;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 10000;
  const std::int64_t eventsEach = argc > 2 ? std::stoll(argv[2]) : 20;
  const std::filesystem::path dir = argc > 3 ? argv[3] : "/tmp";
  const auto file = dir / "sowflow-rebuild.db";
  const auto removeFiles = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  };
  removeFiles();
  try {
    const auto catalog = sowflow::bench::loadCatalog();
    ManualClock clock(*parseInstant("2025-03-03T09:00:00+08:00"));
    const auto setupStart = std::chrono::steady_clock::now();
    const auto memory = drive(count, catalog, clock);

    auto sqlite = openStore("sqlite:" + file.string());
    if (!sqlite) throw std::runtime_error(sqlite.error().message);
    std::size_t stored = 0;
    std::int64_t shortest = -1;
    std::vector<AppendBatch> batches;
    const auto flush = [&] {
      if (auto ok = (*sqlite)->appendMany(batches); !ok) throw std::runtime_error(ok.error().message);
      batches.clear();
    };
    for (const auto& id : memory->engagementIds()) {
      auto events = memory->load(id);
      if (static_cast<std::int64_t>(events.size()) > eventsEach) events.resize(static_cast<std::size_t>(eventsEach));
      const auto size = static_cast<std::int64_t>(events.size());
      shortest = shortest < 0 ? size : std::min(shortest, size);
      stored += events.size();
      batches.push_back(AppendBatch{id, 0, std::move(events)});
      if (batches.size() == 1000) flush();
    }
    flush();
    sqlite->reset();
    std::cout << "setup: " << count << " engagements, " << stored << " events (at most " << eventsEach
              << " each, shortest " << shortest << ") in "
              << Seconds(std::chrono::steady_clock::now() - setupStart).count() << " s -> " << file << "\n";

    for (int run = 1; run <= 3; ++run) {
      auto store = openStore("sqlite:" + file.string());
      if (!store) throw std::runtime_error(store.error().message);
      Engine engine(std::shared_ptr<Store>(std::move(*store)), catalog, clock);
      const auto start = std::chrono::steady_clock::now();
      if (auto opened = engine.open(); !opened) throw std::runtime_error(opened.error().message);
      const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();
      std::cout << "run " << run << ": open() rebuilt " << engine.list().size() << " engagements from "
                << stored << " events in " << seconds << " s = " << static_cast<long>(stored / seconds)
                << " events/s\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "rebuild_bench: " << e.what() << "\n";
    removeFiles();
    return 1;
  }
  removeFiles();
  return 0;
}
