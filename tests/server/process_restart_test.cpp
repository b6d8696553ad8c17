// The real `sowflow serve` binary: SIGTERM shuts it down cleanly, kill -9
// loses nothing durable, and a deadline that passed while it was down fires
// exactly once at the next start-up (issue 3 items 1 and 5).
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>

#include <Poco/Process.h>

#include "server_fixture.hpp"
#include "support_serve_process.hpp"

namespace sowflow::server::testing {

namespace {

HttpResponse call(unsigned short port, const std::string& method, const std::string& path,
                  const std::string& token, const std::string& body = "") {
  HttpRequest request;
  request.method = method;
  request.path = path;
  request.body = body;
  request.headers["Authorization"] = "Bearer " + token;
  return send(port, request);
}

long deemedEvents(unsigned short port, const std::string& token, const std::string& id) {
  const auto events = call(port, "GET", "/api/v1/engagements/" + id + "/events", token).json()->getArray("events");
  long count = 0;
  for (std::size_t i = 0; i < events->size(); ++i) {
    if (events->getObject(static_cast<unsigned>(i))->getValue<std::string>("type") == "MilestoneDeemedAccepted") ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("the real binary survives SIGTERM and kill -9 and fires a missed deadline once at start-up",
          "[server][restart][process]") {
  TempDir dir;
  std::string token, id;
  {
    ServeProcess serve(dir.path(), "2026-09-29T10:00:00+08:00");
    // Created in this process while the server runs: usable at once.
    auto store = engine::openStore("sqlite:" + (dir.path() / "data" / "sowflow.db").string());
    REQUIRE(store.ok());
    token = TokenService(**store, std::chrono::hours(1)).createToken("ops", Role::owner, engine::SystemClock().now()).value();
    const auto created = call(serve.port(), "POST", "/api/v1/engagements", token,
        R"({"workflow":"chaos-drill","edition":"premium","title":"Process test","customer":"C","provider":"P",
            "owners":{"provider":{"name":"A","email":"a@p.example"},"customer":{"name":"B","email":"b@c.example"}},
            "start":"2026-09-21"})");
    INFO(created.body);
    REQUIRE(created.status == 201);
    id = created.json()->getValue<std::string>("id");
    REQUIRE(call(serve.port(), "POST", "/api/v1/engagements/" + id + "/activate", token).status == 200);
    const std::string base = "/api/v1/engagements/" + id + "/milestones/capability-status-survey";
    REQUIRE(call(serve.port(), "POST", base + "/start", token).status == 200);
    REQUIRE(call(serve.port(), "PUT", base + "/deliverables/survey-form?filename=survey.xlsx", token, "bytes").status == 200);
    const auto submitted = call(serve.port(), "POST", base + "/submit", token, R"({"recipients":["c@c.example"]})");
    REQUIRE(submitted.status == 200);
    CHECK(submitted.json()->getArray("links")->getObject(0)->getValue<std::string>("url").rfind("http://links.example/a/", 0) == 0);
    const int status = serve.stop(SIGTERM);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  {
    ServeProcess serve(dir.path(), "2026-10-01T10:00:00+08:00");  // mid-window
    CHECK(deemedEvents(serve.port(), token, id) == 0);
    serve.stop(SIGKILL);
  }
  {
    ServeProcess serve(dir.path(), "2026-10-14T09:00:00+08:00");  // the deadline passed while down
    CHECK(deemedEvents(serve.port(), token, id) == 1);
    serve.stop(SIGKILL);
  }
  {
    ServeProcess serve(dir.path(), "2026-10-15T09:00:00+08:00");
    CHECK(deemedEvents(serve.port(), token, id) == 1);
    CHECK(WEXITSTATUS(serve.stop(SIGTERM)) == 0);
  }
}

}  // namespace sowflow::server::testing

namespace sowflow::server::testing {

TEST_CASE("sowflow export writes the same bytes as the HTTP export, while the server runs",
          "[server][process][export]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey");
  REQUIRE(server.decide(tokens[0], "accept").status == 200);
  TempDir out;
  for (const auto& [format, path] : std::vector<std::pair<std::string, std::string>>{
           {"ics", "calendar.ics"}, {"xlsx", "acceptance-report.xlsx"}, {"mspdi", "plan.xml"},
           {"docx", "acceptance-report.docx"}}) {
    CAPTURE(format);
    const auto http = server.get("/api/v1/engagements/" + id + "/export/" + path, server.viewer);
    REQUIRE(http.status == 200);
    const auto file = out.path() / path;
    Poco::ProcessHandle process = Poco::Process::launch(
        std::string(SOWFLOW_BINARY_DIR) + "/server/sowflow",
        {"export", "--engagement", id, "--format", format, "-o", file.string(), "--db", server.dbUrl()});
    REQUIRE(process.wait() == 0);
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.size() == http.body.size());
    CHECK(bytes == http.body);
  }
}

}  // namespace sowflow::server::testing

namespace sowflow::server::testing {

namespace {

// stdout of a shell command (for unzip -p and python3 -c); empty on failure.
std::string commandOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char block[4096];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, pipe)) > 0;) out.append(block, n);
    if (::pclose(pipe) != 0) out.clear();
  }
  return out;
}

}  // namespace

TEST_CASE("the portfolio export over HTTP and from `sowflow export --format portfolio` hold the same rows",
          "[server][process][export][portfolio]") {
  TestServer server;
  const auto open = server.createEngagement("chaos-drill", "premium", "Open window =1+1");
  server.activate(open);
  server.submit(open, "capability-status-survey");
  const auto quiet = server.createEngagement("chaos-drill", "premium", "Nothing submitted");
  TempDir out;

  const auto http = server.get("/api/v1/exports/portfolio.xlsx", server.viewer);
  REQUIRE(http.status == 200);
  CHECK(http.headers.get("Content-Type", "") ==
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto fromHttp = out.path() / "http.xlsx";
  std::ofstream(fromHttp, std::ios::binary) << http.body;
  const auto fromCli = out.path() / "cli.xlsx";
  Poco::ProcessHandle process = Poco::Process::launch(
      std::string(SOWFLOW_BINARY_DIR) + "/server/sowflow",
      {"export", "--format", "portfolio", "-o", fromCli.string(), "--db", server.dbUrl()});
  REQUIRE(process.wait() == 0);

  // The sheets match; the workbooks' creation times differ (the server runs
  // on the test clock, the command on the wall clock).
  const auto sheet = [&](const std::filesystem::path& file) {
    return commandOutput("unzip -p '" + file.string() + "' xl/worksheets/sheet1.xml");
  };
  REQUIRE_FALSE(sheet(fromHttp).empty());
  CHECK(sheet(fromHttp) == sheet(fromCli));
  const auto rows = commandOutput(
      "/usr/bin/python3 -c \"import sys, openpyxl; ws = openpyxl.load_workbook(sys.argv[1]).active; "
      "[print(r[0], r[1], r[7]) for r in ws.iter_rows(min_row=2, values_only=True)]\" '" +
      fromHttp.string() + "'");
  // Both were created at the same test-clock instant, so they come in id order.
  const std::string openRow = open + " Open window =1+1 capability-status-survey\n";
  const std::string quietRow = quiet + " Nothing submitted None\n";
  CHECK(rows == (open < quiet ? openRow + quietRow : quietRow + openRow));

  SECTION("a language other than en and zh-CN is refused, naming lang") {
    const auto bad = server.get("/api/v1/exports/portfolio.xlsx?lang=fr", server.viewer);
    CHECK(bad.status == 400);
    CHECK(bad.json()->getObject("error")->getValue<std::string>("field") == "lang");
  }
  SECTION("in Chinese") {
    const auto zh = server.get("/api/v1/exports/portfolio.xlsx?lang=zh-CN", server.viewer);
    REQUIRE(zh.status == 200);
    std::ofstream(out.path() / "zh.xlsx", std::ios::binary) << zh.body;
    CHECK(commandOutput("unzip -p '" + (out.path() / "zh.xlsx").string() + "'")
              .find("验收截止时间（UTC）") != std::string::npos);
  }
  SECTION("without a token it is 401") {
    CHECK(server.get("/api/v1/exports/portfolio.xlsx", "").status == 401);
  }
}

}  // namespace sowflow::server::testing
