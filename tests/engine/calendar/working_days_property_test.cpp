// Properties of working-day arithmetic over random dates and N, checked against
// a day-by-day reference model built straight from the definition. The seed is
// fixed so a failure reproduces; CAPTURE names the failing case.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "calendar_fixtures.hpp"

using namespace sowflow;
using engine::CalendarDefinition;
using engine::Date;

namespace {

// The obvious, slow model of SPEC §3 the O(1) tables must agree with.
class ReferenceModel {
 public:
  explicit ReferenceModel(const CalendarDefinition& definition) : definition_(definition) {
    for (const auto& h : definition.holidays) holidays_.insert(h.date);
    makeUps_.insert(definition.makeUpWorkingDays.begin(), definition.makeUpWorkingDays.end());
  }

  bool published(Date d) const {
    if (definition_.firstPublishedYear == 0 && definition_.lastPublishedYear == 0) return true;
    const int year = static_cast<int>(date::year_month_day{d}.year());
    return year >= definition_.firstPublishedYear && year <= definition_.lastPublishedYear;
  }

  bool working(Date d) const {
    if (makeUps_.count(d)) return true;
    const date::weekday weekday{d};
    for (const auto w : definition_.weekend) {
      if (w == weekday) return false;
    }
    return !holidays_.count(d);
  }

  engine::WorkdayAnswer add(Date from, int n) const {
    engine::WorkdayAnswer answer{from, false};
    while (n > 0) {
      answer.date += date::days{1};
      answer.provisional = answer.provisional || !published(answer.date);
      if (working(answer.date)) --n;
    }
    return answer;
  }

 private:
  const CalendarDefinition& definition_;
  std::set<Date> holidays_;
  std::set<Date> makeUps_;
};

Date randomDay(std::mt19937& random, const std::string& lo, const std::string& hi) {
  std::uniform_int_distribution<int> pick(test::day(lo).time_since_epoch().count(),
                                          test::day(hi).time_since_epoch().count());
  return Date{date::days{pick(random)}};
}

// Start dates are drawn from 2021..2029 (inside the precomputed table) and,
// for every fourth case, from 1990..2050 (the arithmetic outside it).
void checkAgainstModel(const CalendarDefinition& definition, std::mt19937& random, int cases) {
  const auto calendar = test::buildOrThrow(definition);
  const ReferenceModel model(definition);
  std::uniform_int_distribution<int> pickN(1, 366);
  for (int i = 0; i < cases; ++i) {
    const bool wide = i % 4 == 3;
    const Date from = wide ? randomDay(random, "1990-01-01", "2050-12-31")
                           : randomDay(random, "2021-06-01", "2029-12-31");
    const int n = pickN(random);
    CAPTURE(definition.id, engine::formatDate(from), n);
    const auto answer = calendar->addWorkingDays(from, n);
    REQUIRE(answer.ok());
    const auto expected = model.add(from, n);
    REQUIRE(engine::formatDate(answer->date) == engine::formatDate(expected.date));
    REQUIRE(answer->provisional == expected.provisional);
    REQUIRE(calendar->isWorkingDay(answer->date));
    REQUIRE(calendar->countWorkingDays(from, answer->date) == n);
    if (n < 366) REQUIRE(calendar->addWorkingDays(from, n + 1)->date > answer->date);
  }
}

}  // namespace

TEST_CASE("addWorkingDays agrees with the day-by-day model on the shipped shapes",
          "[engine][calendar]") {
  std::mt19937 random(20250124);
  checkAgainstModel(test::cnMainlandDefinition(), random, 3000);
  checkAgainstModel(test::cnHolidaysOnlyDefinition(), random, 1000);
  checkAgainstModel(test::deBerlinDefinition(), random, 1000);
  checkAgainstModel(test::weekdaysDefinition(), random, 1000);
}

TEST_CASE("addWorkingDays agrees with the model on random weekends, holidays and make-up days",
          "[engine][calendar]") {
  std::mt19937 random(7);
  for (int round = 0; round < 40; ++round) {
    CalendarDefinition definition = test::weekdaysDefinition();
    definition.id = "random-" + std::to_string(round);
    std::set<unsigned> weekend;
    const int weekendSize = std::uniform_int_distribution<int>(0, 6)(random);
    while (static_cast<int>(weekend.size()) < weekendSize) {
      weekend.insert(std::uniform_int_distribution<unsigned>(0, 6)(random));
    }
    definition.weekend.clear();
    for (const auto w : weekend) definition.weekend.push_back(date::weekday{w});
    const bool allYears = round % 4 == 0;
    definition.firstPublishedYear = allYears ? 0 : 2023;
    definition.lastPublishedYear = allYears ? 0 : 2026;
    for (int i = 0; i < 120; ++i) {
      const Date d = randomDay(random, "2023-01-01", "2026-12-31");
      const bool isWeekend = weekend.count(date::weekday{d}.c_encoding()) > 0;
      if (isWeekend && i % 3 == 0) {
        definition.makeUpWorkingDays.push_back(d);
      } else {
        definition.holidays.push_back({d, "random"});
      }
    }
    // Drop holidays that collide with a make-up day (build() would refuse them).
    std::set<Date> makeUps(definition.makeUpWorkingDays.begin(), definition.makeUpWorkingDays.end());
    std::erase_if(definition.holidays, [&](const auto& h) { return makeUps.count(h.date) > 0; });
    checkAgainstModel(definition, random, 150);
  }
}

TEST_CASE("countWorkingDays agrees with the model for random spans", "[engine][calendar]") {
  std::mt19937 random(42);
  const auto definition = test::cnMainlandDefinition();
  const auto calendar = test::buildOrThrow(definition);
  const ReferenceModel model(definition);
  for (int i = 0; i < 2000; ++i) {
    const Date from = randomDay(random, "2010-01-01", "2040-12-31");
    const Date to = from + date::days{std::uniform_int_distribution<int>(-30, 800)(random)};
    int expected = 0;
    for (Date d = from + date::days{1}; d <= to; d += date::days{1}) expected += model.working(d);
    CAPTURE(engine::formatDate(from), engine::formatDate(to));
    REQUIRE(calendar->countWorkingDays(from, to) == expected);
  }
}
