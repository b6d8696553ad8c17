// Working-day arithmetic on published calendars (SPEC §2 "Calendar", §3).
#include <catch2/catch.hpp>

#include "calendar_fixtures.hpp"

using namespace sowflow;
using sowflow::test::buildOrThrow;
using sowflow::test::day;

TEST_CASE("published China holidays and make-up days move the N-th working day",
          "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  // clang-format off
  auto [from, n, expected, why] = GENERATE(table<const char*, int, const char*, const char*>({
    {"2025-01-24", 5, "2025-02-07", "2025 Spring Festival: Sun 01-26 works, 01-28..02-04 off"},
    {"2025-01-24", 1, "2025-01-26", "a make-up Sunday is the next working day"},
    {"2025-01-27", 1, "2025-02-05", "the whole Spring Festival holiday is skipped"},
    {"2025-02-04", 4, "2025-02-08", "Sat 02-08 is a make-up working day"},
    {"2025-02-01", 1, "2025-02-05", "a start on a holiday weekend is fine"},
    {"2025-09-26", 5, "2025-10-10", "2025 National Day: Sun 09-28 works, 10-01..08 off"},
    {"2025-09-30", 3, "2025-10-11", "Sat 10-11 is a make-up working day"},
    {"2025-09-30", 5, "2025-10-14", "after the National Day make-up Saturday"},
    {"2026-02-12", 2, "2026-02-14", "2026 Spring Festival: Sat 02-14 works"},
    {"2026-02-12", 5, "2026-02-26", "2026 Spring Festival 02-15..23 is skipped"},
    {"2026-02-20", 5, "2026-02-28", "Sat 02-28 is a make-up working day"},
    {"2026-09-18", 1, "2026-09-20", "2026 National Day: Sun 09-20 works"},
    {"2026-09-29", 2, "2026-10-08", "2026 National Day 10-01..07 is skipped"},
    {"2026-09-29", 4, "2026-10-10", "Sat 10-10 is a make-up working day"},
    {"2025-12-31", 1, "2026-01-04", "2026 New Year: 01-01..03 off, Sun 01-04 works"},
    {"2024-02-08", 1, "2024-02-09", "2024 New Year's Eve (02-09) was only encouraged off"},
    {"2024-02-09", 1, "2024-02-18", "2024 Spring Festival 02-10..17 off, Sun 02-18 works"},
    {"2024-09-27", 1, "2024-09-29", "2024 National Day make-up Sunday"},
    {"2025-04-30", 1, "2025-05-06", "2025 Labour Day 05-01..05 off"},
    {"2024-01-01", 366, "2025-06-23", "the largest N stays inside published years"},
  }));
  // clang-format on
  CAPTURE(from, n, expected, why);
  const auto answer = cn->addWorkingDays(day(from), n);
  REQUIRE(answer.ok());
  CHECK(engine::formatDate(answer->date) == expected);
  CHECK_FALSE(answer->provisional);
  CHECK(cn->isWorkingDay(answer->date));
  CHECK(cn->countWorkingDays(day(from), answer->date) == n);
}

TEST_CASE("the same submission on three calendars shows what holidays and make-up days do",
          "[engine][calendar]") {
  const auto weekdays = buildOrThrow(test::weekdaysDefinition("Asia/Shanghai"));
  const auto holidaysOnly = buildOrThrow(test::cnHolidaysOnlyDefinition());
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  const auto submittedOn = day("2025-01-24");  // a Friday
  CHECK(engine::formatDate(weekdays->addWorkingDays(submittedOn, 5)->date) == "2025-01-31");
  CHECK(engine::formatDate(holidaysOnly->addWorkingDays(submittedOn, 5)->date) == "2025-02-10");
  CHECK(engine::formatDate(cn->addWorkingDays(submittedOn, 5)->date) == "2025-02-07");
}

TEST_CASE("working-day status of single days follows the notice", "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  CHECK(cn->isWorkingDay(day("2025-01-26")));        // make-up Sunday
  CHECK_FALSE(cn->isWorkingDay(day("2025-01-28")));  // Spring Festival, a Tuesday
  CHECK_FALSE(cn->isWorkingDay(day("2025-02-01")));  // Saturday inside the holiday
  CHECK(cn->isWorkingDay(day("2025-02-05")));
  CHECK_FALSE(cn->isWorkingDay(day("2025-02-09")));  // plain Sunday
  CHECK_FALSE(cn->isWorkingDay(day("2030-01-05")));  // a Saturday, unpublished
  CHECK(cn->isWorkingDay(day("2030-01-01")));        // unpublished: weekends alone decide
  CHECK(cn->isPublished(day("2024-01-01")));
  CHECK(cn->isPublished(day("2026-12-31")));
  CHECK_FALSE(cn->isPublished(day("2023-12-31")));
  CHECK_FALSE(cn->isPublished(day("2027-01-01")));
}

TEST_CASE("counting working days covers the days after from up to and including to", "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  CHECK(cn->countWorkingDays(day("2025-01-24"), day("2025-01-24")) == 0);
  CHECK(cn->countWorkingDays(day("2025-02-07"), day("2025-01-24")) == 0);
  CHECK(cn->countWorkingDays(day("2025-01-27"), day("2025-02-04")) == 0);
  CHECK(cn->countWorkingDays(day("2025-01-25"), day("2025-01-26")) == 1);
  // Whole years as counted from the notices: 2024 has 251, 2025 and 2026 248.
  CHECK(cn->countWorkingDays(day("2023-12-31"), day("2024-12-31")) == 251);
  CHECK(cn->countWorkingDays(day("2024-12-31"), day("2025-12-31")) == 248);
  CHECK(cn->countWorkingDays(day("2025-12-31"), day("2026-12-31")) == 248);
  // Across years and out of the published span: 2027 counts weekdays only (261).
  CHECK(cn->countWorkingDays(day("2026-12-31"), day("2027-12-31")) == 261);
}

TEST_CASE("answers that touch unpublished years are provisional", "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  SECTION("entirely in 2030 only weekends count") {
    const auto answer = cn->addWorkingDays(day("2030-01-04"), 5);  // a Friday
    REQUIRE(answer.ok());
    CHECK(engine::formatDate(answer->date) == "2030-01-11");
    CHECK(answer->provisional);
  }
  SECTION("a window that runs out of the published years") {
    const auto answer = cn->addWorkingDays(day("2026-12-28"), 5);
    REQUIRE(answer.ok());
    CHECK(engine::formatDate(answer->date) == "2027-01-04");
    CHECK(answer->provisional);
  }
  SECTION("a window that starts before the published years") {
    const auto answer = cn->addWorkingDays(day("2023-12-28"), 5);
    REQUIRE(answer.ok());
    CHECK(engine::formatDate(answer->date) == "2024-01-05");  // 12-29, 01-02..05 (01-01 off)
    CHECK(answer->provisional);
  }
  SECTION("a start on the last unpublished day looks only at published days") {
    const auto answer = cn->addWorkingDays(day("2023-12-31"), 1);
    REQUIRE(answer.ok());
    CHECK(engine::formatDate(answer->date) == "2024-01-02");
    CHECK_FALSE(answer->provisional);
  }
  SECTION("a calendar that knows every year is never provisional") {
    const auto weekdays = buildOrThrow(test::weekdaysDefinition());
    CHECK_FALSE(weekdays->addWorkingDays(day("2090-06-01"), 366)->provisional);
    CHECK_FALSE(weekdays->addWorkingDays(day("1900-06-01"), 1)->provisional);
  }
}

TEST_CASE("N outside 1..366 is refused naming days", "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  const int n = GENERATE(-1, 0, 367, 100000);
  CAPTURE(n);
  const auto answer = cn->addWorkingDays(day("2025-01-24"), n);
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == engine::ErrorCode::invalid_argument);
  CHECK(answer.error().where == "days");
  CHECK_THAT(answer.error().message, Catch::Contains(std::to_string(n)));
  CHECK_FALSE(cn->windowDeadline(test::instant("2025-01-24T15:00:00+08:00"), n).ok());
}
