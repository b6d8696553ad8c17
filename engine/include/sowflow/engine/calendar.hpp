// Working-day calendars (SPEC §2 "Calendar", §3 conventions).
//
// A CalendarDefinition is the data of one calendar file in
// workflows/calendars/: an IANA time zone, weekend days, public holidays,
// make-up working days (weekend days that are working days, as China's State
// Council publishes them), and the years whose data is published. A
// WorkingDayCalendar is built from one and answers working-day questions in
// O(1) from tables precomputed per published year.
// Outside the published years only weekends count, and answers say
// `provisional` (SPEC §3).
// Thread-safety: a built WorkingDayCalendar is immutable and may be shared.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sowflow/engine/result.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::engine {

struct Holiday {
  Date date;
  std::string name;
};

struct CalendarDefinition {
  std::string id;
  std::string title;
  std::string timeZone;        // IANA name, e.g. "Asia/Shanghai"
  std::string revision;        // changes whenever the data changes
  std::string source;          // where the holiday data comes from
  std::vector<date::weekday> weekend;
  std::vector<Holiday> holidays;
  std::vector<Date> makeUpWorkingDays;
  int firstPublishedYear = 0;  // inclusive; 0 with lastPublishedYear 0 means "all years"
  int lastPublishedYear = 0;   // inclusive
};

struct WorkdayAnswer {
  Date date;
  bool provisional = false;
};

// The acceptance window of SPEC §2.
struct WindowDeadline {
  Instant at;              // 24:00 local at the end of the N-th working day
  Date localDate;          // that N-th working day (deadline_local_date)
  bool provisional = false;
  std::string calendarId;
  std::string calendarRevision;
};

class WorkingDayCalendar {
 public:
  // Fails with invalid_argument on an unknown time zone or inconsistent data
  // (a make-up day that is not a weekend day, a holiday on a make-up day).
  static Result<std::shared_ptr<const WorkingDayCalendar>> build(CalendarDefinition definition);

  virtual ~WorkingDayCalendar() = default;

  virtual const CalendarDefinition& definition() const = 0;
  const std::string& id() const { return definition().id; }
  const std::string& revision() const { return definition().revision; }

  virtual bool isWorkingDay(Date day) const = 0;
  // True when `day` lies in a published year (its holidays are known).
  virtual bool isPublished(Date day) const = 0;

  // The date N working days strictly after `from` (which may itself be a
  // holiday). REQUIRES nothing; fails with invalid_argument unless 1 <= n <= 366.
  virtual Result<WorkdayAnswer> addWorkingDays(Date from, int n) const = 0;
  // Working days in (from, to]; 0 when to <= from.
  virtual int countWorkingDays(Date from, Date to) const = 0;

  // The local date of `at` in the calendar's time zone.
  virtual Date localDate(Instant at) const = 0;
  // The instant at which local date `day` begins (00:00 local; DST-safe).
  virtual Instant startOfLocalDay(Date day) const = 0;
  // RFC 3339 in the calendar's zone, e.g. "2025-02-08T00:00:00+08:00".
  virtual std::string formatInstant(Instant at) const = 0;

  // SPEC §2: take the local date of `submittedAt`; the deadline is 24:00 local
  // at the end of the N-th working day after it (the submission day never counts).
  // Fails with invalid_argument unless 1 <= n <= 366.
  Result<WindowDeadline> windowDeadline(Instant submittedAt, int n) const;
};

using CalendarPtr = std::shared_ptr<const WorkingDayCalendar>;

}  // namespace sowflow::engine
