// Milestone and deadline dates as iCalendar (SPEC §4): all-day events on
// local dates (planned milestone dates; each submission's deadline on its
// deadline_local_date), the exact deadline instant in the description, a
// reminder one working day before each deadline that is still open. UIDs are
// stable (engagement-milestone-version@sowflow) and DTSTAMP is the model's
// stamp, so the same state always gives the same bytes.
//
// A deadline event stays once its window is settled (it is history), but it
// then says the outcome and loses its VALARM, so nobody is reminded of a
// window that is already closed. A version followed by a resubmission is
// superseded: STATUS:CANCELLED. SEQUENCE counts the changes the data records
// for the event's subject (a version: decided, superseded; a milestone: its
// lifecycle transitions), so clients replace the event under the same UID
// without any wall-clock input.
#include "ics/calendar_ics.hpp"

#include <algorithm>

namespace sowflow::deliverables::detail {
namespace {

std::string icsDate(engine::Date d) {
  std::string text = engine::formatDate(d);
  text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
  return text;
}

std::string icsUtc(engine::Instant at) {  // 20250207T010000Z
  std::string text = engine::formatInstantUtc(at);
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == '-' || c == ':'; }), text.end());
  return text;
}

// The working day before `d` (skipping weekends and holidays).
engine::Date previousWorkingDay(const engine::WorkingDayCalendar& cal, engine::Date d) {
  engine::Date day = d - date::days{1};
  for (int guard = 0; guard < 60 && !cal.isWorkingDay(day); ++guard) day -= date::days{1};
  return day;
}

// Transitions the milestone machine went through (see MilestoneLifecycle::
// replay): start, then per version submit, its decision, and the rework that
// followed an objection or escalation.
int milestoneChanges(const DocMilestone& ms) {
  if (ms.state == "planned") return 0;
  int changes = 1;
  for (std::size_t i = 0; i < ms.versions.size(); ++i) {
    const auto& decision = ms.versions[i].decision;
    changes += 1 + (decision ? 1 : 0);
    const bool reworked = i + 1 < ms.versions.size() ||
                          (decision && ms.state == "in_progress" &&
                           (decision->kind == "objected" || decision->kind == "escalated"));
    if (reworked) ++changes;
  }
  return changes;
}

class Writer {
 public:
  void line(std::string_view name, std::string_view value) {
    std::string text(name);
    text += ':';
    text += value;
    out_ += foldIcsLine(text);
  }
  void textLine(std::string_view name, std::string_view value) { line(name, escapeIcsText(value)); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string escapeIcsText(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string foldIcsLine(std::string_view line) {
  std::string out;
  std::size_t used = 0, limit = 75;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;
    const auto lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0) len = 4;
    else if (lead >= 0xE0) len = 3;
    else if (lead >= 0xC0) len = 2;
    len = std::min(len, line.size() - i);
    if (used + len > limit) {
      out += "\r\n ";
      used = 1;  // the leading space counts toward the next line's 75
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

engine::Result<Document> renderCalendarIcs(const DocumentModel& m, const engine::WorkingDayCalendar& cal) {
  const auto& L = m.labels;
  const std::string stamp = icsUtc(m.stamp);
  Writer w;
  w.line("BEGIN", "VCALENDAR");
  w.line("VERSION", "2.0");
  w.line("PRODID", "-//sowflow//documents//EN");
  w.line("CALSCALE", "GREGORIAN");
  w.line("METHOD", "PUBLISH");
  w.textLine("X-WR-CALNAME", m.title);
  w.line("X-WR-TIMEZONE", m.timeZone);
  auto allDay = [&](const std::string& uid, int sequence, engine::Date d, const std::string& summary,
                    const std::string& description) {
    w.line("BEGIN", "VEVENT");
    w.line("UID", uid);
    w.line("DTSTAMP", stamp);
    w.line("SEQUENCE", std::to_string(sequence));
    w.line("DTSTART;VALUE=DATE", icsDate(d));
    w.line("DTEND;VALUE=DATE", icsDate(d + date::days{1}));
    w.textLine("SUMMARY", summary);
    w.textLine("DESCRIPTION", description);
    w.line("TRANSP", "TRANSPARENT");
  };
  const bool cancelled = m.state == "cancelled";
  const std::string sep = m.language == "zh-CN" ? "，" : ", ";
  for (const auto& ms : m.milestones) {
    allDay(m.engagementId + "-" + ms.id + "-plan@sowflow", milestoneChanges(ms), ms.plannedDate,
           L("ics.planned") + ": " + ms.title,
           m.title + "\n" + L("col.phase") + ": " + ms.phaseTitle + "\n" + L("col.state") + ": " + ms.stateLabel);
    w.line("END", "VEVENT");
    for (std::size_t i = 0; i < ms.versions.size(); ++i) {
      const auto& v = ms.versions[i];
      const DocVersion* next = i + 1 < ms.versions.size() ? &ms.versions[i + 1] : nullptr;
      // An undecided window of a cancelled engagement will never be decided.
      const bool abandoned = !v.decision && cancelled;
      std::string description = m.title + "\n" + L("col.version") + ": " + std::to_string(v.version) + "\n" +
                                L("col.deadline") + ": " + v.deadlineText;
      if (v.provisional) description += "\n" + L("ics.provisional");
      if (v.decision) description += "\n" + L("col.decision") + ": " + v.decision->kindLabel + " " + v.decision->atText;
      std::string outcome;
      if (v.decision) outcome = L("state." + v.decision->kind);
      if (next) {
        const std::string word = L.fill("ics.superseded_by", {{"version", std::to_string(next->version)}});
        outcome += (outcome.empty() ? "" : sep) + word;
        description += "\n" + word + " (" + next->submittedAtText + ")";
      }
      if (abandoned) {
        outcome += (outcome.empty() ? "" : sep) + m.stateLabel;
        description += "\n" + L("field.engagement") + ": " + m.stateLabel;
      }
      std::string summary = L("ics.deadline") + ": " + ms.title + " (v" + std::to_string(v.version) + ")";
      if (!outcome.empty()) summary += " — " + outcome;
      const int sequence = (v.decision ? 1 : 0) + (next ? 1 : 0) + (abandoned ? 1 : 0);
      allDay(m.engagementId + "-" + ms.id + "-v" + std::to_string(v.version) + "@sowflow", sequence,
             v.deadlineLocalDate, summary, description);
      if (next || abandoned) w.line("STATUS", "CANCELLED");
      if (!v.decision && !abandoned) {  // the window is still open: remind
        const engine::Date remind = previousWorkingDay(cal, v.deadlineLocalDate);
        w.line("BEGIN", "VALARM");
        w.line("ACTION", "DISPLAY");
        w.line("TRIGGER;VALUE=DATE-TIME", icsUtc(cal.startOfLocalDay(remind) + std::chrono::hours{9}));
        w.textLine("DESCRIPTION", L("ics.reminder") + ": " + ms.title);
        w.line("END", "VALARM");
      }
      w.line("END", "VEVENT");
    }
  }
  w.line("END", "VCALENDAR");
  return Document{m.engagementId + "-calendar.ics", "text/calendar; charset=utf-8", w.take()};
}

}  // namespace sowflow::deliverables::detail
