// `sowflow token create` as a command line (SPEC §3, issue 3 item 3): the
// built binary, run against the SQLite file of a server that is running,
// prints a token the running server accepts at once, with the role asked for;
// anything else is 401.
#include <catch2/catch.hpp>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

namespace {

struct CliRun {
  int exitCode = -1;
  std::string out;
};

CliRun tokenCreate(const std::string& dbUrl, const std::string& name, const std::string& role) {
  Poco::Pipe outPipe;
  Poco::ProcessHandle process = Poco::Process::launch(
      std::string(SOWFLOW_BINARY_DIR) + "/server/sowflow",
      {"token", "create", "--name", name, "--role", role, "--db", dbUrl}, nullptr, &outPipe, nullptr);
  Poco::PipeInputStream in(outPipe);
  CliRun run;
  Poco::StreamCopier::copyToString(in, run.out);
  run.exitCode = process.wait();
  return run;
}

// The printed line without its newline.
std::string printedToken(const CliRun& run) {
  std::string token = run.out;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  return token;
}

}  // namespace

TEST_CASE("a token printed by `sowflow token create` works at once on the running server",
          "[server][auth][cli][process]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  // The server has already looked tokens up (and missed) before this one exists.
  REQUIRE(server.get("/api/v1/engagements", std::string(43, 'A')).status == 401);

  const auto run = tokenCreate(server.dbUrl(), "cli-owner", "owner");
  REQUIRE(run.exitCode == 0);
  const auto token = printedToken(run);
  CAPTURE(run.out);
  REQUIRE(token.size() == 43);  // 256 bits in base64url, nothing else on the line
  CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);

  // No restart: the running server finds it in the shared store.
  const auto listed = server.get("/api/v1/engagements", token);
  INFO(listed.body);
  CHECK(listed.status == 200);
  const auto activated = server.post("/api/v1/engagements/" + id + "/activate", "", token);
  INFO(activated.body);
  CHECK(activated.status == 200);  // an owner route

  std::string wrong = token;
  wrong[10] = wrong[10] == 'A' ? 'B' : 'A';
  CHECK(server.get("/api/v1/engagements", wrong).status == 401);
  CHECK(server.get("/api/v1/engagements", token + "A").status == 401);
}

TEST_CASE("a viewer token from the command line may read but not change anything",
          "[server][auth][cli][process]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  const auto run = tokenCreate(server.dbUrl(), "cli-viewer", "viewer");
  REQUIRE(run.exitCode == 0);
  const auto token = printedToken(run);
  CHECK(server.get("/api/v1/engagements/" + id, token).status == 200);
  CHECK(server.post("/api/v1/engagements/" + id + "/activate", "", token).status == 403);
  CHECK(server.engagement(id)->getValue<std::string>("state") == "draft");
}

TEST_CASE("`sowflow token create` with an unknown role prints no token and fails",
          "[server][auth][cli][process]") {
  TestServer server;
  const auto run = tokenCreate(server.dbUrl(), "cli", "superuser");
  CHECK(run.exitCode != 0);
  CHECK(run.out.empty());
}

}  // namespace sowflow::server::testing
