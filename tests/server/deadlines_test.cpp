// Deadlines: deemed acceptance from the test clock, restarts mid-window, and
// racing decisions (SPEC §2 "Acceptance window", issue 3 item 5).
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

namespace {

long count(const std::vector<std::string>& types, const std::string& type) {
  return std::count(types.begin(), types.end(), type);
}

}  // namespace

TEST_CASE("silence across China's 2026 National Day is deemed acceptance at 24:00 on the fifth working day",
          "[server][deadline]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-09-29T10:00:00+08:00");
  server.startMilestone(id, "capability-status-survey");
  server.uploadAll(id, "capability-status-survey");
  const auto submitted = server.post("/api/v1/engagements/" + id + "/milestones/capability-status-survey/submit",
                                     R"({"recipients":["cto@customer.example"]})", server.owner);
  REQUIRE(submitted.status == 200);
  // Sep 30 = 1; Oct 1-7 holiday; Oct 8 = 2, Oct 9 = 3, Sat Oct 10 (make-up) = 4, Mon Oct 12 = 5.
  CHECK(submitted.json()->getValue<std::string>("deadline") == "2026-10-13T00:00:00+08:00");
  CHECK(submitted.json()->getValue<std::string>("deadline_local_date") == "2026-10-12");
  CHECK(submitted.json()->getValue<bool>("provisional") == false);

  server.setClock("2026-10-12T23:59:59+08:00");
  CHECK(server.milestoneState(id, "capability-status-survey") == "submitted");
  CHECK(count(server.eventTypes(id), "MilestoneDeemedAccepted") == 0);

  server.setClock("2026-10-13T00:00:01+08:00");
  CHECK(server.milestoneState(id, "capability-status-survey") == "deemed_accepted");
  const auto types = server.eventTypes(id);
  CHECK(count(types, "MilestoneDeemedAccepted") == 1);

  SECTION("setting the clock again does not fire it twice") {
    server.setClock("2026-10-20T00:00:00+08:00");
    CHECK(count(server.eventTypes(id), "MilestoneDeemedAccepted") == 1);
  }
  SECTION("the deemed acceptance is effective at the deadline") {
    const auto events = server.get("/api/v1/engagements/" + id + "/events", server.viewer).json()->getArray("events");
    for (std::size_t i = 0; i < events->size(); ++i) {
      const auto event = events->getObject(static_cast<unsigned>(i));
      if (event->getValue<std::string>("type") == "MilestoneDeemedAccepted") {
        CHECK(event->getValue<std::string>("effective_at") == "2026-10-13T00:00:00+08:00");
      }
    }
  }
}

TEST_CASE("a server restarted mid-window fires the deadline once, at start-up if it passed while down",
          "[server][deadline][restart]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-09-29T10:00:00+08:00");
  const auto tokens = server.submit(id, "capability-status-survey");

  server.restart();  // mid-window: nothing happens
  CHECK(server.milestoneState(id, "capability-status-survey") == "submitted");
  CHECK(server.get("/a/" + tokens[0], "").status == 200);

  server.stop();
  server.clock->set(at("2026-10-14T08:00:00+08:00"));  // the deadline passes while down
  server.start();
  CHECK(server.milestoneState(id, "capability-status-survey") == "deemed_accepted");
  CHECK(count(server.eventTypes(id), "MilestoneDeemedAccepted") == 1);

  server.restart();
  server.setClock("2026-10-15T08:00:00+08:00");
  CHECK(count(server.eventTypes(id), "MilestoneDeemedAccepted") == 1);
  CHECK(server.decide(tokens[0], "accept").status == 409);
}

TEST_CASE("50 concurrent conflicting decisions on one link end in exactly one terminal event",
          "[server][deadline][concurrency]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey");
  std::atomic<int> ok{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      const auto response = server.decide(tokens[0], i % 2 == 0 ? "accept" : "object");
      if (response.status == 200) ++ok;
      else if (response.status == 409) ++conflicts;
      else ++other;
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(other == 0);
  CHECK(ok + conflicts == 50);
  CHECK(ok >= 1);
  const auto types = server.eventTypes(id);
  CHECK(count(types, "MilestoneAccepted") + count(types, "MilestoneObjected") == 1);
}

TEST_CASE("a click racing the deadline yields one winner", "[server][deadline][concurrency]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-09-29T10:00:00+08:00");
  const auto tokens = server.submit(id, "capability-status-survey");
  server.clock->set(at("2026-10-13T00:00:00+08:00"));  // exactly the deadline: a click is late
  std::thread clicker([&] { (void)server.decide(tokens[0], "accept"); });
  server.setClock("2026-10-13T00:00:00+08:00");
  clicker.join();
  const auto types = server.eventTypes(id);
  CHECK(count(types, "MilestoneAccepted") + count(types, "MilestoneDeemedAccepted") == 1);
  CHECK(count(types, "MilestoneDeemedAccepted") == 1);
}

}  // namespace sowflow::server::testing
