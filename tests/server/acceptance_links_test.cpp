// Acceptance links end to end over loopback HTTP (SPEC §2 "Acceptance link").
#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>

#include "server_fixture.hpp"

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

}  // namespace sowflow::server::testing
