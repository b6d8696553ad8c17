// A real Engine over a real SQLite file in a temp dir, the shipped workflows
// and a ManualClock, plus small drivers that read like the story they tell.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "sowflow/engine/engine.hpp"

namespace sowflow::test {

using namespace sowflow::engine;

inline Instant at(const char* rfc3339) {
  auto parsed = parseInstant(rfc3339);
  REQUIRE(parsed.has_value());
  return *parsed;
}

inline std::filesystem::path freshTempDir(const std::string& tag) {
  static std::mt19937_64 random{std::random_device{}()};
  auto dir = std::filesystem::temp_directory_path() /
             ("sowflow-" + tag + "-" + std::to_string(random()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::shared_ptr<Catalog> shippedCatalog() {
  std::vector<Diagnostic> diagnostics;
  auto catalog = Catalog::loadDirectory(SOWFLOW_SOURCE_DIR "/workflows", &diagnostics);
  for (const auto& d : diagnostics) UNSCOPED_INFO(d.toString());
  REQUIRE(catalog.ok());
  return std::make_shared<Catalog>(std::move(catalog.value()));
}

struct EngineFixture {
  std::filesystem::path dir = freshTempDir("engine");
  std::string url = "sqlite:" + (dir / "journal.db").string();
  ManualClock clock{at("2025-01-20T09:00:00+08:00")};
  std::shared_ptr<Catalog> catalog = shippedCatalog();
  std::shared_ptr<Store> store = openStoreOrFail(url);
  std::unique_ptr<Engine> engine = openEngine();

  ~EngineFixture() {
    engine.reset();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  static std::shared_ptr<Store> openStoreOrFail(const std::string& url) {
    auto opened = openStore(url);
    REQUIRE(opened.ok());
    return std::shared_ptr<Store>(std::move(opened.value()));
  }

  std::unique_ptr<Engine> openEngine() {
    auto e = std::make_unique<Engine>(store, catalog, clock);
    REQUIRE(e->open().ok());
    return e;
  }

  std::string create(const std::string& workflow, const std::string& edition) {
    CreateEngagement c{workflow, edition, "Demo " + workflow, "Acme Ltd", "Cloud Provider",
                       {{"provider", {"Pat Provider", "pat@provider.example"}},
                        {"customer", {"Chen Customer", "chen@acme.example"}}},
                       *parseDate("2025-01-20")};
    auto created = engine->create(c, "owner:test");
    if (!created) FAIL(created.error().message);
    return created->engagement().id;
  }

  CommandResult run(const std::string& id, const Command& command) {
    auto result = engine->execute(id, command, "owner:test");
    if (!result) FAIL(std::string(commandName(command)) + ": " + result.error().message);
    return std::move(result.value());
  }

  Error refused(const std::string& id, const Command& command) {
    auto result = engine->execute(id, command, "owner:test");
    REQUIRE_FALSE(result.ok());
    return result.error();
  }

  // start, fill every deliverable slot of this edition, submit.
  int submit(const std::string& id, const std::string& milestone) {
    const auto engagement = *engine->find(id);
    const auto* progress = engagement.findMilestone(milestone);
    REQUIRE(progress != nullptr);
    if (progress->state != MilestoneState::in_progress) run(id, StartMilestone{milestone});
    for (const auto& d : engagement.workflow->findMilestone(milestone)->deliverables) {
      if (!inEdition(d.editions, engagement.edition)) continue;
      run(id, UploadDeliverable{milestone, d.id, d.id + ".docx", "application/octet-stream",
                                "content of " + d.id + " " + std::to_string(clock.now().time_since_epoch().count())});
    }
    auto result = run(id, SubmitMilestone{milestone, {"chen@acme.example"}});
    return result.engagement().findMilestone(milestone)->version();
  }

  DecideMilestone decision(const std::string& id, const std::string& milestone, bool accept) {
    const auto engagement = *engine->find(id);
    DecideMilestone d;
    d.kind = accept ? DecideMilestone::Kind::accept : DecideMilestone::Kind::object;
    d.record.milestone = milestone;
    d.record.version = engagement.findMilestone(milestone)->version();
    d.record.recipient = "chen@acme.example";
    d.record.ip = "192.0.2.7";
    d.record.userAgent = "test-agent";
    for (const auto& f : engagement.findMilestone(milestone)->current()->files) {
      d.record.sha256Shown.push_back(f.sha256);
    }
    if (!accept) d.record.comment = "Please add the failure mode library.";
    return d;
  }

  void accept(const std::string& id, const std::string& milestone) {
    run(id, decision(id, milestone, true));
  }

  // Every milestone of the edition, in workflow order: submitted and accepted.
  void driveToCompletion(const std::string& id) {
    const auto engagement = *engine->find(id);
    for (const auto& m : engagement.milestones) {
      submit(id, m.id);
      clock.advance(std::chrono::hours{1});
      accept(id, m.id);
      clock.advance(std::chrono::hours{1});
    }
  }

  std::vector<StoredEvent> journal(const std::string& id) const { return store->load(id); }
};

// Prints the engagement's journal compactly when a test fails (STYLE §8).
inline std::string compactJournal(const std::vector<StoredEvent>& events) {
  std::string out;
  for (const auto& e : events) {
    out += std::to_string(e.seq) + " " + e.type + " @" + formatInstantUtc(e.effectiveAt) + " " +
           e.payload.substr(0, 120) + "\n";
  }
  return out;
}

}  // namespace sowflow::test
