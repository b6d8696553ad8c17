// iCalendar rules (RFC 5545): CRLF lines of at most 75 octets, folding never
// splits a UTF-8 character, TEXT escaping, stable UIDs, no "now".
#include <catch2/catch.hpp>

#include "support/documents.hpp"

// Internal helpers of deliverables/src/ics/calendar_ics.hpp (not a public
// header), declared here to test the RFC rules directly.
namespace sowflow::deliverables::detail {
std::string escapeIcsText(std::string_view text);
std::string foldIcsLine(std::string_view line);
}  // namespace sowflow::deliverables::detail

using namespace sowflow;
using namespace sowflow::testing;

namespace {

std::vector<std::string> physicalLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  for (auto end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", begin)) {
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 2;
  }
  if (begin != text.size()) lines.push_back(text.substr(begin));  // unterminated tail
  return lines;
}

}  // namespace

TEST_CASE("long lines fold at 75 octets without splitting a UTF-8 character", "[deliverables][ics]") {
  const std::string line = "SUMMARY:" + std::string(100, 'a') + std::string(60, ' ') + "验收截止验收截止验收截止验收截止验收截止验收截止验收截止";
  const auto folded = deliverables::detail::foldIcsLine(line);
  const auto lines = physicalLines(folded);
  REQUIRE(lines.size() >= 3);
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(i);
    CHECK(lines[i].size() <= 75);
    if (i > 0) {
      REQUIRE(lines[i][0] == ' ');
      // A continuation never begins inside a multibyte character.
      CHECK((static_cast<unsigned char>(lines[i][1]) & 0xC0) != 0x80);
    }
    joined += i == 0 ? lines[i] : lines[i].substr(1);
  }
  CHECK(joined == line);
  CHECK(folded.substr(folded.size() - 2) == "\r\n");
}

TEST_CASE("text values escape backslash, semicolon, comma and newlines", "[deliverables][ics]") {
  CHECK(deliverables::detail::escapeIcsText("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf");
}

TEST_CASE("the calendar has all-day events, stable UIDs, a reminder per deadline and no bare LF",
          "[deliverables][ics]") {
  const auto fixture = chaosDrillPremium();
  auto result = deliverables::calendarIcs(fixture.context());
  REQUIRE(result);
  const auto& ics = result->bytes;
  for (std::size_t at = ics.find('\n'); at != std::string::npos; at = ics.find('\n', at + 1)) {
    REQUIRE(at > 0);
    CHECK(ics[at - 1] == '\r');
  }
  for (const auto& line : physicalLines(ics)) CHECK(line.size() <= 75);
  CHECK(ics.find("UID:eng-chaos-0001-capability-diagnosis-v2@sowflow") != std::string::npos);
  CHECK(ics.find("UID:eng-chaos-0001-acceptance-plan@sowflow") != std::string::npos);
  // Submitted Tue 2025-02-20 15:00 +08:00 -> fifth working day Thu 2025-02-27.
  CHECK(ics.find("DTSTART;VALUE=DATE:20250227") != std::string::npos);
  // Its reminder: 09:00 local on the working day before = 01:00 UTC on the 26th.
  CHECK(ics.find("TRIGGER;VALUE=DATE-TIME:20250226T010000Z") != std::string::npos);
  CHECK(ics.find("DTSTAMP:20250318T020000Z") != std::string::npos);  // the last event, not now
  CHECK(ics.find("SUMMARY:Planned: Capability status survey") != std::string::npos);
  auto count = [&](const std::string& what) {
    int n = 0;
    for (auto at = ics.find(what); at != std::string::npos; at = ics.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count("BEGIN:VEVENT") == 4 + 5);  // 4 planned dates + 5 submissions
  CHECK(count("BEGIN:VALARM") == 5);
}
