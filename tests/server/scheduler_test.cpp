// DeadlineScheduler's own thread (SPEC §2 "Acceptance window", issue 3 item
// 5): a scheduler built over a running server's engine and its ManualClock,
// driven only by moving the clock and by wake(), never by catchUp() or the
// test-clock route. The server's own scheduler sleeps a minute after the
// submission, so within these tests only the scheduler under test fires.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include <Poco/Logger.h>

#include "scheduler/deadline_scheduler.hpp"
#include "server_fixture.hpp"

namespace sowflow::server::testing {

namespace {

constexpr const char* kMilestone = "capability-status-survey";

// An engagement whose survey window ends at 2026-10-13T00:00:00+08:00, with
// the server's scheduler back asleep after the submission woke it.
std::string submittedEngagement(TestServer& server) {
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-09-29T10:00:00+08:00");
  server.submit(id, kMilestone);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  return id;
}

}  // namespace

TEST_CASE("a sleeping scheduler ends a window the clock passed when woken, exactly once",
          "[server][deadline][scheduler]") {
  TestServer server;
  const auto id = submittedEngagement(server);
  DeadlineScheduler scheduler(server.server().engine(), *server.clock,
                              Poco::Logger::get("sowflow.test.scheduler"));
  scheduler.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // asleep until the cap (a minute)

  server.clock->set(at("2026-10-13T00:00:01+08:00"));
  // Not woken: it does not poll, so the window is still open a moment later.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(server.milestoneState(id, kMilestone) == "submitted");

  scheduler.wake();
  REQUIRE(eventually([&] { return server.countEvents(id, "MilestoneDeemedAccepted") >= 1; }));
  scheduler.wake();  // woken again with nothing due: nothing more happens
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(server.countEvents(id, "MilestoneDeemedAccepted") == 1);
  CHECK(server.milestoneState(id, kMilestone) == "deemed_accepted");
  CHECK_FALSE(server.server().engine().nextDeadline().has_value());
  scheduler.stop();
}

TEST_CASE("a scheduler sleeps until the next deadline and ends the window by itself",
          "[server][deadline][scheduler]") {
  TestServer server;
  const auto id = submittedEngagement(server);
  server.clock->set(at("2026-10-12T23:59:59+08:00"));  // one second before the deadline
  DeadlineScheduler scheduler(server.server().engine(), *server.clock,
                              Poco::Logger::get("sowflow.test.scheduler"));
  scheduler.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(server.milestoneState(id, kMilestone) == "submitted");

  // No wake(): its own timer (one second, not the minute's cap) notices.
  server.clock->set(at("2026-10-13T00:00:01+08:00"));
  REQUIRE(eventually([&] { return server.countEvents(id, "MilestoneDeemedAccepted") >= 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(server.countEvents(id, "MilestoneDeemedAccepted") == 1);
  scheduler.stop();
}

}  // namespace sowflow::server::testing
