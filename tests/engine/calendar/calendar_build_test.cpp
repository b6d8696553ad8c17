// WorkingDayCalendar::build refuses inconsistent definitions (calendar.hpp).
#include <catch2/catch.hpp>

#include "calendar_fixtures.hpp"

using namespace sowflow;
using sowflow::test::day;

namespace {

engine::Error refusal(engine::CalendarDefinition definition) {
  auto built = engine::WorkingDayCalendar::build(std::move(definition));
  REQUIRE_FALSE(built.ok());
  CHECK(built.error().code == engine::ErrorCode::invalid_argument);
  return built.error();
}

}  // namespace

TEST_CASE("an unknown time zone is refused naming it", "[engine][calendar]") {
  auto definition = test::cnMainlandDefinition();
  definition.timeZone = "Asia/Atlantis";
  CHECK_THAT(refusal(definition).message, Catch::Contains("Asia/Atlantis"));
}

TEST_CASE("a make-up working day must be a weekend day", "[engine][calendar]") {
  auto definition = test::cnMainlandDefinition();
  definition.makeUpWorkingDays.push_back(day("2025-01-27"));  // a Monday
  const auto error = refusal(definition);
  CHECK_THAT(error.message, Catch::Contains("2025-01-27") && Catch::Contains("Monday"));
}

TEST_CASE("a holiday on a make-up working day is refused", "[engine][calendar]") {
  auto definition = test::cnMainlandDefinition();
  definition.holidays.push_back({day("2025-01-26"), "clash"});
  CHECK_THAT(refusal(definition).message, Catch::Contains("2025-01-26"));
}

TEST_CASE("data outside the published years is refused", "[engine][calendar]") {
  auto definition = test::cnMainlandDefinition();
  definition.holidays.push_back({day("2027-01-01"), "not yet published"});
  CHECK_THAT(refusal(definition).message, Catch::Contains("2027-01-01"));
}

TEST_CASE("a published range must be a proper range of years", "[engine][calendar]") {
  auto definition = test::weekdaysDefinition();
  auto [first, last] = GENERATE(table<int, int>({{2026, 2024}, {0, 2025}, {2024, 0}, {-5, 3}}));
  CAPTURE(first, last);
  definition.firstPublishedYear = first;
  definition.lastPublishedYear = last;
  CHECK_THAT(refusal(definition).message, Catch::Contains("published years"));
}

TEST_CASE("a week without any working day is refused", "[engine][calendar]") {
  auto definition = test::weekdaysDefinition();
  definition.weekend = {date::Sunday, date::Monday, date::Tuesday, date::Wednesday,
                        date::Thursday, date::Friday, date::Saturday};
  CHECK_THAT(refusal(definition).message, Catch::Contains("weekend"));
}

TEST_CASE("a calendar with another weekend counts its own working days", "[engine][calendar]") {
  auto definition = test::weekdaysDefinition("Asia/Dubai");
  definition.weekend = {date::Friday, date::Saturday};
  const auto calendar = test::buildOrThrow(definition);
  CHECK(calendar->isWorkingDay(day("2025-01-26")));  // a Sunday
  CHECK(engine::formatDate(calendar->addWorkingDays(day("2025-01-23"), 1)->date) ==
        "2025-01-26");
}
