// One case per calendar-file rule of docs/workflow-format.md.
#include "workflow_fixtures.hpp"

using namespace sowflow::engine;
using namespace sowflow::test::workflow;

namespace {

void expectCalendarRejected(const std::string& from, const std::string& to,
                            const std::string& fragment, const std::string& marker = {}) {
  const auto xml = replaced(kGoodCalendar, from, to);
  requireRejected(xml, lineContaining(xml, marker.empty() ? to : marker), fragment);
}

}  // namespace

TEST_CASE("calendar dates must exist", "[engine][workflow][calendar]") {
  expectCalendarRejected("<holiday date=\"2025-01-01\"", "<holiday date=\"2025-02-30\"",
                         "attribute 'date' of <holiday> must be a date YYYY-MM-DD, found '2025-02-30'");
  expectCalendarRejected("to=\"2025-02-04\"", "to=\"2025/02/04\"", "found '2025/02/04'");
  expectCalendarRejected("<working-day date=\"2025-01-26\"", "<working-day date=\"26.01.2025\"",
                         "attribute 'date' of <working-day> must be a date");
}

TEST_CASE("a make-up working day must fall on a weekend day", "[engine][workflow][calendar]") {
  expectCalendarRejected("<working-day date=\"2025-01-26\"", "<working-day date=\"2025-01-27\"",
                         "make-up working day 2025-01-27 is a Monday, not a weekend day");
}

TEST_CASE("a holiday cannot also be a make-up working day", "[engine][workflow][calendar]") {
  expectCalendarRejected("<working-day date=\"2025-01-26\"", "<working-day date=\"2025-02-01\"",
                         "2025-02-01 is both a holiday (line 5) and a make-up working day");
}

TEST_CASE("a holiday range must not end before it starts", "[engine][workflow][calendar]") {
  expectCalendarRejected("from=\"2025-01-28\" to=\"2025-02-04\"", "from=\"2025-02-04\" to=\"2025-01-28\"",
                         "holiday range from 2025-02-04 to 2025-01-28 ends before it starts");
}

TEST_CASE("a holiday is either one date or a range", "[engine][workflow][calendar]") {
  expectCalendarRejected("<holiday date=\"2025-01-01\"", "<holiday date=\"2025-01-01\" from=\"2025-01-01\"",
                         "takes either 'date' or 'from' and 'to', not both");
  expectCalendarRejected("<holiday date=\"2025-01-01\"", "<holiday",
                         "<holiday> needs either 'date' or 'from' and 'to'",
                         "name=\"New Year's Day\"");
  expectCalendarRejected("from=\"2025-01-28\" to=\"2025-02-04\"", "from=\"2025-01-28\"",
                         "<holiday> range needs both 'from' and 'to'");
}

TEST_CASE("a holiday listed twice is reported", "[engine][workflow][calendar]") {
  expectCalendarRejected("<holiday date=\"2025-01-01\"", "<holiday date=\"2025-01-30\"",
                         "holiday 2025-01-30 is listed twice (first at line 5)");
}

TEST_CASE("the time zone must be a known IANA name", "[engine][workflow][calendar]") {
  expectCalendarRejected("time-zone=\"Asia/Shanghai\"", "time-zone=\"Mars/Olympus_Mons\"",
                         "unknown time zone 'Mars/Olympus_Mons'");
}

TEST_CASE("published years come as a pair in order", "[engine][workflow][calendar]") {
  expectCalendarRejected("published-from=\"2025\" published-to=\"2025\"", "published-from=\"2025\"",
                         "published-from and published-to go together");
  expectCalendarRejected("published-from=\"2025\" published-to=\"2025\"",
                         "published-from=\"2026\" published-to=\"2025\"",
                         "published-from 2026 is after published-to 2025");
  expectCalendarRejected("published-to=\"2025\"", "published-to=\"soon\"",
                         "attribute 'published-to' of <calendar> must be an integer");
}

TEST_CASE("weekend days are day names", "[engine][workflow][calendar]") {
  expectCalendarRejected("days=\"sat sun\"", "days=\"saturday\"",
                         "attribute 'days' of <weekend> must list day names");
}

TEST_CASE("calendar elements and attributes are checked like workflow ones",
          "[engine][workflow][calendar]") {
  expectCalendarRejected("<weekend days=\"sat sun\"/>", "<weekend days=\"sat sun\"/><moon phase=\"full\"/>",
                         "unknown element <moon> in <calendar>");
  expectCalendarRejected("revision=\"test-cn-1\"", "revision=\"test-cn-1\" colour=\"red\"",
                         "unknown attribute 'colour' on <calendar>");
  expectCalendarRejected("revision=\"test-cn-1\"", "", "missing required attribute 'revision' on <calendar>",
                         "<calendar");
}
