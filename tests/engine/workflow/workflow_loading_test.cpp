#include "workflow_fixtures.hpp"

using namespace sowflow::engine;
using namespace sowflow::test::workflow;

TEST_CASE("a valid workflow file loads with every field", "[engine][workflow]") {
  const auto loaded = loadDefinitionText(kGoodWorkflow, "mini.xml");
  INFO(listed(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.workflow != nullptr);
  CHECK(loaded.calendar == nullptr);
  const Workflow& w = *loaded.workflow;

  SECTION("header") {
    CHECK(w.id == "mini");
    CHECK(w.version == 2);
    CHECK(w.language == "zh-CN");
    CHECK(w.calendar == "weekdays-utc");
    CHECK(w.kind == "one-off");
    CHECK(w.title == "混沌演练技术支持服务");  // UTF-8 survives
    CHECK(w.source == "Test SOW & co");
    REQUIRE(w.termMultipleOfMonths.has_value());
    CHECK(*w.termMultipleOfMonths == 12);
  }
  SECTION("parties, editions and phases in document order") {
    REQUIRE(w.parties.size() == 3);
    CHECK(w.parties[1].id == "customer");
    CHECK(w.parties[1].title == "客户");
    REQUIRE(w.editions.size() == 2);
    CHECK(w.editions[1].id == "premium");
    CHECK(w.hasEdition("professional"));
    REQUIRE(w.phases.size() == 3);
    CHECK(w.phases[0].stage == Stage::survey);
    CHECK(w.phases[0].description == "Discuss the requirements <in detail>.");
    CHECK(w.phases[2].stage == Stage::acceptance);
  }
  SECTION("activities carry their responsibility matrix") {
    REQUIRE(w.activities.size() == 2);
    const auto& a = w.activities[0];
    CHECK(a.phase == "survey");
    CHECK(a.description == "Survey the customer.");
    CHECK(a.editions == EditionList{"premium"});
    CHECK(a.assignments.at("provider") == Raci::R);
    CHECK(a.assignments.at("customer") == Raci::S);
    CHECK(w.activities[1].assignments.at("customer-it") == Raci::A);
  }
  SECTION("milestones, deliverables, dependencies and acceptance rules") {
    REQUIRE(w.milestones.size() == 3);
    const auto& m1 = w.milestones[0];
    CHECK(m1.plannedWorkingDays == 7);
    CHECK_FALSE(m1.overlap);
    CHECK_FALSE(m1.final);
    CHECK(m1.acceptance.windowWorkingDays == 5);  // SPEC §2 defaults
    CHECK(m1.acceptance.onSilence == OnSilence::deemed_accepted);
    CHECK(m1.acceptance.submitter == "provider");
    CHECK(m1.acceptance.acceptor == "customer");
    REQUIRE(m1.deliverables.size() == 1);
    CHECK(m1.deliverables[0].format == "xlsx");
    CHECK(m1.deliverables[0].documentTemplate == "survey-form");

    const auto& m2 = *w.findMilestone("m2");
    CHECK(m2.overlap);
    CHECK(m2.dependsOn == std::vector<std::string>{"m1"});
    CHECK(m2.editions == EditionList{"premium"});
    CHECK(m2.acceptance.windowWorkingDays == 10);
    CHECK(m2.acceptance.onSilence == OnSilence::escalate);
    CHECK(m2.deliverables[0].editions == EditionList{"premium"});

    const auto& m3 = *w.findMilestone("m3");
    CHECK(m3.final);
    CHECK(m3.plannedWorkingDays == 5);
    CHECK(m3.deliverables[0].format == "any");
  }
  SECTION("notices, SLAs, quotas and recurring deliverables") {
    REQUIRE(w.findNotice("personnel-change", "premium") != nullptr);
    CHECK(w.findNotice("personnel-change", "")->workingDays == 3);
    REQUIRE(w.slas.size() == 1);
    CHECK(w.slas[0].responseMinutes == 15);
    CHECK(w.slas[0].clock == "natural");
    REQUIRE(w.quotas.size() == 1);
    CHECK(w.quotas[0].count == 10);
    CHECK(w.quotas[0].period == "calendar-month");
    CHECK_FALSE(w.quotas[0].rollover);
    REQUIRE(w.recurring.size() == 2);
    CHECK(w.recurring[0].everyMonths == 3);
    CHECK(w.recurring[1].trigger == "major-incident");
    CHECK(w.recurring[1].everyMonths == 1);
  }
}

TEST_CASE("a valid calendar file loads into a working-day calendar", "[engine][workflow]") {
  const auto loaded = loadDefinitionText(kGoodCalendar, "test-cn.xml");
  INFO(listed(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.calendar != nullptr);
  CHECK(loaded.workflow == nullptr);
  const auto& c = *loaded.calendar;
  CHECK(c.id() == "test-cn");
  CHECK(c.revision() == "test-cn-1");
  CHECK(c.definition().title == "测试日历");
  CHECK(c.definition().timeZone == "Asia/Shanghai");
  CHECK(c.definition().firstPublishedYear == 2025);
  CHECK(c.definition().lastPublishedYear == 2025);
  CHECK(c.definition().holidays.size() == 9);  // 8 days of Spring Festival + New Year
  CHECK(c.isWorkingDay(*parseDate("2025-01-26")));   // a Sunday made a working day
  CHECK_FALSE(c.isWorkingDay(*parseDate("2025-01-28")));
  CHECK_FALSE(c.isWorkingDay(*parseDate("2025-02-04")));  // ranges are inclusive
  CHECK(c.isWorkingDay(*parseDate("2025-02-05")));
}

TEST_CASE("a calendar without published years or a weekend element uses the defaults",
          "[engine][workflow]") {
  const auto loaded = loadDefinitionText(
      R"(<calendar id="plain" title="Plain" time-zone="UTC" revision="1"/>)", "plain.xml");
  INFO(listed(loaded.diagnostics));
  REQUIRE(loaded.calendar != nullptr);
  CHECK(loaded.calendar->definition().firstPublishedYear == 0);
  CHECK(loaded.calendar->definition().lastPublishedYear == 0);
  CHECK(loaded.calendar->definition().weekend.size() == 2);
  CHECK_FALSE(loaded.calendar->isWorkingDay(*parseDate("2025-03-01")));  // a Saturday
}

TEST_CASE("a diagnostic reads file:line: message", "[engine][workflow]") {
  CHECK(Diagnostic{"a.xml", 12, "bad thing"}.toString() == "a.xml:12: bad thing");
  CHECK(Diagnostic{"a.xml", 0, "cannot read file"}.toString() == "a.xml: cannot read file");
}

TEST_CASE("a file on disk loads and names itself in diagnostics", "[engine][workflow]") {
  TempDir dir;
  const auto good = dir.write("good.xml", kGoodWorkflow);
  CHECK(loadDefinitionFile(good).workflow != nullptr);

  const auto bad = dir.write("bad.xml", replaced(kGoodWorkflow, "stage=\"delivery\"", "stage=\"x\""));
  const auto loaded = loadDefinitionFile(bad);
  REQUIRE_FALSE(loaded.diagnostics.empty());
  CHECK(loaded.diagnostics[0].file == bad.string());

  const auto missing = loadDefinitionFile(dir.path() / "missing.xml");
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].message.find("cannot read file") != std::string::npos);
}
