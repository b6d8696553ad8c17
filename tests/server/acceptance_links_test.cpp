// Acceptance links end to end over loopback HTTP (SPEC §2 "Acceptance link").
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include <Poco/JSON/Array.h>

#include "server_fixture.hpp"
#include "support_login.hpp"

namespace sowflow::server::testing {

namespace {

std::vector<std::string> milestoneIds(TestServer& server, const std::string& id) {
  std::vector<std::string> out;
  const auto milestones = server.engagement(id)->getArray("milestones");
  for (std::size_t i = 0; i < milestones->size(); ++i) {
    out.push_back(milestones->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  }
  return out;
}

std::string flipOneBit(std::string token) {
  token[5] = token[5] == 'A' ? 'B' : 'A';
  return token;
}

}  // namespace

TEST_CASE("a premium chaos drill runs from creation to completion through acceptance links",
          "[server][links][e2e]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  CHECK(server.engagement(id)->getValue<std::string>("state") == "draft");
  server.activate(id);
  server.setClock("2026-10-12T09:00:00+08:00");
  for (const auto& milestone : milestoneIds(server, id)) {
    CAPTURE(milestone);
    const auto tokens = server.submit(id, milestone);
    REQUIRE(tokens.size() == 1);
    const auto page = server.get("/a/" + tokens[0], "");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Accept") != std::string::npos);
    const auto decided = server.decide(tokens[0], "accept", "looks good");
    INFO(decided.body);
    REQUIRE(decided.status == 200);
    CHECK(decided.json()->getValue<std::string>("state") == "accepted");
    CHECK(decided.json()->getValue<int>("version") == 1);
    CHECK(server.milestoneState(id, milestone) == "accepted");
  }
  const auto done = server.engagement(id);
  CHECK(done->getValue<std::string>("state") == "completed");
  const auto types = server.eventTypes(id);
  CHECK(std::count(types.begin(), types.end(), "EngagementCompleted") == 1);
}

TEST_CASE("the acceptance page speaks the workflow's language", "[server][links][pages]") {
  TestServer server;
  const auto chinese = server.createEngagement("tam-service", "premium", "技术客户经理服务");
  server.activate(chinese);
  const auto zh = server.get("/a/" + server.submit(chinese, "term-end").at(0), "");
  REQUIRE(zh.status == 200);
  CHECK(zh.body.find("<html lang=\"zh-CN\"") != std::string::npos);
  CHECK(zh.body.find("交付物验收") != std::string::npos);
  CHECK(zh.body.find("确认验收") != std::string::npos);
  CHECK(zh.body.find("订阅期限届满") != std::string::npos);
  CHECK(zh.body.find("Deliverable acceptance") == std::string::npos);
  CHECK(zh.body.find("{{") == std::string::npos);

  const auto english = server.createEngagement("chaos-drill", "premium");
  server.activate(english);
  const auto en = server.get("/a/" + server.submit(english, "capability-status-survey").at(0), "");
  REQUIRE(en.status == 200);
  CHECK(en.body.find("<html lang=\"en\"") != std::string::npos);
  CHECK(en.body.find("Deliverable acceptance") != std::string::npos);
  CHECK(en.body.find("确认验收") == std::string::npos);
}

TEST_CASE("an objection leads to rework, and the resubmission revokes the old link",
          "[server][links]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto first = server.submit(id, "capability-status-survey");
  const auto objected = server.decide(first[0], "object", "missing the network section");
  INFO(objected.body);
  REQUIRE(objected.status == 200);
  CHECK(objected.json()->getValue<std::string>("state") == "objected");
  CHECK(server.milestoneState(id, "capability-status-survey") == "objected");

  const auto second = server.submit(id, "capability-status-survey");  // starts the rework first
  CHECK(server.engagement(id)->getArray("milestones")->getObject(0)->getValue<int>("version") == 2);

  SECTION("the old link's decision is refused as revoked") {
    const auto events = server.eventCount(id);
    CHECK(server.decide(first[0], "accept").status == 404);
    CHECK(server.get("/a/" + first[0], "").status == 404);
    CHECK(server.eventCount(id) == events);
  }
  SECTION("the new link decides version 2") {
    const auto accepted = server.decide(second[0], "accept");
    REQUIRE(accepted.status == 200);
    CHECK(accepted.json()->getValue<int>("version") == 2);
  }
}

TEST_CASE("looking at a link twice changes nothing", "[server][links]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey");
  const auto before = server.eventCount(id);
  const auto first = server.get("/a/" + tokens[0], "");
  const auto second = server.get("/a/" + tokens[0], "");
  CHECK(first.status == 200);
  CHECK(second.status == 200);
  CHECK(server.eventCount(id) == before);
  CHECK(server.milestoneState(id, "capability-status-survey") == "submitted");
  CHECK(first.headers.get("Referrer-Policy", "") == "no-referrer");
  CHECK(first.headers.get("X-Frame-Options", "") == "DENY");
  CHECK(first.headers.get("Content-Security-Policy", "").find("default-src 'none'") != std::string::npos);
  CHECK(first.body.find("<script") == std::string::npos);
}

TEST_CASE("the same decision again gives the stored result and a conflicting one is 409",
          "[server][links]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey");
  const auto first = server.decide(tokens[0], "accept");
  REQUIRE(first.status == 200);
  const auto events = server.eventCount(id);
  const auto again = server.decide(tokens[0], "accept");
  CHECK(again.status == 200);
  CHECK(again.json()->getValue<std::string>("decided_at") == first.json()->getValue<std::string>("decided_at"));
  const auto conflicting = server.decide(tokens[0], "object");
  CHECK(conflicting.status == 409);
  CHECK(conflicting.json()->getObject("outcome")->getValue<std::string>("state") == "accepted");
  CHECK(server.eventCount(id) == events);

  SECTION("a form post answers 303 to the page, which shows the outcome") {
    const auto form = server.decide(tokens[0], "accept", "", false);
    CHECK(form.status == 303);
    CHECK(form.headers.get("Location", "") == "/a/" + tokens[0]);
    CHECK(server.get("/a/" + tokens[0], "").body.find("Accepted") != std::string::npos);
  }
}

TEST_CASE("forged, bit-flipped, expired and revoked link tokens are refused", "[server][links][security]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-09-29T10:00:00+08:00");
  const auto tokens = server.submit(id, "capability-status-survey");
  const auto events = server.eventCount(id);
  CHECK(server.decide("not-a-token", "accept").status == 404);
  CHECK(server.decide(std::string(43, 'A'), "accept").status == 404);
  CHECK(server.decide(flipOneBit(tokens[0]), "accept").status == 404);
  CHECK(server.get("/a/" + flipOneBit(tokens[0]), "").status == 404);
  CHECK(server.eventCount(id) == events);

  SECTION("expired: a decision at the deadline is late (409) and the outcome is shown") {
    server.setClock("2026-10-13T00:00:00+08:00");
    const auto late = server.decide(tokens[0], "accept");
    INFO(late.body);
    CHECK(late.status == 409);
    CHECK(late.json()->getObject("outcome")->getValue<std::string>("state") == "deemed_accepted");
    CHECK(server.get("/a/" + tokens[0], "").body.find("Deemed accepted") != std::string::npos);
  }
}

TEST_CASE("a comment with markup is shown escaped on every page", "[server][pages][security]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium", "<b>bold</b> title");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey");
  const std::string evil = "<script>alert(1)</script>";
  REQUIRE(server.decide(tokens[0], "object", evil).status == 200);

  const auto page = server.get("/a/" + tokens[0], "");
  CHECK(page.body.find(evil) == std::string::npos);
  CHECK(page.body.find("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;") != std::string::npos);
  CHECK(page.body.find("<b>bold</b>") == std::string::npos);

  const auto ownerPage = server.get("/engagements/" + id, server.viewer);
  REQUIRE(ownerPage.status == 200);
  CHECK(ownerPage.body.find(evil) == std::string::npos);
  CHECK(ownerPage.body.find("&lt;script&gt;") != std::string::npos);

  const auto dashboard = server.get("/", server.viewer);
  REQUIRE(dashboard.status == 200);
  CHECK(dashboard.body.find("<b>bold</b>") == std::string::npos);
  CHECK(dashboard.body.find("&lt;b&gt;bold&lt;&#x2F;b&gt;") != std::string::npos);
}

TEST_CASE("the decision record keeps recipient, address, user agent, version and hashes",
          "[server][links]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey", {"a@customer.example", "b@customer.example"});
  REQUIRE(tokens.size() == 2);
  REQUIRE(server.decide(tokens[1], "accept", "ok").status == 200);
  const auto events = server.get("/api/v1/engagements/" + id + "/events", server.viewer).json()->getArray("events");
  Poco::JSON::Object::Ptr decision;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const auto event = events->getObject(static_cast<unsigned>(i));
    if (event->getValue<std::string>("type") == "MilestoneAccepted") {
      decision = event->getObject("payload");  // the record is the payload
    }
  }
  REQUIRE(decision);
  CHECK(decision->getValue<std::string>("recipient") == "b@customer.example");
  CHECK(decision->getValue<std::string>("ip") == "127.0.0.1");
  CHECK(decision->getValue<std::string>("user_agent") == "sowflow-tests/1");
  CHECK(decision->getValue<int>("version") == 1);
  CHECK(decision->getArray("sha256_shown")->size() >= 1);
}

TEST_CASE("a late decision where silence escalates is 409 naming the closed window, and the page shows the outcome",
          "[server][links][deadline]") {
  TestServer server;
  const auto id = server.createEngagement("managed-services", "");
  server.activate(id);
  for (const char* report : {"kickoff-meeting", "solution-report", "stage-progress-report", "summary-report"}) {
    CAPTURE(report);
    REQUIRE(server.decide(server.submit(id, report).at(0), "accept").status == 200);
  }
  const auto token = server.submit(id, "project-acceptance").at(0);  // on silence: escalate
  std::string deadline;
  const auto milestones = server.engagement(id)->getArray("milestones");
  for (std::size_t i = 0; i < milestones->size(); ++i) {
    const auto milestone = milestones->getObject(static_cast<unsigned>(i));
    if (milestone->getValue<std::string>("id") == "project-acceptance") {
      deadline = milestone->getValue<std::string>("deadline");
    }
  }
  REQUIRE_FALSE(deadline.empty());
  // The scheduler, woken by the submission, goes back to sleep for a minute;
  // the clock is then moved directly, so no window-end runs: the deadline has
  // passed and nothing is decided.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server.clock->set(at(deadline) + std::chrono::seconds(1));
  const auto events = server.eventCount(id);

  SECTION("after the deadline, before the window's end is processed") {
    const auto late = server.decide(token, "accept");
    INFO(late.body);
    REQUIRE(late.status == 409);
    const auto error = late.json()->getObject("error");
    CHECK(error->getValue<std::string>("code") == "window_closed");
    CHECK(error->getValue<std::string>("message").find("window closed at " + deadline) != std::string::npos);
    const auto outcome = late.json()->getObject("outcome");
    CHECK(outcome->getValue<std::string>("state") == "submitted");
    CHECK(outcome->getValue<std::string>("deadline") == deadline);
    CHECK(outcome->isNull("decided_at"));

    const auto form = server.decide(token, "object", "too late", false);
    CHECK(form.status == 409);
    CHECK(form.body.find("window closed at") != std::string::npos);
    const auto page = server.get("/a/" + token, "");
    CHECK(page.status == 200);
    CHECK(page.body.find("The acceptance window has closed") != std::string::npos);
    CHECK(page.body.find("<form") == std::string::npos);
    CHECK(server.eventCount(id) == events);
    CHECK(server.milestoneState(id, "project-acceptance") == "submitted");
  }
  SECTION("after the window's end escalated it") {
    server.setClock("2027-01-01T00:00:00+08:00");
    const auto types = server.eventTypes(id);
    CHECK(std::count(types.begin(), types.end(), "MilestoneEscalated") == 1);
    CHECK(std::count(types.begin(), types.end(), "MilestoneDeemedAccepted") == 0);
    CHECK(server.milestoneState(id, "project-acceptance") == "escalated");
    const auto late = server.decide(token, "accept");
    INFO(late.body);
    REQUIRE(late.status == 409);
    CHECK(late.json()->getObject("outcome")->getValue<std::string>("state") == "escalated");
    CHECK(late.json()->getObject("outcome")->getValue<std::string>("deadline") == deadline);
    const auto page = server.get("/a/" + token, "");
    CHECK(page.body.find("Escalated (no answer within the window)") != std::string::npos);
    CHECK(page.body.find("<form") == std::string::npos);
    CHECK(server.eventCount(id) == events + 1);
  }
}

TEST_CASE("an owner gets new links for the version awaiting a decision, and earlier links keep working",
          "[server][links][reissue]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-09-29T10:00:00+08:00");
  const auto first = server.submit(id, "capability-status-survey", {"cto@customer.example", "pm@customer.example"});
  REQUIRE(first.size() == 2);
  const std::string path = "/api/v1/engagements/" + id + "/milestones/capability-status-survey/links";
  const auto events = server.eventCount(id);

  const auto all = server.post(path, "", server.owner);
  INFO(all.body);
  REQUIRE(all.status == 200);
  const auto body = all.json();
  CHECK(body->getValue<int>("version") == 1);
  CHECK(body->getValue<std::string>("deadline") ==
        server.engagement(id)->getArray("milestones")->getObject(0)->getValue<std::string>("deadline"));
  const auto links = body->getArray("links");
  REQUIRE(links->size() == 2);
  CHECK(links->getObject(0)->getValue<std::string>("recipient") == "cto@customer.example");
  CHECK(links->getObject(1)->getValue<std::string>("recipient") == "pm@customer.example");
  const auto fresh = tokenOf(links->getObject(0)->getValue<std::string>("url"));
  CHECK(fresh != first[0]);
  CHECK(server.get("/a/" + fresh, "").status == 200);
  CHECK(server.get("/a/" + first[0], "").status == 200);  // the e-mailed link still works
  CHECK(server.eventCount(id) == events);                 // links are not engagement events

  SECTION("for one recipient, named in any letter case") {
    const auto one = server.post(path, R"({"recipients":["PM@customer.example"]})", server.owner);
    REQUIRE(one.status == 200);
    const auto only = one.json()->getArray("links");
    REQUIRE(only->size() == 1);
    CHECK(only->getObject(0)->getValue<std::string>("recipient") == "pm@customer.example");
  }
  SECTION("not for someone the version was not submitted to") {
    const auto stranger =
        server.post(path, R"({"recipients":["pm@customer.example","eve@elsewhere.example"]})", server.owner);
    INFO(stranger.body);
    REQUIRE(stranger.status == 400);
    CHECK(stranger.json()->getObject("error")->getValue<std::string>("field") == "recipients[1]");
  }
  SECTION("not for a viewer") { CHECK(server.post(path, "", server.viewer).status == 403); }
  SECTION("not once the version is decided, and the new link decided it") {
    REQUIRE(server.decide(fresh, "accept").status == 200);
    const auto decided = server.post(path, "", server.owner);
    CHECK(decided.status == 409);
    CHECK(decided.json()->getObject("error")->getValue<std::string>("code") == "invalid_state");
    CHECK(server.decide(first[1], "object").status == 409);
  }
  SECTION("not for a milestone that was never submitted") {
    const auto none = server.post("/api/v1/engagements/" + id + "/milestones/capability-diagnosis/links", "",
                                  server.owner);
    CHECK(none.status == 409);
  }
  SECTION("from the engagement page, with the session's CSRF token") {
    const auto session = loginSession(server, server.owner);
    HttpRequest page;
    page.path = "/engagements/" + id;
    page.headers["Cookie"] = session;
    const auto html = server.send(page);
    REQUIRE(html.status == 200);
    CHECK(html.body.find("New acceptance links") != std::string::npos);
    HttpRequest action;
    action.method = "POST";
    action.path = "/engagements/" + id + "/actions";
    action.contentType = "application/x-www-form-urlencoded";
    action.headers["Cookie"] = session;
    action.body = "action=links&milestone=capability-status-survey&csrf=" + csrfField(html.body);
    const auto answer = server.send(action);
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.body.find("the earlier ones still work") != std::string::npos);
    CHECK(answer.body.find("pm@customer.example: <code>http") != std::string::npos);
    CHECK(server.eventCount(id) == events);
  }
  SECTION("not after the deadline, even before the window's end has been recorded") {
    // Moved directly: nothing has ended the window yet, but its time is over.
    const auto deadline =
        server.engagement(id)->getArray("milestones")->getObject(0)->getValue<std::string>("deadline");
    server.clock->set(at(deadline));
    const auto late = server.post(path, "", server.owner);
    INFO(late.body);
    CHECK(late.status == 409);
  }
}

}  // namespace sowflow::server::testing
