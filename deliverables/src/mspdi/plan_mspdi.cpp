// MS Project XML (MSPDI, namespace http://schemas.microsoft.com/project):
// phases as summary tasks, milestones as milestone tasks with planned dates
// (start + cumulative planned working days) and actual finish dates,
// predecessor links from depends-on, the working-day calendar with holidays
// (non-working exceptions) and make-up days (working exceptions), party owners
// as resources assigned to the milestones they submit or accept.
#include <algorithm>
#include <map>
#include <sstream>

#include <pugixml.hpp>

#include "mspdi/plan_mspdi.hpp"

namespace sowflow::deliverables::detail {
namespace {

constexpr const char* kDayStart = "T09:00:00";
constexpr const char* kDayFinish = "T18:00:00";

std::string day(engine::Date d) { return engine::formatDate(d); }

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

void calendarNode(pugi::xml_node project, const engine::WorkingDayCalendar& cal) {
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
  for (const auto& d : def.makeUpWorkingDays) exception(exceptions, d, "make-up working day", true);
}

}  // namespace

engine::Result<Document> renderPlanMspdi(const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto project = doc.append_child("Project");
  project.append_attribute("xmlns") = "http://schemas.microsoft.com/project";
  text(project, "SaveVersion", "14");
  text(project, "Name", m.engagementId + ".xml");
  text(project, "Title", m.title);
  text(project, "Company", m.provider);
  text(project, "CreationDate", engine::formatInstantUtc(m.stamp).substr(0, 19));
  text(project, "ScheduleFromStart", "1");
  text(project, "StartDate", day(m.start) + kDayStart);
  text(project, "FinishDate", day(m.plannedEnd) + kDayFinish);
  text(project, "CalendarUID", "1");
  text(project, "MinutesPerDay", "480");
  text(project, "MinutesPerWeek", "2400");
  calendarNode(project, cal);

  auto tasks = project.append_child("Tasks");
  std::map<std::string, int> milestoneUid;
  int uid = 0;
  auto task = [&](const std::string& name, int level) {
    auto t = tasks.append_child("Task");
    text(t, "UID", std::to_string(++uid));
    text(t, "ID", std::to_string(uid));
    text(t, "Name", name);
    text(t, "OutlineLevel", std::to_string(level));
    return t;
  };
  for (const auto& m2 : m.milestones) milestoneUid[m2.id] = 0;
  for (const auto& phase : m.phases) {
    std::vector<const DocMilestone*> inPhase;
    for (const auto& ms : m.milestones) if (ms.phaseId == phase.id) inPhase.push_back(&ms);
    if (inPhase.empty()) continue;
    auto summary = task(phase.title, 1);
    text(summary, "Summary", "1");
    text(summary, "Start", day(inPhase.front()->plannedStart) + kDayStart);
    text(summary, "Finish", day(inPhase.back()->plannedDate) + kDayFinish);
    for (const auto* ms : inPhase) {
      auto t = task(ms->title, 2);
      milestoneUid[ms->id] = uid;
      text(t, "Milestone", "1");
      text(t, "Start", day(ms->plannedDate) + kDayFinish);
      text(t, "Finish", day(ms->plannedDate) + kDayFinish);
      text(t, "Duration", "PT0H0M0S");
      if (ms->closedAt) {
        const std::string at = day(cal.localDate(*ms->closedAt)) + kDayFinish;
        text(t, "ActualStart", at);
        text(t, "ActualFinish", at);
        text(t, "PercentComplete", "100");
      } else {
        text(t, "PercentComplete", "0");
      }
      text(t, "Notes", ms->id + ": " + ms->stateLabel);
    }
  }
  // Links after all UIDs are known; a dependency on a milestone of another
  // edition is skipped (it is not in this engagement).
  for (auto t = tasks.first_child(); t; t = t.next_sibling()) {
    for (const auto& ms : m.milestones) {
      if (std::to_string(milestoneUid[ms.id]) != t.child_value("UID")) continue;
      for (const auto& dep : ms.dependsOn) {
        const auto found = milestoneUid.find(dep);
        if (found == milestoneUid.end() || found->second == 0) continue;
        auto link = t.append_child("PredecessorLink");
        text(link, "PredecessorUID", std::to_string(found->second));
        text(link, "Type", "1");  // finish-to-start
      }
    }
  }

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
    if (!p.ownerEmail.empty()) text(r, "EmailAddress", p.ownerEmail);
    text(r, "Group", p.role);
    resourceUid[p.id] = rid;
  }
  auto assignments = project.append_child("Assignments");
  int aid = 0;
  for (const auto& ms : m.milestones) {
    for (const auto& party : {ms.submitterParty, ms.acceptorParty}) {
      const auto found = resourceUid.find(party);
      if (found == resourceUid.end() || milestoneUid[ms.id] == 0) continue;
      auto a = assignments.append_child("Assignment");
      text(a, "UID", std::to_string(++aid));
      text(a, "TaskUID", std::to_string(milestoneUid[ms.id]));
      text(a, "ResourceUID", std::to_string(found->second));
      text(a, "Units", "1");
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return Document{m.engagementId + "-plan.xml", "application/vnd.ms-project+xml", out.str()};
}

}  // namespace sowflow::deliverables::detail
