// "500 with a request id and nothing internal" (issue 3 item 2): real
// failures under a running server, made by changing its SQLite file from a
// second connection (no mocks): a deliverable's stored bytes deleted (the
// handler's internal error) and the blobs table renamed away (the store
// throws inside the handler). Either way the client sees 500, the request id
// of the X-Request-Id header, and no path, SQL, hash or exception text.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

namespace {

// Runs `sql` on the server's database file over a connection of our own.
void runSql(TestServer& server, const std::string& sql) {
  const std::string path = server.dbUrl().substr(std::string("sqlite:").size());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 10000);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  INFO(sql << ": " << error);
  REQUIRE(rc == SQLITE_OK);
}

struct Submitted {
  std::string id, token, sha256;
};

Submitted submittedSurvey(TestServer& server) {
  Submitted out;
  out.id = server.createEngagement("chaos-drill", "premium");
  server.activate(out.id);
  out.token = server.submit(out.id, "capability-status-survey").at(0);
  out.sha256 = server.engagement(out.id)
                   ->getArray("milestones")
                   ->getObject(0)
                   ->getArray("deliverables")
                   ->getObject(0)
                   ->getValue<std::string>("sha256");
  REQUIRE(out.sha256.size() == 64);
  return out;
}

void checkInternalError(TestServer& server, const HttpResponse& response, const Submitted& submitted) {
  INFO(response.body);
  CHECK(response.status == 500);
  const std::string requestId = response.headers.get("X-Request-Id", "");
  REQUIRE_FALSE(requestId.empty());
  const auto error = response.json()->getObject("error");
  CHECK(error->getValue<std::string>("code") == "internal");
  const auto message = error->getValue<std::string>("message");
  CHECK(message.find(requestId) != std::string::npos);
  CHECK_FALSE(error->has("field"));
  // Nothing internal: no file path, no SQL or SQLite text, no hash, no exception name.
  const auto dir = server.dbUrl().substr(std::string("sqlite:").size());
  for (const std::string& secret :
       {dir, std::string("sowflow-server-test"), std::string(".db"), submitted.sha256,
        std::string("blob"), std::string("SQL"), std::string("sql"), std::string("table"),
        std::string("Exception"), std::string("exception"), std::string("what()")}) {
    CAPTURE(secret);
    CHECK(response.body.find(secret) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("a deliverable whose stored bytes vanished is a 500 with the request id and nothing internal",
          "[server][errors][internal]") {
  TestServer server;
  const auto submitted = submittedSurvey(server);
  const std::string linkFile = "/a/" + submitted.token + "/files/survey-form";
  const std::string ownerFile = "/api/v1/engagements/" + submitted.id +
                                "/milestones/capability-status-survey/deliverables/survey-form";
  REQUIRE(server.get(linkFile, "").status == 200);
  REQUIRE(server.get(ownerFile, server.viewer).status == 200);

  runSql(server, "DELETE FROM blobs WHERE sha256 = '" + submitted.sha256 + "'");
  const auto viaLink = server.get(linkFile, "");
  checkInternalError(server, viaLink, submitted);
  const auto viaOwner = server.get(ownerFile, server.viewer);
  checkInternalError(server, viaOwner, submitted);
  CHECK(viaLink.headers.get("X-Request-Id", "") != viaOwner.headers.get("X-Request-Id", ""));
}

TEST_CASE("a store that throws inside a handler is a 500 with the request id and nothing internal",
          "[server][errors][internal]") {
  TestServer server;
  const auto submitted = submittedSurvey(server);
  const std::string linkFile = "/a/" + submitted.token + "/files/survey-form";
  REQUIRE(server.get(linkFile, "").status == 200);

  runSql(server, "ALTER TABLE blobs RENAME TO blobs_moved_away");
  checkInternalError(server, server.get(linkFile, ""), submitted);
  // The failure was the request's own: the server still answers, and works
  // again once the table is back.
  CHECK(server.get("/healthz", "").status == 200);
  runSql(server, "ALTER TABLE blobs_moved_away RENAME TO blobs");
  CHECK(server.get(linkFile, "").status == 200);
}

}  // namespace sowflow::server::testing
