// Whole engagements driven to completion in the engine, in memory (issue 2):
// every milestone started, its deliverables uploaded, submitted and accepted.
// Prints engagements/s and the heap held per open (active, mid-way) engagement.
// Usage: engine_bench [engagements=20000]
#include <malloc.h>

#include <chrono>
#include <iostream>

#include "sowflow/engine/engine.hpp"

using namespace sowflow::engine;

namespace {

struct Driver {
  Engine& engine;
  std::string id;
  void run(const Command& c) {
    if (auto r = engine.execute(id, c, "owner:bench"); !r) throw std::runtime_error(r.error().message);
  }
};

std::string createActive(Engine& engine) {
  std::string id;
  {  // a result still held when the next command runs makes the engine copy the projection
    auto created = engine.create({"chaos-drill", "premium", "Bench engagement", "Customer", "Provider",
                                  {{"provider", {"P", "p@p.example"}}, {"customer", {"C", "c@c.example"}}},
                                  *parseDate("2025-03-03")},
                                 "owner:bench");
    if (!created) throw std::runtime_error(created.error().message);
    id = created->engagement().id;
  }
  Driver{engine, id}.run(ActivateEngagement{});
  return id;
}

// What the driver needs of an engagement, read once from a snapshot that is
// dropped before commands run (see CommandResult).
struct Plan {
  WorkflowPtr workflow;
  std::string edition;
  std::vector<std::string> milestones;
};

Plan planOf(const Engine& engine, const std::string& id) {
  const auto e = engine.snapshot(id);
  Plan plan{e->workflow, e->edition, {}};
  for (const auto& m : e->milestones) plan.milestones.push_back(m.id);
  return plan;
}

void driveMilestone(Engine& engine, const std::string& id, const std::string& milestone, const Plan& plan,
                    bool accept) {
  Driver d{engine, id};
  d.run(StartMilestone{milestone});
  for (const auto& del : plan.workflow->findMilestone(milestone)->deliverables) {
    if (inEdition(del.editions, plan.edition)) {
      d.run(UploadDeliverable{milestone, del.id, del.id + ".docx", "application/octet-stream", "bytes of " + del.id});
    }
  }
  d.run(SubmitMilestone{milestone, {"c@c.example"}});
  if (!accept) return;
  DecideMilestone decision{DecideMilestone::Kind::accept, {milestone, 1, "c@c.example", "127.0.0.1", "bench", {}, ""}};
  d.run(decision);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  std::vector<Diagnostic> diagnostics;
  auto catalog = Catalog::loadDirectory(SOWFLOW_SOURCE_DIR "/workflows", &diagnostics);
  if (!catalog) {
    for (const auto& d : diagnostics) std::cerr << d.toString() << "\n";
    return 1;
  }
  auto sharedCatalog = std::make_shared<Catalog>(std::move(catalog.value()));
  ManualClock clock(*parseInstant("2025-03-03T09:00:00+08:00"));

  {
    Engine engine(std::shared_ptr<Store>(std::move(openStore("memory:").value())), sharedCatalog, clock);
    (void)engine.open();
    std::size_t commands = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
      const auto id = createActive(engine);
      const auto plan = planOf(engine, id);
      for (const auto& m : plan.milestones) driveMilestone(engine, id, m, plan, true);
      if (engine.snapshot(id)->state != EngagementState::completed) throw std::runtime_error("not completed");
      commands += 2 + plan.milestones.size() * 4;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "engagements driven to completion (chaos-drill premium, memory store): " << n << " in "
              << seconds << " s = " << static_cast<long>(n / seconds) << " engagements/s ("
              << static_cast<long>(commands / seconds) << " commands/s)\n";
  }
  {
    const auto before = mallinfo2().uordblks;
    Engine engine(std::shared_ptr<Store>(std::move(openStore("memory:").value())), sharedCatalog, clock);
    (void)engine.open();
    const auto afterEmpty = mallinfo2().uordblks;
    for (int i = 0; i < n; ++i) {  // open: active, first milestone submitted and waiting
      const auto id = createActive(engine);
      const auto plan = planOf(engine, id);
      driveMilestone(engine, id, plan.milestones.front(), plan, false);
    }
    const auto after = mallinfo2().uordblks;
    (void)before;
    std::cout << "heap per open engagement, projection + window index (engine only): ";
    // The memory store keeps every event too; report both so the engine's own share is visible.
    // The journal's share is measured, not estimated from StoredEvent sizes (the memory store
    // keeps events compactly, so an estimate would overstate it): the same events appended
    // to a second memory store, heap before and after.
    const auto ids = engine.store().engagementIds();
    const auto beforeJournal = mallinfo2().uordblks;
    auto journalCopy = std::move(openStore("memory:").value());
    for (const auto& id : ids) {
      if (auto copied = journalCopy->append(id, 0, engine.store().load(id)); !copied) {
        throw std::runtime_error(copied.error().message);
      }
    }
    const std::size_t journalBytes = mallinfo2().uordblks - beforeJournal;
    const double total = static_cast<double>(after - afterEmpty) / n;
    const double journal = static_cast<double>(journalBytes) / n;
    std::cout << static_cast<long>(total - journal) << " bytes (total with in-memory journal: "
              << static_cast<long>(total) << " bytes)\n";
  }
  return 0;
}
