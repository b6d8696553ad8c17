#include <cstdlib>

#include "workflow_fixtures.hpp"

using namespace sowflow::engine;
using namespace sowflow::test::workflow;

namespace {

std::string withCalendar(const std::string& calendarId) {
  return replaced(kGoodWorkflow, "calendar=\"weekdays-utc\"", "calendar=\"" + calendarId + "\"");
}

}  // namespace

TEST_CASE("every shipped workflow and calendar validates", "[engine][workflow]") {
  std::vector<Diagnostic> diagnostics;
  const auto catalog = Catalog::loadDirectory(SOWFLOW_SOURCE_DIR "/workflows", &diagnostics);
  INFO(listed(diagnostics));
  REQUIRE(diagnostics.empty());
  REQUIRE(catalog.ok());
  for (const char* id :
       {"chaos-drill", "managed-services", "remote-ops-support", "partner-support", "tam-service"}) {
    CAPTURE(id);
    const auto workflow = catalog->workflow(id);
    REQUIRE(workflow != nullptr);
    CHECK(catalog->calendar(workflow->calendar) != nullptr);
  }
  for (const char* id : {"cn-mainland", "weekdays-utc"}) {
    CAPTURE(id);
    CHECK(catalog->calendar(id) != nullptr);
  }
}

TEST_CASE("a catalog loads workflows beside calendars/ and resolves their calendars",
          "[engine][workflow]") {
  TempDir dir;
  dir.write("calendars/test-cn.xml", kGoodCalendar);
  dir.write("mini.xml", withCalendar("test-cn"));
  dir.write("mini-v3.xml", replaced(withCalendar("test-cn"), "version=\"2\"", "version=\"3\""));
  dir.write("notes.txt", "not xml, ignored");

  std::vector<Diagnostic> diagnostics;
  const auto catalog = Catalog::loadDirectory(dir.path(), &diagnostics);
  INFO(listed(diagnostics));
  REQUIRE(catalog.ok());
  CHECK(diagnostics.empty());
  REQUIRE(catalog->workflow("mini") != nullptr);
  CHECK(catalog->workflow("mini")->version == 3);  // newest
  REQUIRE(catalog->workflow("mini", 2) != nullptr);
  CHECK(catalog->workflow("mini", 2)->version == 2);
  CHECK(catalog->workflow("mini", 1) == nullptr);
  CHECK(catalog->workflow("other") == nullptr);
  CHECK(catalog->workflows().size() == 1);
  REQUIRE(catalog->calendars().size() == 1);
  CHECK(catalog->calendar("test-cn")->revision() == "test-cn-1");
}

TEST_CASE("a catalog refuses a workflow whose calendar is missing", "[engine][workflow]") {
  TempDir dir;
  const auto file = dir.write("mini.xml", withCalendar("moon-base"));
  std::vector<Diagnostic> diagnostics;
  const auto catalog = Catalog::loadDirectory(dir.path(), &diagnostics);
  REQUIRE_FALSE(catalog.ok());
  CHECK(catalog.error().code == ErrorCode::invalid_argument);
  INFO(listed(diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].file == file.string());
  CHECK(diagnostics[0].line == 2);
  CHECK(diagnostics[0].message ==
        "workflow 'mini' uses calendar 'moon-base', which is not among the loaded calendars");
  CHECK(catalog.error().message.find("moon-base") != std::string::npos);
}

TEST_CASE("a catalog reports duplicates and files in the wrong folder", "[engine][workflow]") {
  TempDir dir;
  dir.write("calendars/a.xml", kGoodCalendar);
  dir.write("calendars/b.xml", kGoodCalendar);
  dir.write("calendars/wrong.xml", withCalendar("test-cn"));
  dir.write("one.xml", withCalendar("test-cn"));
  dir.write("two.xml", withCalendar("test-cn"));
  dir.write("cal.xml", replaced(kGoodCalendar, "id=\"test-cn\"", "id=\"stray\""));
  std::vector<Diagnostic> diagnostics;
  const auto catalog = Catalog::loadDirectory(dir.path(), &diagnostics);
  CHECK_FALSE(catalog.ok());
  INFO(listed(diagnostics));
  CHECK(diagnostics.size() == 4);
  CHECK(hasDiagnostic(diagnostics, 2, "calendar 'test-cn' is also defined in"));
  CHECK(hasDiagnostic(diagnostics, 2, "workflow 'mini' version 2 is also defined in"));
  CHECK(hasDiagnostic(diagnostics, 2, "expected a <calendar> here"));
  CHECK(hasDiagnostic(diagnostics, 2, "expected a <workflow> here"));
}

TEST_CASE("a missing workflows directory is not_found", "[engine][workflow]") {
  const auto catalog = Catalog::loadDirectory("/nonexistent/sowflow/workflows");
  REQUIRE_FALSE(catalog.ok());
  CHECK(catalog.error().code == ErrorCode::not_found);
}

TEST_CASE("validateFiles resolves calendars among the files, then the fallback",
          "[engine][workflow]") {
  TempDir dir;
  const auto calendar = dir.write("cal.xml", kGoodCalendar);
  const auto workflow = dir.write("mini.xml", withCalendar("test-cn"));
  const auto broken = dir.write("broken.xml", replaced(kGoodCalendar, "2025-02-08", "2025-02-30"));

  CHECK(Catalog::validateFiles({calendar, workflow}).empty());

  const auto alone = Catalog::validateFiles({workflow});
  INFO(listed(alone));
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].toString() == workflow.string() +
                                   ":2: workflow 'mini' uses calendar 'test-cn', which is not "
                                   "among the loaded calendars");

  Catalog fallback;
  fallback.add(loadDefinitionFile(calendar).calendar);
  CHECK(Catalog::validateFiles({workflow}, &fallback).empty());

  const auto all = Catalog::validateFiles({broken, workflow, dir.path() / "missing.xml"});
  CHECK(all.size() == 3);  // the bad date, the unresolved calendar, the unreadable file
}

TEST_CASE("the workflows directory comes from SOWFLOW_WORKFLOWS, else the source tree",
          "[engine][workflow]") {
  const char* saved = std::getenv("SOWFLOW_WORKFLOWS");
  const std::string previous = saved ? saved : "";
  ::setenv("SOWFLOW_WORKFLOWS", "/srv/sowflow/workflows", 1);
  CHECK(defaultWorkflowsDirectory() == "/srv/sowflow/workflows");
  ::unsetenv("SOWFLOW_WORKFLOWS");
  CHECK(std::filesystem::equivalent(defaultWorkflowsDirectory(), SOWFLOW_SOURCE_DIR "/workflows"));
  if (saved) ::setenv("SOWFLOW_WORKFLOWS", previous.c_str(), 1);
}
