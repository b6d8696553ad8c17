// The MS Project XML plan against the MSPDI schema and the engagement's data:
// element order (the schema is all xs:sequence, so Project rejects a file out
// of order), actual dates of closed milestones (a deemed acceptance finishes on
// the window's last day, not the day after its 24:00 deadline), Baseline 0
// with the planned dates, CreationDate in local time, zh-CN calendar names.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/documents.hpp"

using namespace sowflow;
using namespace sowflow::testing;

namespace {

// The schema's sequence order for the elements the generator writes, with
// some neighbours, taken from mspdi_pj12.xsd as reflected by MPXJ's generated
// schema classes (org.mpxj.mspdi.schema.Project, @XmlType propOrder, which
// follows the later mspdi_pj15 superset; relative order of pj12 elements is
// the same). Keyed by element name, or "Parent/Element" where the same name
// has different contents in different places.
const std::map<std::string, std::vector<std::string>>& schemaOrder() {
  static const std::map<std::string, std::vector<std::string>> order = {
      {"Project",
       {"SaveVersion", "UID", "Name", "GUID", "Title", "Subject", "Category", "Company", "Manager", "Author",
        "CreationDate", "Revision", "LastSaved", "ScheduleFromStart", "StartDate", "FinishDate", "FYStartDate",
        "CriticalSlackLimit", "CurrencyDigits", "CurrencySymbol", "CurrencyCode", "CurrencySymbolPosition",
        "CalendarUID", "DefaultStartTime", "DefaultFinishTime", "MinutesPerDay", "MinutesPerWeek", "DaysPerMonth",
        "DefaultTaskType", "StatusDate", "CurrentDate", "OutlineCodes", "WBSMasks", "ExtendedAttributes",
        "Calendars", "Tasks", "Resources", "Assignments"}},
      {"Calendars", {"Calendar"}},
      {"Calendar",
       {"UID", "GUID", "Name", "IsBaseCalendar", "IsBaselineCalendar", "BaseCalendarUID", "WeekDays", "Exceptions",
        "WorkWeeks"}},
      {"WeekDays", {"WeekDay"}},
      {"WeekDay", {"DayType", "DayWorking", "TimePeriod", "WorkingTimes"}},
      {"Exceptions", {"Exception"}},
      {"Exception",
       {"EnteredByOccurrences", "TimePeriod", "Occurrences", "Name", "Type", "Period", "DaysOfWeek", "MonthItem",
        "MonthPosition", "Month", "MonthDay", "DayWorking", "WorkingTimes"}},
      {"TimePeriod", {"FromDate", "ToDate"}},
      {"WorkingTimes", {"WorkingTime"}},
      {"WorkingTime", {"FromTime", "ToTime"}},
      {"Tasks", {"Task"}},
      {"Task",
       {"UID", "GUID", "ID", "Name", "Active", "Manual", "Type", "IsNull", "CreateDate", "Contact", "WBS", "WBSLevel",
        "OutlineNumber", "OutlineLevel", "Priority", "Start", "Finish", "Duration", "DurationFormat", "Work", "Stop",
        "Resume", "ResumeValid", "EffortDriven", "Recurring", "OverAllocated", "Estimated", "Milestone", "Summary",
        "DisplayAsSummary", "Critical", "IsSubproject", "EarlyStart", "EarlyFinish", "LateStart", "LateFinish",
        "FixedCost", "FixedCostAccrual", "PercentComplete", "PercentWorkComplete", "Cost", "OvertimeCost",
        "OvertimeWork", "ActualStart", "ActualFinish", "ActualDuration", "ActualCost", "ActualWork",
        "RemainingDuration", "ConstraintType", "CalendarUID", "ConstraintDate", "Deadline", "Hyperlink", "Notes",
        "HideBar", "Rollup", "PhysicalPercentComplete", "EarnedValueMethod", "PredecessorLink", "ExtendedAttribute",
        "Baseline", "OutlineCode", "IsPublished", "StartText", "FinishText", "TimephasedData"}},
      {"PredecessorLink", {"PredecessorUID", "Type", "CrossProject", "CrossProjectName", "LinkLag", "LagFormat"}},
      {"Task/Baseline",
       {"TimephasedData", "Number", "Interim", "Start", "Finish", "Duration", "DurationFormat", "EstimatedDuration",
        "Work", "Cost", "BCWS", "BCWP", "FixedCost"}},
      {"Resources", {"Resource"}},
      {"Resource",
       {"UID", "GUID", "ID", "Name", "Type", "IsNull", "Initials", "Phonetics", "NTAccount", "MaterialLabel", "Code",
        "Group", "WorkGroup", "EmailAddress", "Hyperlink", "HyperlinkAddress", "MaxUnits", "PeakUnits",
        "OverAllocated", "AvailableFrom", "AvailableTo", "Start", "Finish", "CanLevel", "AccrueAt", "Work",
        "StandardRate", "CalendarUID", "Notes", "IsGeneric", "IsInactive", "CreationDate", "ExtendedAttribute",
        "Baseline", "OutlineCode"}},
      {"Assignments", {"Assignment"}},
      {"Assignment",
       {"UID", "GUID", "TaskUID", "ResourceUID", "PercentWorkComplete", "ActualCost", "ActualFinish",
        "ActualOvertimeCost", "ActualOvertimeWork", "ActualStart", "ActualWork", "ACWP", "Confirmed", "Cost",
        "CostRateTable", "CostVariance", "CV", "Delay", "Finish", "Milestone", "Notes", "Start", "Units", "Work",
        "WorkContour", "ExtendedAttribute", "Baseline", "TimephasedData"}},
  };
  return order;
}

// Elements the schema lets repeat (maxOccurs > 1) in the lists above.
const std::set<std::string> kRepeating = {"Calendar", "WeekDay", "Exception", "WorkingTime", "Task",
                                          "PredecessorLink", "ExtendedAttribute", "Baseline", "OutlineCode",
                                          "Resource", "Assignment"};

// Every problem found under `node`: a child the table does not know, one that
// comes before an element it must follow, or a repeated single element.
void checkOrder(pugi::xml_node node, const std::string& path, std::vector<std::string>& problems) {
  const std::string name = node.name();
  const auto& table = schemaOrder();
  auto found = table.find(std::string(node.parent().name()) + "/" + name);
  if (found == table.end()) found = table.find(name);
  if (found == table.end()) {
    if (node.first_child().type() == pugi::node_element) problems.push_back(path + ": no order table for it");
    return;
  }
  const auto& sequence = found->second;
  std::ptrdiff_t last = -1;
  std::string lastName;
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string childName = child.name();
    const auto at = std::find(sequence.begin(), sequence.end(), childName);
    if (at == sequence.end()) {
      problems.push_back(path + "/" + childName + ": not in the schema order table");
      continue;
    }
    const auto index = at - sequence.begin();
    if (index < last) problems.push_back(path + "/" + childName + " comes after " + lastName);
    if (index == last && !kRepeating.count(childName)) problems.push_back(path + "/" + childName + " repeated");
    last = index;
    lastName = childName;
    checkOrder(child, path + "/" + childName, problems);
  }
}

std::vector<std::string> orderProblems(const std::string& xml) {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  std::vector<std::string> problems;
  checkOrder(doc.child("Project"), "Project", problems);
  return problems;
}

// A fixture and its rendered, parsed plan.
struct Plan {
  explicit Plan(DocFixture f) : fixture(std::move(f)) {
    auto result = deliverables::planMspdi(fixture.context());
    REQUIRE(result);
    xml = result->bytes;
    REQUIRE(doc.load_string(xml.c_str()));
  }
  DocFixture fixture;
  std::string xml;
  pugi::xml_document doc;
};

// The task whose Notes start with "<milestone id>:".
pugi::xml_node milestoneTask(const pugi::xml_document& doc, const std::string& id) {
  for (auto task : doc.child("Project").child("Tasks").children("Task")) {
    if (std::string(task.child_value("Notes")).rfind(id + ":", 0) == 0) return task;
  }
  return {};
}

std::string localDate(const DocFixture& fixture, engine::Instant at) {
  return engine::formatDate(fixture.calendar->localDate(at));
}

}  // namespace

TEST_CASE("every element of the plan comes in the MSPDI schema's sequence order", "[deliverables][mspdi]") {
  for (const auto& make : {chaosDrillPremium, tamServiceZh, managedServices, remoteOpsSupport}) {
    Plan plan{make()};
    INFO(plan.fixture.name);
    const auto problems = orderProblems(plan.xml);
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    INFO(all);
    CHECK(problems.empty());
  }
}

TEST_CASE("the schema order check reports a misplaced, an unknown and a repeated element", "[deliverables][mspdi]") {
  const auto problems = orderProblems(
      "<Project><Tasks><Task><UID>1</UID><Milestone>1</Milestone><Start>x</Start><Start>y</Start>"
      "<Colour>red</Colour></Task></Tasks>"
      "<Resources><Resource><UID>1</UID><EmailAddress>a@b</EmailAddress><Group>g</Group></Resource></Resources>"
      "</Project>");
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "Project/Tasks/Task/Start comes after Milestone");
  CHECK(problems[1] == "Project/Tasks/Task/Start repeated");
  CHECK(problems[2] == "Project/Tasks/Task/Colour: not in the schema order table");
  CHECK(problems[3] == "Project/Resources/Resource/Group comes after EmailAddress");
}

TEST_CASE("a deemed acceptance finishes on the last day of its window, not the day after its 24:00 deadline",
          "[deliverables][mspdi]") {
  struct Case {
    DocFixture (*make)();
    const char* milestone;
  };
  for (const auto& c : {Case{chaosDrillPremium, "capability-building-solution"}, Case{tamServiceZh, "term-end"},
                        Case{managedServices, "solution-report"}}) {
    Plan plan{c.make()};
    INFO(plan.fixture.name << " " << c.milestone);
    const auto* progress = plan.fixture.engagement.findMilestone(c.milestone);
    REQUIRE(progress);
    REQUIRE(progress->state == engine::MilestoneState::deemed_accepted);
    const auto& version = progress->submissions.back();
    // The fixture's deadline is local 24:00, i.e. 00:00 of the following date.
    REQUIRE(localDate(plan.fixture, version.deadline) != engine::formatDate(version.deadlineLocalDate));
    const auto task = milestoneTask(plan.doc, c.milestone);
    REQUIRE(task);
    const std::string expected = engine::formatDate(version.deadlineLocalDate) + "T18:00:00";
    CHECK(std::string(task.child_value("ActualFinish")) == expected);
    CHECK(plan.fixture.calendar->isWorkingDay(version.deadlineLocalDate));
  }
  Plan chaos{chaosDrillPremium()};
  // The window ended Friday 2025-03-14; Saturday 03-15 was the old, wrong answer.
  CHECK(std::string(milestoneTask(chaos.doc, "capability-building-solution").child_value("ActualFinish")) ==
        "2025-03-14T18:00:00");
}

TEST_CASE("closed milestones carry ActualStart and ActualFinish, open ones carry neither", "[deliverables][mspdi]") {
  for (const auto& make : {chaosDrillPremium, tamServiceZh, managedServices, remoteOpsSupport}) {
    Plan plan{make()};
    int closed = 0;
    for (const auto& progress : plan.fixture.engagement.milestones) {
      INFO(plan.fixture.name << " " << progress.id);
      const auto task = milestoneTask(plan.doc, progress.id);
      if (!task) continue;  // a milestone outside any phase has no task
      if (progress.closedAt) {
        ++closed;
        REQUIRE(task.child("ActualStart"));
        REQUIRE(task.child("ActualFinish"));
        CHECK(std::string(task.child_value("ActualStart")) == task.child_value("ActualFinish"));
        CHECK(std::string(task.child_value("PercentComplete")) == "100");
        if (progress.state == engine::MilestoneState::accepted) {  // clicked: the decision's own local date
          CHECK(std::string(task.child_value("ActualFinish")) ==
                localDate(plan.fixture, *progress.closedAt) + "T18:00:00");
        }
      } else {
        CHECK_FALSE(task.child("ActualStart"));
        CHECK_FALSE(task.child("ActualFinish"));
        CHECK(std::string(task.child_value("PercentComplete")) == "0");
      }
    }
    if (plan.fixture.name == "chaos-drill-premium") CHECK(closed == 3);
    if (plan.fixture.name == "remote-ops-support") CHECK(closed == 0);
  }
}

TEST_CASE("every task keeps its planned dates in Baseline 0 beside its actual dates", "[deliverables][mspdi]") {
  Plan plan{chaosDrillPremium()};
  int tasks = 0;
  for (auto task : plan.doc.child("Project").child("Tasks").children("Task")) {
    ++tasks;
    INFO(task.child_value("Name"));
    const auto baselines = task.children("Baseline");
    REQUIRE(std::distance(baselines.begin(), baselines.end()) == 1);
    const auto baseline = task.child("Baseline");
    CHECK(std::string(baseline.child_value("Number")) == "0");
    CHECK(std::string(baseline.child_value("Start")) == task.child_value("Start"));
    CHECK(std::string(baseline.child_value("Finish")) == task.child_value("Finish"));
    CHECK(std::string(baseline.child_value("Duration")) == task.child_value("Duration"));
  }
  CHECK(tasks == 8);
  // The deemed milestone: planned 2025-02-28, finished 2025-03-14; both are in the file.
  const auto building = milestoneTask(plan.doc, "capability-building-solution");
  CHECK(std::string(building.child("Baseline").child_value("Finish")) == "2025-02-28T18:00:00");
  CHECK(std::string(building.child_value("ActualFinish")) == "2025-03-14T18:00:00");
  // A phase summary's planned duration counts the working days between its Start and Finish
  // (Requirement survey: 01-20..01-24 and the make-up Sunday 01-26 = 6 days).
  const auto survey = plan.doc.child("Project").child("Tasks").child("Task");
  CHECK(std::string(survey.child_value("Summary")) == "1");
  CHECK(std::string(survey.child("Baseline").child_value("Duration")) == "PT48H0M0S");
}

TEST_CASE("CreationDate is the data's latest instant in the calendar's local time, not UTC or now",
          "[deliverables][mspdi]") {
  for (const auto& make : {chaosDrillPremium, tamServiceZh, managedServices, remoteOpsSupport}) {
    Plan plan{make()};
    INFO(plan.fixture.name);
    engine::Instant latest = plan.fixture.engagement.createdAt;
    for (const auto& e : plan.fixture.journal) latest = std::max({latest, e.effectiveAt, e.recordedAt});
    const std::string expected = plan.fixture.calendar->formatInstant(latest).substr(0, 19);
    CHECK(std::string(plan.doc.child("Project").child_value("CreationDate")) == expected);
  }
  Plan chaos{chaosDrillPremium()};
  CHECK(std::string(chaos.doc.child("Project").child_value("CreationDate")) == "2025-03-18T10:00:00");  // 02:00Z
}

TEST_CASE("make-up working days are named in the workflow's language", "[deliverables][mspdi]") {
  auto makeUpNames = [](const pugi::xml_document& doc) {
    std::set<std::string> names;
    for (auto e : doc.child("Project").child("Calendars").child("Calendar").child("Exceptions").children()) {
      if (e.child("DayWorking").text().as_int()) names.insert(e.child_value("Name"));
    }
    return names;
  };
  Plan zh{tamServiceZh()};
  CHECK(makeUpNames(zh.doc) == std::set<std::string>{"调休工作日"});
  Plan en{chaosDrillPremium()};
  CHECK(makeUpNames(en.doc) == std::set<std::string>{"Make-up working day"});
}
