// The shipped calendar files (workflows/calendars/) load, and say what the
// notices say: each is compared day by day with the independent transcription
// in calendar_fixtures.cpp, and the example is checked on the real file.
#include <catch2/catch.hpp>

#include <filesystem>

#include "calendar_fixtures.hpp"
#include "sowflow/engine/definition_loader.hpp"

using namespace sowflow;
using sowflow::test::day;

namespace {

engine::CalendarPtr shipped(const std::string& id) {
  const auto path = std::filesystem::path(SOWFLOW_SOURCE_DIR) / "workflows" / "calendars" /
                    (id + ".xml");
  auto loaded = engine::loadDefinitionFile(path);
  for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.toString());
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.calendar);
  return loaded.calendar;
}

// Every day from 2023 to 2027 has the same status and publication on both.
void requireSameDays(const engine::WorkingDayCalendar& file, const engine::WorkingDayCalendar& notes) {
  for (auto d = day("2023-01-01"); d <= day("2027-12-31"); d += date::days{1}) {
    CAPTURE(engine::formatDate(d));
    REQUIRE(file.isWorkingDay(d) == notes.isWorkingDay(d));
    REQUIRE(file.isPublished(d) == notes.isPublished(d));
  }
}

}  // namespace

TEST_CASE("cn-mainland.xml matches the State Council notices for 2024-2026",
          "[engine][calendar]") {
  const auto file = shipped("cn-mainland");
  CHECK(file->definition().timeZone == "Asia/Shanghai");
  CHECK(file->definition().firstPublishedYear == 2024);
  CHECK(file->definition().lastPublishedYear == 2026);
  CHECK_THAT(file->definition().source, Catch::Contains("国办发明电〔2024〕12号"));
  requireSameDays(*file, *test::buildOrThrow(test::cnMainlandDefinition()));
}

TEST_CASE("the issue's example holds on the shipped cn-mainland calendar", "[engine][calendar]") {
  const auto cn = shipped("cn-mainland");
  const auto deadline = cn->windowDeadline(test::instant("2025-01-24T15:00:00+08:00"), 5);
  REQUIRE(deadline.ok());
  CHECK(engine::formatDate(deadline->localDate) == "2025-02-07");
  CHECK(cn->formatInstant(deadline->at) == "2025-02-08T00:00:00+08:00");
  CHECK(deadline->calendarRevision == cn->revision());
  CHECK(cn->isWorkingDay(day("2025-02-08")));  // the make-up Saturday after the window
}

TEST_CASE("de-berlin.xml matches the Berlin holidays for 2024-2026", "[engine][calendar]") {
  const auto file = shipped("de-berlin");
  CHECK(file->definition().timeZone == "Europe/Berlin");
  requireSameDays(*file, *test::buildOrThrow(test::deBerlinDefinition()));
}

TEST_CASE("weekdays-utc.xml knows every year and has no holidays", "[engine][calendar]") {
  const auto file = shipped("weekdays-utc");
  CHECK(file->definition().timeZone == "UTC");
  CHECK(file->definition().holidays.empty());
  CHECK(file->isPublished(day("1990-01-01")));
  CHECK(file->isPublished(day("2099-01-01")));
  requireSameDays(*file, *test::buildOrThrow(test::weekdaysDefinition()));
  const auto answer = file->addWorkingDays(day("2031-12-31"), 1);
  CHECK_FALSE(answer->provisional);
  CHECK(file->formatInstant(test::instant("2025-01-24T07:00:00Z")) == "2025-01-24T07:00:00+00:00");
}
