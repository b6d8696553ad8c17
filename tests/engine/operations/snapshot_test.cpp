// Snapshots: a CommandResult and Engine::snapshot() share the engine's
// projection instead of copying it, so the engine must copy before changing
// a projection someone still holds (copy-on-write). These tests hold
// snapshots across later commands and check they never change.
#include "engine_fixture.hpp"

using namespace sowflow::test;

TEST_CASE("a command's result keeps the state it reported while later commands change the engagement",
          "[engine][operations][snapshot]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  const auto activated = f.run(id, ActivateEngagement{});
  const auto held = f.engine->snapshot(id);
  REQUIRE(held != nullptr);
  const auto milestone = activated.engagement().milestones.front().id;

  f.run(id, StartMilestone{milestone});

  CHECK(activated.engagement().state == EngagementState::active);
  CHECK(activated.engagement().findMilestone(milestone)->state == MilestoneState::planned);
  CHECK(held->findMilestone(milestone)->state == MilestoneState::planned);
  CHECK(held->lastSeq == activated.engagement().lastSeq);
  const auto now = f.engine->snapshot(id);
  CHECK(now->findMilestone(milestone)->state == MilestoneState::in_progress);
  CHECK(now->lastSeq == held->lastSeq + 1);
  CHECK(f.engine->find(id)->findMilestone(milestone)->state == MilestoneState::in_progress);
}

TEST_CASE("a snapshot taken before a window ends still shows the window open",
          "[engine][operations][snapshot]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto milestone = f.engine->find(id)->milestones.front().id;
  f.submit(id, milestone);
  const auto held = f.engine->snapshot(id);
  f.clock.advance(std::chrono::hours{24 * 30});
  REQUIRE(f.engine->endDueWindows(f.clock.now()) == 1);

  CHECK(held->findMilestone(milestone)->state == MilestoneState::submitted);
  CHECK_FALSE(held->findMilestone(milestone)->current()->decision.has_value());
  CHECK(f.engine->snapshot(id)->findMilestone(milestone)->state == MilestoneState::deemed_accepted);
}

TEST_CASE("an unknown engagement has no snapshot", "[engine][operations][snapshot]") {
  EngineFixture f;
  CHECK(f.engine->snapshot("eng-0000000000000000") == nullptr);
  CHECK_FALSE(f.engine->find("eng-0000000000000000").has_value());
}
