// WorkingDayCalendar::build and the one concrete calendar it returns
// (calendar.hpp; rules in docs/calendars.md).
//
// build() checks the definition, resolves the IANA zone once (the tz database
// lookup is not cheap) and precomputes a DayTable over the published years, so
// every working-day question afterwards is O(1) and allocation-free.
#include <date/tz.h>

#include <algorithm>
#include <exception>
#include <set>
#include <string>

#include "calendar/day_table.hpp"
#include "calendar/local_zone.hpp"
#include "sowflow/engine/calendar.hpp"

namespace sowflow::engine {

namespace {

constexpr int kMinDays = 1;
constexpr int kMaxDays = 366;  // SPEC §3: N must be 1..366
constexpr int kMaxPublishedSpanYears = 400;
// The day table reaches this many years beyond the published ones (weekends
// only there), so that windows opened near the edges of the published years,
// the common case, stay on the table's fastest path. Changes no answer.
constexpr int kTablePaddingYears = 5;

const char* weekdayName(date::weekday day) {
  static const char* const kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
  return kNames[day.c_encoding()];
}

std::int64_t dayNumber(Date day) { return day.time_since_epoch().count(); }
Date fromDayNumber(std::int64_t day) { return Date{date::days{day}}; }
Date firstDayOfYear(int year) {
  return Date{date::year{year} / date::January / 1};
}

class TableCalendar final : public WorkingDayCalendar {
 public:
  TableCalendar(CalendarDefinition definition, const date::time_zone* zone, bool allYears,
                Date publishedFirst, Date publishedEnd, detail::DayTable table)
      : definition_(std::move(definition)),
        zone_(zone),
        allYears_(allYears),
        publishedFirst_(dayNumber(publishedFirst)),
        publishedEnd_(dayNumber(publishedEnd)),
        table_(std::move(table)) {}

  const CalendarDefinition& definition() const override { return definition_; }

  bool isWorkingDay(Date day) const override { return table_.isWorkingDay(dayNumber(day)); }

  bool isPublished(Date day) const override {
    const auto d = dayNumber(day);
    return allYears_ || (d >= publishedFirst_ && d < publishedEnd_);
  }

  Result<WorkdayAnswer> addWorkingDays(Date from, int n) const override {
    if (n < kMinDays || n > kMaxDays) {
      return makeError(ErrorCode::invalid_argument,
                       "Expected days between 1 and 366, but got " + std::to_string(n), "days");
    }
    const auto start = dayNumber(from);
    const auto result = table_.add(start, n);
    // SPEC §3: the days looked at are (from, result]; any of them outside the
    // published years makes the answer provisional.
    const bool provisional = !allYears_ && (start + 1 < publishedFirst_ || result >= publishedEnd_);
    return WorkdayAnswer{fromDayNumber(result), provisional};
  }

  int countWorkingDays(Date from, Date to) const override {
    return static_cast<int>(table_.count(dayNumber(from), dayNumber(to)));
  }

  Date localDate(Instant at) const override { return zone_.localDate(at); }
  Instant startOfLocalDay(Date day) const override { return zone_.startOfLocalDay(day); }
  std::string formatInstant(Instant at) const override { return zone_.format(at); }

 private:
  CalendarDefinition definition_;
  detail::LocalZone zone_;
  bool allYears_;
  std::int64_t publishedFirst_;
  std::int64_t publishedEnd_;
  detail::DayTable table_;
};

// Working-day flags for every day of [first, end).
detail::DayTable makeTable(unsigned weekendMask, const std::set<std::int64_t>& holidays,
                           const std::set<std::int64_t>& makeUps, Date first, Date end) {
  std::vector<std::uint8_t> flags(static_cast<std::size_t>(dayNumber(end) - dayNumber(first)));
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const auto d = dayNumber(first) + static_cast<std::int64_t>(i);
    const bool weekend = ((weekendMask >> date::weekday{fromDayNumber(d)}.c_encoding()) & 1U) != 0;
    flags[i] = makeUps.count(d) || (!weekend && !holidays.count(d)) ? 1 : 0;
  }
  return detail::DayTable(weekendMask, dayNumber(first), flags);
}

Error invalid(const CalendarDefinition& definition, std::string message) {
  return makeError(ErrorCode::invalid_argument,
                   "calendar '" + definition.id + "': " + std::move(message), definition.id);
}

}  // namespace

Result<std::shared_ptr<const WorkingDayCalendar>> WorkingDayCalendar::build(
    CalendarDefinition definition) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(definition.timeZone);
  } catch (const std::exception&) {
    return invalid(definition, "unknown time zone '" + definition.timeZone +
                                   "' (expected an IANA name such as Asia/Shanghai)");
  }

  unsigned weekendMask = 0;
  for (const auto day : definition.weekend) {
    if (!day.ok()) return invalid(definition, "invalid weekend day");
    weekendMask |= 1U << day.c_encoding();
  }
  if (weekendMask == 0x7F) return invalid(definition, "every day of the week is a weekend day");

  const int firstYear = definition.firstPublishedYear;
  const int lastYear = definition.lastPublishedYear;
  const bool allYears = firstYear == 0 && lastYear == 0;
  if (!allYears && (firstYear < 1 || lastYear > 9999 || firstYear > lastYear ||
                    lastYear - firstYear >= kMaxPublishedSpanYears)) {
    return invalid(definition, "published years " + std::to_string(firstYear) + ".." +
                                   std::to_string(lastYear) +
                                   " are not a range of at most 400 years within 1..9999");
  }

  std::set<std::int64_t> holidays;
  std::set<std::int64_t> makeUps;
  for (const auto& holiday : definition.holidays) holidays.insert(dayNumber(holiday.date));
  for (const auto day : definition.makeUpWorkingDays) {
    const date::weekday weekday{day};
    if (((weekendMask >> weekday.c_encoding()) & 1U) == 0) {
      return invalid(definition, "make-up working day " + formatDate(day) + " is a " +
                                     weekdayName(weekday) + ", not a weekend day");
    }
    if (holidays.count(dayNumber(day))) {
      return invalid(definition,
                     "make-up working day " + formatDate(day) + " is also listed as a holiday");
    }
    makeUps.insert(dayNumber(day));
  }

  // The published span: the published years, or (every year known) the days the data touches.
  Date spanFirst{}, spanEnd{};
  if (!allYears) {
    spanFirst = firstDayOfYear(firstYear);
    spanEnd = firstDayOfYear(lastYear + 1);
    for (const auto& set : {holidays, makeUps}) {
      for (const auto d : set) {
        if (d < dayNumber(spanFirst) || d >= dayNumber(spanEnd)) {
          return invalid(definition, "date " + formatDate(fromDayNumber(d)) +
                                         " lies outside the published years " +
                                         std::to_string(firstYear) + ".." +
                                         std::to_string(lastYear));
        }
      }
    }
  } else if (!holidays.empty() || !makeUps.empty()) {
    auto lo = std::min(holidays.empty() ? *makeUps.begin() : *holidays.begin(),
                       makeUps.empty() ? *holidays.begin() : *makeUps.begin());
    auto hi = std::max(holidays.empty() ? *makeUps.rbegin() : *holidays.rbegin(),
                       makeUps.empty() ? *holidays.rbegin() : *makeUps.rbegin());
    spanFirst = fromDayNumber(lo);
    spanEnd = fromDayNumber(hi + 1);
  }

  const bool hasSpan = spanEnd > spanFirst;
  const Date tableFirst = hasSpan ? spanFirst - date::days{366 * kTablePaddingYears} : spanFirst;
  const Date tableEnd = hasSpan ? spanEnd + date::days{366 * kTablePaddingYears} : spanEnd;
  auto table = makeTable(weekendMask, holidays, makeUps, tableFirst, tableEnd);
  return std::shared_ptr<const WorkingDayCalendar>(std::make_shared<TableCalendar>(
      std::move(definition), zone, allYears, spanFirst, spanEnd, std::move(table)));
}

}  // namespace sowflow::engine
