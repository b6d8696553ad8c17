// Acceptance-window deadlines and local time (SPEC §2 "Acceptance window", §3).
#include <catch2/catch.hpp>

#include <date/tz.h>

#include <random>

#include "calendar_fixtures.hpp"

using namespace sowflow;
using namespace std::chrono_literals;
using sowflow::test::buildOrThrow;
using sowflow::test::day;
using sowflow::test::instant;

TEST_CASE("a submission's window ends at 24:00 local on the fifth working day",
          "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  const auto deadline = cn->windowDeadline(instant("2025-01-24T15:00:00+08:00"), 5);
  REQUIRE(deadline.ok());
  CHECK(engine::formatDate(deadline->localDate) == "2025-02-07");
  CHECK(cn->formatInstant(deadline->at) == "2025-02-08T00:00:00+08:00");
  CHECK(engine::formatInstantUtc(deadline->at) == "2025-02-07T16:00:00Z");
  CHECK_FALSE(deadline->provisional);
  CHECK(deadline->calendarId == "cn-mainland");
  CHECK(deadline->calendarRevision == "cn-mainland-test");
}

TEST_CASE("the submission's local date is taken in the calendar's zone, not UTC",
          "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  SECTION("01:00 Friday in Shanghai is still Thursday in UTC") {
    const auto at = instant("2025-01-23T17:00:00Z");
    CHECK(engine::formatDate(cn->localDate(at)) == "2025-01-24");
    CHECK(engine::formatDate(cn->windowDeadline(at, 5)->localDate) == "2025-02-07");
  }
  SECTION("the last second of the local day still belongs to it") {
    const auto at = instant("2025-01-24T23:59:59+08:00");
    CHECK(engine::formatDate(cn->localDate(at)) == "2025-01-24");
    CHECK(engine::formatDate(cn->windowDeadline(at, 5)->localDate) == "2025-02-07");
  }
  SECTION("local midnight starts the next day") {
    const auto at = instant("2025-01-25T00:00:00+08:00");
    CHECK(engine::formatDate(cn->localDate(at)) == "2025-01-25");
    CHECK(engine::formatDate(cn->windowDeadline(at, 1)->localDate) == "2025-01-26");
  }
}

TEST_CASE("a window outside the published years is marked provisional", "[engine][calendar]") {
  const auto cn = buildOrThrow(test::cnMainlandDefinition());
  const auto deadline = cn->windowDeadline(instant("2030-01-04T10:00:00+08:00"), 5);
  REQUIRE(deadline.ok());
  CHECK(deadline->provisional);
  CHECK(cn->formatInstant(deadline->at) == "2030-01-12T00:00:00+08:00");
}

TEST_CASE("Berlin deadlines across a DST change are exactly 00:00 local", "[engine][calendar]") {
  const auto berlin = buildOrThrow(test::deBerlinDefinition());
  // clang-format off
  auto [submitted, n, lastDay, expected] = GENERATE(table<const char*, int, const char*, const char*>({
    // Last Sunday of March 2025 (03-30): +01:00 before, +02:00 after.
    {"2025-03-28T16:00:00+01:00", 1, "2025-03-31", "2025-04-01T00:00:00+02:00"},
    {"2025-03-26T09:00:00+01:00", 3, "2025-03-31", "2025-04-01T00:00:00+02:00"},
    // Last Sunday of October 2025 (10-26): +02:00 before, +01:00 after.
    {"2025-10-24T16:00:00+02:00", 1, "2025-10-27", "2025-10-28T00:00:00+01:00"},
    // Easter 2025 (Good Friday 04-18, Easter Monday 04-21) inside the window.
    {"2025-04-16T12:00:00+02:00", 2, "2025-04-22", "2025-04-23T00:00:00+02:00"},
    // Berlin's one-off holiday on 2025-05-08.
    {"2025-05-07T12:00:00+02:00", 1, "2025-05-09", "2025-05-10T00:00:00+02:00"},
  }));
  // clang-format on
  CAPTURE(submitted, n, lastDay, expected);
  const auto deadline = berlin->windowDeadline(instant(submitted), n);
  REQUIRE(deadline.ok());
  CHECK(engine::formatDate(deadline->localDate) == lastDay);
  CHECK(berlin->formatInstant(deadline->at) == expected);
  CHECK(deadline->at == berlin->startOfLocalDay(deadline->localDate + date::days{1}));
}

TEST_CASE("a working day that is 23 or 25 hours long ends at the next local midnight",
          "[engine][calendar]") {
  auto definition = test::weekdaysDefinition("Europe/Berlin");
  definition.weekend = {date::Saturday};  // Sundays work, so the DST days themselves count
  const auto calendar = buildOrThrow(definition);
  SECTION("spring forward: 2025-03-30 has 23 hours") {
    const auto deadline = calendar->windowDeadline(instant("2025-03-29T12:00:00+01:00"), 1);
    REQUIRE(deadline.ok());
    CHECK(engine::formatDate(deadline->localDate) == "2025-03-30");
    CHECK(calendar->formatInstant(deadline->at) == "2025-03-31T00:00:00+02:00");
    CHECK(deadline->at - calendar->startOfLocalDay(day("2025-03-30")) == 23h);
  }
  SECTION("fall back: 2025-10-26 has 25 hours") {
    const auto deadline = calendar->windowDeadline(instant("2025-10-25T12:00:00+02:00"), 1);
    REQUIRE(deadline.ok());
    CHECK(calendar->formatInstant(deadline->at) == "2025-10-27T00:00:00+01:00");
    CHECK(deadline->at - calendar->startOfLocalDay(day("2025-10-26")) == 25h);
  }
}

TEST_CASE("a local midnight skipped or repeated by DST resolves to the earliest valid instant",
          "[engine][calendar]") {
  SECTION("Santiago skips 2025-09-07 00:00..01:00") {
    const auto calendar = buildOrThrow(test::weekdaysDefinition("America/Santiago"));
    const auto start = calendar->startOfLocalDay(day("2025-09-07"));
    CHECK(engine::formatInstantUtc(start) == "2025-09-07T04:00:00Z");
    CHECK(calendar->formatInstant(start) == "2025-09-07T01:00:00-03:00");
    CHECK(engine::formatDate(calendar->localDate(start)) == "2025-09-07");
  }
  SECTION("Beirut skips 2025-03-30 00:00..01:00") {
    const auto calendar = buildOrThrow(test::weekdaysDefinition("Asia/Beirut"));
    CHECK(calendar->formatInstant(calendar->startOfLocalDay(day("2025-03-30"))) ==
          "2025-03-30T01:00:00+03:00");
  }
  SECTION("Havana repeats 2025-11-02 00:00..01:00; the first occurrence is taken") {
    const auto calendar = buildOrThrow(test::weekdaysDefinition("America/Havana"));
    const auto start = calendar->startOfLocalDay(day("2025-11-02"));
    CHECK(engine::formatInstantUtc(start) == "2025-11-02T04:00:00Z");
    CHECK(calendar->formatInstant(start) == "2025-11-02T00:00:00-04:00");
  }
}

TEST_CASE("instants are formatted with the calendar's own offset", "[engine][calendar]") {
  const auto at = instant("2025-01-24T07:00:00Z");
  auto [zone, expected] = GENERATE(table<const char*, const char*>({
      {"UTC", "2025-01-24T07:00:00+00:00"},
      {"Asia/Shanghai", "2025-01-24T15:00:00+08:00"},
      {"America/New_York", "2025-01-24T02:00:00-05:00"},
      {"Asia/Kolkata", "2025-01-24T12:30:00+05:30"},
      {"Asia/Kathmandu", "2025-01-24T12:45:00+05:45"},
      {"America/St_Johns", "2025-01-24T03:30:00-03:30"},
  }));
  CAPTURE(zone);
  const auto calendar = buildOrThrow(test::weekdaysDefinition(zone));
  CHECK(calendar->formatInstant(at) == expected);
  CHECK(engine::parseInstant(calendar->formatInstant(at)) == at);
}

TEST_CASE("local dates, midnights and offsets agree with date/tz from 1972 to 2100",
          "[engine][calendar]") {
  const char* zone = GENERATE("Asia/Shanghai", "UTC", "Europe/Berlin", "America/Santiago",
                              "Australia/Lord_Howe");
  CAPTURE(zone);
  const auto calendar = buildOrThrow(test::weekdaysDefinition(zone));
  const auto* tz = date::locate_zone(zone);
  std::mt19937 random(1991);
  std::uniform_int_distribution<std::int64_t> pick(
      engine::Instant{day("1972-01-01")}.time_since_epoch().count(),
      engine::Instant{day("2100-01-01")}.time_since_epoch().count());
  for (int i = 0; i < 4000; ++i) {
    const engine::Instant at{std::chrono::seconds{pick(random)}};
    CAPTURE(engine::formatInstantUtc(at));
    const auto local = tz->to_local(at);
    const engine::Date expectedDay{date::floor<date::days>(local).time_since_epoch()};
    REQUIRE(calendar->localDate(at) == expectedDay);
    REQUIRE(calendar->startOfLocalDay(expectedDay) ==
            tz->to_sys(date::local_seconds{expectedDay.time_since_epoch()},
                       date::choose::earliest));
    REQUIRE(engine::parseInstant(calendar->formatInstant(at)) == at);
    REQUIRE(calendar->formatInstant(at).substr(0, 19) == date::format("%FT%T", local));
  }
}
