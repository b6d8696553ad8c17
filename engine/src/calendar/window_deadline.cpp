// WorkingDayCalendar::windowDeadline: the acceptance window of SPEC §2.
#include "sowflow/engine/calendar.hpp"

namespace sowflow::engine {

Result<WindowDeadline> WorkingDayCalendar::windowDeadline(Instant submittedAt, int n) const {
  // SPEC §2: the submission's local date in the calendar's zone never counts.
  const Date submittedOn = localDate(submittedAt);
  auto last = addWorkingDays(submittedOn, n);
  if (!last.ok()) return last.error();
  WindowDeadline deadline;
  deadline.localDate = last->date;
  // 24:00 local of the last day is 00:00 local of the next one; computing it
  // from the next local midnight stays right on days that are 23 or 25 hours long.
  deadline.at = startOfLocalDay(last->date + date::days{1});
  deadline.provisional = last->provisional;
  deadline.calendarId = id();
  deadline.calendarRevision = revision();
  return deadline;
}

}  // namespace sowflow::engine
