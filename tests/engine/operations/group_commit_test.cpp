// endDueWindows' group commit: many overdue windows end in one call, each
// exactly once and effective at its own deadline, and a fresh engine
// replaying the journal agrees with the one that ended them.
#include <map>

#include "engine_fixture.hpp"

using namespace sowflow::test;

TEST_CASE("200 overdue windows across 200 engagements end in one call, each once at its deadline",
          "[engine][operations][window]") {
  EngineFixture f;
  constexpr int kEngagements = 200;
  std::map<std::string, Instant> deadlines;  // engagement -> its window's deadline
  std::string milestone;
  for (int i = 0; i < kEngagements; ++i) {
    const auto id = f.create("chaos-drill", "premium");
    f.run(id, ActivateEngagement{});
    milestone = f.engine->find(id)->milestones.front().id;
    f.submit(id, milestone);
    deadlines[id] = f.engine->find(id)->findMilestone(milestone)->current()->deadline;
    f.clock.advance(std::chrono::hours{7});  // spread the deadlines over many days
  }
  REQUIRE(f.engine->openWindows().size() == kEngagements);
  std::size_t notified = 0;
  f.engine->subscribe([&](const Engagement&, const std::vector<StoredEvent>&) { ++notified; });

  f.clock.set(at("2026-01-01T00:00:00+08:00"));
  CHECK(f.engine->endDueWindows(f.clock.now()) == kEngagements);
  CHECK(f.engine->openWindows().empty());
  CHECK(notified == kEngagements);
  CHECK(f.engine->endDueWindows(f.clock.now()) == 0);

  for (const auto& [id, deadline] : deadlines) {
    CAPTURE(id);
    const auto events = f.journal(id);
    INFO(compactJournal(events));
    CHECK(std::count_if(events.begin(), events.end(), [](const StoredEvent& e) {
            return e.type == "MilestoneDeemedAccepted";
          }) == 1);
    const auto deemed = std::find_if(events.begin(), events.end(), [](const StoredEvent& e) {
      return e.type == "MilestoneDeemedAccepted";
    });
    REQUIRE(deemed != events.end());
    CHECK(deemed->effectiveAt == deadline);
    CHECK(deemed->actor == "system:deadline");
    CHECK_FALSE(verifyChain(events).has_value());
    const auto live = *f.engine->find(id);
    const auto* progress = live.findMilestone(milestone);
    CHECK(progress->state == MilestoneState::deemed_accepted);
    REQUIRE(progress->current()->decision);
    CHECK(progress->current()->decision->at == deadline);
  }

  Engine replayed(f.store, f.catalog, f.clock);
  REQUIRE(replayed.open().ok());
  CHECK(replayed.openWindows().empty());
  for (const auto& [id, deadline] : deadlines) {
    CAPTURE(id);
    const auto live = *f.engine->find(id);
    const auto again = replayed.find(id);
    REQUIRE(again);
    CHECK(again->lastSeq == live.lastSeq);
    CHECK(again->headHash == live.headHash);
    CHECK(again->state == live.state);
    CHECK(again->stage == live.stage);
    REQUIRE(again->milestones.size() == live.milestones.size());
    for (std::size_t i = 0; i < live.milestones.size(); ++i) {
      CHECK(again->milestones[i].state == live.milestones[i].state);
    }
    CHECK(again->findMilestone(milestone)->current()->decision->at == deadline);
  }
}
