// Calendar definitions shared by the calendar tests.
//
// cnMainlandDefinition() transcribes the State Council notices for 2024-2026
// independently of workflows/calendars/cn-mainland.xml, so a test can check
// that the shipped file says the same (shipped_calendars_test.cpp).
// weekdays() and weekdaysWithHolidays() are the two reference calendars of the
// "same submission on three calendars" test. Helpers parse "YYYY-MM-DD" and
// fail the test on a typo instead of returning garbage.
#pragma once

#include <string>

#include "sowflow/engine/calendar.hpp"

namespace sowflow::test {

engine::Date day(const std::string& text);        // REQUIRES a valid date (else throws)
engine::Instant instant(const std::string& text);  // REQUIRES a valid RFC 3339 instant

engine::CalendarDefinition cnMainlandDefinition();
// cn-mainland without its make-up working days.
engine::CalendarDefinition cnHolidaysOnlyDefinition();
engine::CalendarDefinition weekdaysDefinition(const std::string& timeZone = "UTC");
engine::CalendarDefinition deBerlinDefinition();

// build() that fails the test (throws) when the definition is refused.
engine::CalendarPtr buildOrThrow(engine::CalendarDefinition definition);

}  // namespace sowflow::test
