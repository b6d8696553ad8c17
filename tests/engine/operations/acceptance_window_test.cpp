#include "engine_fixture.hpp"

using namespace sowflow::test;

TEST_CASE("a submitted milestone is decided on time until its deadline and deemed accepted after it", "[engine][operations][window]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto m = f.engine->find(id)->milestones.front().id;
  // Friday before the 2025 Spring Festival; Sunday 01-26 is a make-up working day.
  f.clock.set(at("2025-01-24T15:00:00+08:00"));
  f.submit(id, m);
  const auto submitted = *f.engine->find(id);
  const auto* s = submitted.findMilestone(m)->current();
  CHECK(formatDate(s->deadlineLocalDate) == "2025-02-07");
  CHECK(s->deadline == at("2025-02-08T00:00:00+08:00"));
  CHECK_FALSE(s->provisional);
  CHECK(f.engine->nextDeadline() == s->deadline);

  SECTION("one second before the deadline a decision is on time") {
    f.clock.set(at("2025-02-07T23:59:59+08:00"));
    f.accept(id, m);
    CHECK(f.engine->find(id)->findMilestone(m)->state == MilestoneState::accepted);
    CHECK(f.engine->openWindows().empty());
  }
  SECTION("at the deadline a decision is late and the window ends in deemed acceptance once") {
    f.clock.set(at("2025-02-08T00:00:00+08:00"));
    const auto late = f.refused(id, f.decision(id, m, true));
    CHECK(late.code == ErrorCode::window_closed);
    CHECK_THAT(late.message, Catch::Contains("2025-02-08T00:00:00+08:00"));
    f.clock.set(at("2025-03-01T10:00:00+08:00"));  // processed long after: still effective at the deadline
    CHECK(f.engine->endDueWindows(f.clock.now()) == 1);
    CHECK(f.engine->endDueWindows(f.clock.now()) == 0);
    const auto events = f.journal(id);
    INFO(compactJournal(events));
    const auto deemed = std::find_if(events.begin(), events.end(),
                                     [](const StoredEvent& e) { return e.type == "MilestoneDeemedAccepted"; });
    REQUIRE(deemed != events.end());
    CHECK(deemed->effectiveAt == at("2025-02-08T00:00:00+08:00"));
    CHECK(f.engine->find(id)->findMilestone(m)->state == MilestoneState::deemed_accepted);
  }
  SECTION("before the deadline the window cannot be ended") {
    f.clock.set(at("2025-02-07T12:00:00+08:00"));
    CHECK(f.engine->endDueWindows(f.clock.now()) == 0);
    CHECK(f.refused(id, EndWindow{m, 1}).code == ErrorCode::invalid_state);
  }
}

TEST_CASE("a window that ended while no engine ran is deemed accepted when the next one opens",
          "[engine][operations][window]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto m = f.engine->find(id)->milestones.front().id;
  f.submit(id, m);
  f.engine.reset();  // the server is down across the deadline
  f.clock.set(at("2025-06-01T00:00:00+08:00"));
  f.engine = f.openEngine();
  REQUIRE(f.engine->openWindows().size() == 1);
  CHECK(f.engine->endDueWindows(f.clock.now()) == 1);
  CHECK(f.engine->find(id)->findMilestone(m)->state == MilestoneState::deemed_accepted);
}

TEST_CASE("two engines sharing one store cannot both decide the same version", "[engine][operations][window]") {
  EngineFixture f;
  const auto id = f.create("chaos-drill", "premium");
  f.run(id, ActivateEngagement{});
  const auto m = f.engine->find(id)->milestones.front().id;
  f.submit(id, m);
  Engine other(f.store, f.catalog, f.clock);  // as if a second process
  REQUIRE(other.open().ok());
  const auto objection = f.decision(id, m, false);
  f.accept(id, m);
  auto refused = other.execute(id, objection, "customer:chen@acme.example");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::invalid_state);
  CHECK_THAT(refused.error().message, Catch::Contains("accepted"));
}
