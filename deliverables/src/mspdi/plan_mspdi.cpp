// MS Project XML (MSPDI, namespace http://schemas.microsoft.com/project):
// phases as summary tasks, milestones as milestone tasks with planned dates
// (start + cumulative planned working days) and actual dates, predecessor
// links from depends-on, the working-day calendar with holidays (non-working
// exceptions) and make-up days (working exceptions), party owners as
// resources assigned to the milestones they submit or accept.
//
// The schema (mspdi_pj12.xsd and its successors) declares every element list
// as an xs:sequence, so ORDER is part of the format: Project refuses a file
// whose children are out of order. Each writer below emits its children in
// the schema's order; tests/deliverables/plan_mspdi_test.cpp holds the order
// table and checks every fixture against it. Add new elements in that order.
//
// Dates are local wall-clock times in the project calendar's zone, without an
// offset (MSPDI has none); CreationDate is the model's stamp (the latest
// instant in the data), never the wall clock, so output stays deterministic.
#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include <pugixml.hpp>

#include "mspdi/plan_mspdi.hpp"

namespace sowflow::deliverables::detail {
namespace {

constexpr const char* kDayStart = "T09:00:00";
constexpr const char* kDayFinish = "T18:00:00";
constexpr int kHoursPerDay = 8;  // MinutesPerDay 480

std::string day(engine::Date d) { return engine::formatDate(d); }

std::string hours(int h) { return "PT" + std::to_string(h) + "H0M0S"; }

void text(pugi::xml_node parent, const char* name, const std::string& value) {
  parent.append_child(name).text().set(value.c_str());
}

void workingTimes(pugi::xml_node parent) {
  auto times = parent.append_child("WorkingTimes");
  auto am = times.append_child("WorkingTime");
  text(am, "FromTime", "09:00:00");
  text(am, "ToTime", "12:00:00");
  auto pm = times.append_child("WorkingTime");
  text(pm, "FromTime", "13:00:00");
  text(pm, "ToTime", "18:00:00");
}

// Schema order: EnteredByOccurrences, TimePeriod, Occurrences, Name, Type, DayWorking, WorkingTimes.
void exception(pugi::xml_node parent, engine::Date d, const std::string& name, bool working) {
  auto e = parent.append_child("Exception");
  text(e, "EnteredByOccurrences", "0");
  auto period = e.append_child("TimePeriod");
  text(period, "FromDate", day(d) + "T00:00:00");
  text(period, "ToDate", day(d) + "T23:59:00");
  text(e, "Occurrences", "1");
  text(e, "Name", name);
  text(e, "Type", "1");
  text(e, "DayWorking", working ? "1" : "0");
  if (working) workingTimes(e);
}

// Schema order: UID, Name, IsBaseCalendar, WeekDays, Exceptions.
void calendarNode(pugi::xml_node project, const engine::WorkingDayCalendar& cal,
                  const std::string& makeUpName) {
  const auto& def = cal.definition();
  auto c = project.append_child("Calendars").append_child("Calendar");
  text(c, "UID", "1");
  text(c, "Name", def.title.empty() ? def.id : def.title);
  text(c, "IsBaseCalendar", "1");
  auto weekDays = c.append_child("WeekDays");
  for (unsigned w = 0; w < 7; ++w) {  // MSPDI DayType 1 = Sunday .. 7 = Saturday
    const date::weekday wd{w};
    const bool weekend = std::find(def.weekend.begin(), def.weekend.end(), wd) != def.weekend.end();
    auto d = weekDays.append_child("WeekDay");
    text(d, "DayType", std::to_string(w + 1));
    text(d, "DayWorking", weekend ? "0" : "1");
    if (!weekend) workingTimes(d);
  }
  auto exceptions = c.append_child("Exceptions");
  for (const auto& h : def.holidays) exception(exceptions, h.date, h.name, false);
  for (const auto& d : def.makeUpWorkingDays) exception(exceptions, d, makeUpName, true);
}

// The local date a closed milestone was finished on. A deemed acceptance (or
// an escalation, should one ever close a milestone) is recorded at the
// deadline instant, 24:00 local of the window's last day, which is 00:00 of
// the NEXT date; the window's own last date is the day it really ended.
engine::Date actualDay(const DocMilestone& ms, const engine::WorkingDayCalendar& cal) {
  for (auto v = ms.versions.rbegin(); v != ms.versions.rend(); ++v) {
    if (!v->decision || v->decision->at != *ms.closedAt) continue;
    if (v->decision->kind == "deemed_accepted" || v->decision->kind == "escalated") return v->deadlineLocalDate;
    break;
  }
  return cal.localDate(*ms.closedAt);
}

// One row of the Tasks list, planned before any XML is written so that every
// UID is known when a task's PredecessorLinks (which precede Baseline) go out.
struct TaskRow {
  std::string name;
  int level = 1;
  std::string start, finish;  // planned, local
  int hours = 0;              // planned duration
  const DocMilestone* milestone = nullptr;  // null for a phase's summary task
};

// Schema order used: UID, ID, Name, OutlineLevel, Start, Finish, Duration,
// Milestone, Summary, PercentComplete, ActualStart, ActualFinish, Notes,
// PredecessorLink*, Baseline.
void taskNode(pugi::xml_node tasks, int uid, const TaskRow& row, const std::map<std::string, int>& uids,
              const engine::WorkingDayCalendar& cal) {
  auto t = tasks.append_child("Task");
  text(t, "UID", std::to_string(uid));
  text(t, "ID", std::to_string(uid));
  text(t, "Name", row.name);
  text(t, "OutlineLevel", std::to_string(row.level));
  text(t, "Start", row.start);
  text(t, "Finish", row.finish);
  text(t, "Duration", hours(row.hours));
  const DocMilestone* ms = row.milestone;
  if (!ms) {
    text(t, "Summary", "1");
  } else {
    text(t, "Milestone", "1");
    text(t, "PercentComplete", ms->closedAt ? "100" : "0");
    if (ms->closedAt) {
      const std::string at = day(actualDay(*ms, cal)) + kDayFinish;
      text(t, "ActualStart", at);  // a milestone has no span: it starts when it finishes
      text(t, "ActualFinish", at);
    }
    text(t, "Notes", ms->id + ": " + ms->stateLabel);
    // A dependency on a milestone of another edition is skipped (it is not in this engagement).
    for (const auto& dep : ms->dependsOn) {
      const auto found = uids.find(dep);
      if (found == uids.end()) continue;
      auto link = t.append_child("PredecessorLink");
      text(link, "PredecessorUID", std::to_string(found->second));
      text(link, "Type", "1");  // finish-to-start
    }
  }
  // Baseline 0 keeps the plan visible next to the actuals (Project compares the two).
  auto baseline = t.append_child("Baseline");
  text(baseline, "Number", "0");
  text(baseline, "Start", row.start);
  text(baseline, "Finish", row.finish);
  text(baseline, "Duration", hours(row.hours));
}

std::vector<TaskRow> planRows(const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  std::vector<TaskRow> rows;
  for (const auto& phase : m.phases) {
    std::vector<const DocMilestone*> inPhase;
    for (const auto& ms : m.milestones) if (ms.phaseId == phase.id) inPhase.push_back(&ms);
    if (inPhase.empty()) continue;
    const engine::Date first = inPhase.front()->plannedStart;
    const engine::Date last = inPhase.back()->plannedDate;
    // Working days in [first, last]: the span the summary's Start and Finish show.
    const int days = cal.countWorkingDays(first - date::days{1}, last);
    rows.push_back({phase.title, 1, day(first) + kDayStart, day(last) + kDayFinish, days * kHoursPerDay, nullptr});
    for (const auto* ms : inPhase) {
      const std::string at = day(ms->plannedDate) + kDayFinish;
      rows.push_back({ms->title, 2, at, at, 0, ms});
    }
  }
  return rows;
}

void tasksNode(pugi::xml_node project, const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  const auto rows = planRows(m, cal);
  std::map<std::string, int> uids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].milestone) uids[rows[i].milestone->id] = static_cast<int>(i + 1);
  }
  auto tasks = project.append_child("Tasks");
  for (std::size_t i = 0; i < rows.size(); ++i) taskNode(tasks, static_cast<int>(i + 1), rows[i], uids, cal);

  // Resources: UID, ID, Name, Type, Group, EmailAddress (Group precedes EmailAddress).
  auto resources = project.append_child("Resources");
  std::map<std::string, int> resourceUid;
  int rid = 0;
  for (const auto& p : m.parties) {
    if (p.ownerName.empty()) continue;
    auto r = resources.append_child("Resource");
    text(r, "UID", std::to_string(++rid));
    text(r, "ID", std::to_string(rid));
    text(r, "Name", p.ownerName);
    text(r, "Type", "1");
    text(r, "Group", p.role);
    if (!p.ownerEmail.empty()) text(r, "EmailAddress", p.ownerEmail);
    resourceUid[p.id] = rid;
  }
  // Assignments: UID, TaskUID, ResourceUID, Units.
  auto assignments = project.append_child("Assignments");
  int aid = 0;
  for (const auto& ms : m.milestones) {
    const auto task = uids.find(ms.id);
    if (task == uids.end()) continue;
    for (const auto& party : {ms.submitterParty, ms.acceptorParty}) {
      const auto found = resourceUid.find(party);
      if (found == resourceUid.end()) continue;
      auto a = assignments.append_child("Assignment");
      text(a, "UID", std::to_string(++aid));
      text(a, "TaskUID", std::to_string(task->second));
      text(a, "ResourceUID", std::to_string(found->second));
      text(a, "Units", "1");
    }
  }
}

}  // namespace

engine::Result<Document> renderPlanMspdi(const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto project = doc.append_child("Project");
  project.append_attribute("xmlns") = "http://schemas.microsoft.com/project";
  // Schema order: SaveVersion, Name, Title, Company, CreationDate,
  // ScheduleFromStart, StartDate, FinishDate, CalendarUID, MinutesPerDay,
  // MinutesPerWeek, Calendars, Tasks, Resources, Assignments.
  text(project, "SaveVersion", "14");
  text(project, "Name", m.engagementId + ".xml");
  text(project, "Title", m.title);
  text(project, "Company", m.provider);
  // Local like every other date here: "2025-03-18T10:00:00+08:00" without the offset.
  text(project, "CreationDate", cal.formatInstant(m.stamp).substr(0, 19));
  text(project, "ScheduleFromStart", "1");
  text(project, "StartDate", day(m.start) + kDayStart);
  text(project, "FinishDate", day(m.plannedEnd) + kDayFinish);
  text(project, "CalendarUID", "1");
  text(project, "MinutesPerDay", std::to_string(kHoursPerDay * 60));
  text(project, "MinutesPerWeek", std::to_string(kHoursPerDay * 60 * 5));
  calendarNode(project, cal, m.labels("plan.make_up_day"));
  tasksNode(project, m, cal);

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return Document{m.engagementId + "-plan.xml", "application/vnd.ms-project+xml", out.str()};
}

}  // namespace sowflow::deliverables::detail
