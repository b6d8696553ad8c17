// `sowflow validate` as a command line: the shipped definitions pass, and a
// workflow whose documents could not be rendered is refused before any
// engagement needs them (a missing form, a form that does not parse). The
// server says the same in its log at start-up.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include "app/sowflow_server.hpp"

#include "server_fixture.hpp"
#include "support_captured_log.hpp"

namespace sowflow::server::testing {

namespace {

struct ValidateRun {
  int exitCode = -1;
  std::string out, err;
};

ValidateRun validate(const std::vector<std::string>& args) {
  Poco::Pipe outPipe, errPipe;
  Poco::ProcessHandle process = Poco::Process::launch(std::string(SOWFLOW_BINARY_DIR) + "/server/sowflow",
                                                      args, nullptr, &outPipe, &errPipe);
  Poco::PipeInputStream out(outPipe), err(errPipe);
  ValidateRun run;
  Poco::StreamCopier::copyToString(out, run.out);
  Poco::StreamCopier::copyToString(err, run.err);
  run.exitCode = process.wait();
  return run;
}

std::string source(const std::string& relative) { return std::string(SOWFLOW_SOURCE_DIR) + "/" + relative; }

std::string readText(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("sowflow validate passes the shipped workflows and calendars", "[server][cli][validate]") {
  std::vector<std::string> args = {"validate"};
  for (const char* name : {"chaos-drill", "managed-services", "tam-service", "remote-ops-support",
                           "partner-support"}) {
    args.push_back(source(std::string("workflows/") + name + ".xml"));
  }
  const auto run = validate(args);
  INFO(run.err);
  CHECK(run.exitCode == 0);
  CHECK(run.out == "ok: 5 workflows, 0 calendars\n");
}

TEST_CASE("sowflow validate refuses a workflow whose forms are missing or broken, naming file and line",
          "[server][cli][validate]") {
  TempDir dir;
  const auto templates = dir.path() / "templates";
  std::filesystem::copy(source("templates"), templates, std::filesystem::copy_options::recursive);
  std::ofstream(templates / "documents" / "forms" / "survey-form.form.xml")
      << "<form title=\"t\" sheet=\"s\" rows=\"3\">\n  <column label=\"a\" width=\"huge\"/>\n</form>\n";
  auto workflow = readText(source("workflows/remote-ops-support.xml"));
  const std::string from = "template=\"service-ticket-list\"";
  REQUIRE(workflow.find(from) != std::string::npos);
  workflow.replace(workflow.find(from), from.size(), "template=\"ticket-register\"");
  const auto renamed = dir.path() / "remote-ops-support.xml";
  std::ofstream(renamed) << workflow;

  const auto run = validate({"validate", "--templates", templates.string(), renamed.string(),
                             source("workflows/chaos-drill.xml")});
  INFO(run.err);
  CHECK(run.exitCode == 1);
  CHECK(run.out.empty());
  CHECK(run.err.find(renamed.string() + ": deliverable 'service-ticket-list' of milestone 'service-acceptance' "
                     "names xlsx template 'ticket-register', but there is no ") != std::string::npos);
  CHECK(run.err.find("survey-form.form.xml:2: 'width' must be an integer in 1..255, found 'huge'") !=
        std::string::npos);
  CHECK(run.err.find("2 problems\n") != std::string::npos);
}

TEST_CASE("a server whose templates lack a workflow's form starts, and says so in its log",
          "[server][validate]") {
  TempDir dir;
  const auto templates = dir.path() / "templates";
  std::filesystem::copy(source("templates"), templates, std::filesystem::copy_options::recursive);
  std::filesystem::remove(templates / "documents" / "forms" / "service-ticket-list.form.xml");
  ServerConfig config;
  config.dbUrl = "sqlite:" + (dir.path() / "sowflow.db").string();
  config.port = 0;
  config.templatesDir = templates.string();
  config.workflowsDir = source("workflows");
  CapturedLogger log;
  SowflowServer server(config, std::make_shared<engine::ManualClock>(at("2026-09-25T10:00:00Z")));
  REQUIRE(server.start().ok());
  server.stop();
  int warnings = 0;
  for (const auto& line : log.waitForLines(0)) {
    if (line.find("names xlsx template 'service-ticket-list', but there is no ") == std::string::npos) continue;
    CAPTURE(line);
    CHECK((line.rfind("workflow remote-ops-support: ", 0) == 0 || line.rfind("workflow partner-support: ", 0) == 0));
    ++warnings;
  }
  CHECK(warnings == 2);  // remote-ops-support and partner-support both use the list
}

}  // namespace sowflow::server::testing
