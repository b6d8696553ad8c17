#include "calendar_fixtures.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

namespace sowflow::test {

using engine::CalendarDefinition;
using engine::Date;

Date day(const std::string& text) {
  const auto parsed = engine::parseDate(text);
  if (!parsed) throw std::invalid_argument("bad test date " + text);
  return *parsed;
}

engine::Instant instant(const std::string& text) {
  const auto parsed = engine::parseInstant(text);
  if (!parsed) throw std::invalid_argument("bad test instant " + text);
  return *parsed;
}

namespace {

void addHolidays(CalendarDefinition& definition, const std::string& from, const std::string& to,
                 const std::string& name) {
  for (auto d = day(from); d <= day(to); d += date::days{1}) {
    definition.holidays.push_back({d, name});
  }
}

// clang-format off
// 国办发明电〔2023〕7号 (2024), 国办发明电〔2024〕12号 (2025), notice of 2025-11-04 (2026).
const std::vector<std::pair<std::string, std::string>> kCnHolidayRanges = {
  {"2024-01-01", "2024-01-01"}, {"2024-02-10", "2024-02-17"}, {"2024-04-04", "2024-04-06"},
  {"2024-05-01", "2024-05-05"}, {"2024-06-10", "2024-06-10"}, {"2024-09-15", "2024-09-17"},
  {"2024-10-01", "2024-10-07"},
  {"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"}, {"2025-04-04", "2025-04-06"},
  {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"}, {"2025-10-01", "2025-10-08"},
  {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
  {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
  {"2026-10-01", "2026-10-07"},
};
const std::vector<std::string> kCnMakeUpDays = {
  "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
  "2024-09-29", "2024-10-12",
  "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
  "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
};
const std::vector<std::string> kBerlinHolidays = {
  "2024-01-01", "2024-03-08", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09",
  "2024-05-20", "2024-10-03", "2024-12-25", "2024-12-26",
  "2025-01-01", "2025-03-08", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-08",
  "2025-05-29", "2025-06-09", "2025-10-03", "2025-12-25", "2025-12-26",
  "2026-01-01", "2026-03-08", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14",
  "2026-05-25", "2026-10-03", "2026-12-25", "2026-12-26",
};
// clang-format on

}  // namespace

CalendarDefinition weekdaysDefinition(const std::string& timeZone) {
  CalendarDefinition definition;
  definition.id = "weekdays-test";
  definition.title = "Weekdays";
  definition.timeZone = timeZone;
  definition.revision = "weekdays-test-1";
  definition.weekend = {date::Saturday, date::Sunday};
  return definition;
}

CalendarDefinition cnHolidaysOnlyDefinition() {
  CalendarDefinition definition = weekdaysDefinition("Asia/Shanghai");
  definition.id = "cn-holidays-only";
  definition.revision = "cn-holidays-only-1";
  definition.firstPublishedYear = 2024;
  definition.lastPublishedYear = 2026;
  for (const auto& [from, to] : kCnHolidayRanges) addHolidays(definition, from, to, "holiday");
  return definition;
}

CalendarDefinition cnMainlandDefinition() {
  CalendarDefinition definition = cnHolidaysOnlyDefinition();
  definition.id = "cn-mainland";
  definition.revision = "cn-mainland-test";
  for (const auto& text : kCnMakeUpDays) definition.makeUpWorkingDays.push_back(day(text));
  return definition;
}

CalendarDefinition deBerlinDefinition() {
  CalendarDefinition definition = weekdaysDefinition("Europe/Berlin");
  definition.id = "de-berlin";
  definition.revision = "de-berlin-test";
  definition.firstPublishedYear = 2024;
  definition.lastPublishedYear = 2026;
  for (const auto& text : kBerlinHolidays) addHolidays(definition, text, text, "Feiertag");
  return definition;
}

engine::CalendarPtr buildOrThrow(CalendarDefinition definition) {
  auto built = engine::WorkingDayCalendar::build(std::move(definition));
  if (!built.ok()) throw std::runtime_error("calendar refused: " + built.error().message);
  return built.value();
}

}  // namespace sowflow::test
