// iCalendar rules (RFC 5545): CRLF lines of at most 75 octets, folding never
// splits a UTF-8 character, TEXT escaping, stable UIDs, no "now"; reminders
// only for open windows, one working day before (stepping back over weekends
// and holidays); settled deadlines say their outcome, superseded ones are
// cancelled, SEQUENCE follows the data.
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

// The text with folding undone (RFC 5545 §3.1), so checks read logical lines.
std::string unfold(std::string text) {
  for (auto at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at)) text.erase(at, 3);
  return text;
}

// The unfolded VEVENT whose UID is `uid` (empty when there is none).
std::string eventWithUid(const std::string& ics, const std::string& uid) {
  const std::string text = unfold(ics);
  const auto at = text.find("\r\nUID:" + uid + "\r\n");
  if (at == std::string::npos) return {};
  const auto begin = text.rfind("BEGIN:VEVENT", at);
  const auto end = text.find("END:VEVENT", at);
  return text.substr(begin, end - begin);
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string renderIcs(const DocFixture& fixture) {
  auto result = deliverables::calendarIcs(fixture.context());
  REQUIRE(result);
  return result->bytes;
}

// managed-services with the solution's v2 window still open (its deemed
// acceptance removed), optionally with a constructed deadline date.
DocFixture solutionV2Open() {
  auto fixture = managedServices();
  auto* solution = fixture.engagement.findMilestone("solution-report");
  REQUIRE(solution != nullptr);
  REQUIRE(solution->submissions.size() == 2);
  solution->submissions[1].decision.reset();
  solution->state = engine::MilestoneState::submitted;
  solution->closedAt.reset();
  return fixture;
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
  CHECK(ics.find("DTSTAMP:20250318T020000Z") != std::string::npos);  // the last event, not now
  CHECK(ics.find("SUMMARY:Planned: Capability status survey") != std::string::npos);
  CHECK(count(ics, "BEGIN:VEVENT") == 4 + 5);  // 4 planned dates + 5 submissions
  // Only the final acceptance is still open; the other four are decided.
  CHECK(count(ics, "BEGIN:VALARM") == 1);
  const auto open = eventWithUid(ics, "eng-chaos-0001-acceptance-v1@sowflow");
  REQUIRE(!open.empty());
  // Submitted Tue 2025-03-18 -> fifth working day Tue 03-25; reminder 09:00
  // local on Mon 03-24 = 01:00 UTC.
  CHECK(has(open, "DTSTART;VALUE=DATE:20250325"));
  CHECK(has(open, "TRIGGER;VALUE=DATE-TIME:20250324T010000Z"));
}

TEST_CASE("a decided version keeps its deadline event, says the outcome and has no reminder, while an open one has one",
          "[deliverables][ics]") {
  const auto ms = renderIcs(managedServices());
  const auto accepted = eventWithUid(ms, "eng-ms-0003-kickoff-meeting-v1@sowflow");
  REQUIRE(!accepted.empty());
  CHECK(has(accepted, "DTSTART;VALUE=DATE:20250314"));  // history stays
  CHECK(has(accepted, "SUMMARY:Acceptance deadline: Project kickoff meeting (v1) — accepted\r\n"));
  CHECK(has(accepted, "Decision: accepted 2025-03-10T10:15:00+08:00"));
  CHECK_FALSE(has(accepted, "VALARM"));
  CHECK_FALSE(has(accepted, "STATUS:"));
  CHECK(has(accepted, "SEQUENCE:1\r\n"));  // submitted, then decided

  const auto deemed = eventWithUid(ms, "eng-ms-0003-solution-report-v2@sowflow");
  CHECK(has(deemed, "SUMMARY:Acceptance deadline: Project solution report (v2) — deemed accepted\r\n"));
  CHECK_FALSE(has(deemed, "VALARM"));
  const auto escalated = eventWithUid(ms, "eng-ms-0003-project-acceptance-v1@sowflow");
  CHECK(has(escalated, "— escalated\r\n"));
  CHECK_FALSE(has(escalated, "VALARM"));
  CHECK(count(ms, "BEGIN:VALARM") == 0);  // every window of managed-services is settled

  const auto open = eventWithUid(renderIcs(chaosDrillPremium()), "eng-chaos-0001-acceptance-v1@sowflow");
  CHECK(has(open, "BEGIN:VALARM"));
  CHECK(has(open, "SUMMARY:Acceptance deadline: Project acceptance (v1)\r\n"));
  CHECK(has(open, "SEQUENCE:0\r\n"));
  CHECK_FALSE(has(open, "STATUS:"));
}

TEST_CASE("a version superseded by a resubmission is cancelled, with its outcome and a higher SEQUENCE",
          "[deliverables][ics]") {
  const auto ms = renderIcs(managedServices());
  const auto v1 = eventWithUid(ms, "eng-ms-0003-solution-report-v1@sowflow");
  INFO(v1);
  REQUIRE(!v1.empty());
  CHECK(has(v1, "STATUS:CANCELLED\r\n"));
  CHECK(has(v1, "SUMMARY:Acceptance deadline: Project solution report (v1) — objected\\, superseded by v2\r\n"));
  CHECK(has(v1, "\\nsuperseded by v2 (2025-03-28T17:00:00+08:00)"));
  CHECK(has(v1, "SEQUENCE:2\r\n"));  // decided, then superseded
  CHECK_FALSE(has(v1, "VALARM"));
  CHECK_FALSE(has(eventWithUid(ms, "eng-ms-0003-solution-report-v2@sowflow"), "STATUS:"));
  // The milestone's own event counts its transitions: start, submit, object,
  // rework, submit, deemed accepted.
  CHECK(has(eventWithUid(ms, "eng-ms-0003-solution-report-plan@sowflow"), "SEQUENCE:6\r\n"));
  CHECK(has(eventWithUid(ms, "eng-ms-0003-kickoff-meeting-plan@sowflow"), "SEQUENCE:3\r\n"));

  const auto zh = renderIcs(tamServiceZh());
  CHECK(has(eventWithUid(zh, "eng-tam-0002-term-end-v1@sowflow"), "— 视为验收\r\n"));
}

TEST_CASE("the reminder steps back over a holiday and a weekend to the last working day",
          "[deliverables][ics][calendar]") {
  // Deadline Mon 2025-04-07: Sun 6, Sat 5 are the weekend, Fri 4 is Qingming,
  // so the reminder is 09:00 local on Thu 2025-04-03 (01:00 UTC).
  const auto ics = renderIcs(solutionV2Open());
  const auto v2 = eventWithUid(ics, "eng-ms-0003-solution-report-v2@sowflow");
  REQUIRE(!v2.empty());
  CHECK(has(v2, "DTSTART;VALUE=DATE:20250407"));
  CHECK(has(v2, "TRIGGER;VALUE=DATE-TIME:20250403T010000Z"));
  CHECK(count(ics, "BEGIN:VALARM") == 1);
}

TEST_CASE("the reminder lands on a make-up working day that falls on a weekend",
          "[deliverables][ics][calendar]") {
  // Constructed: the open v2 due Mon 2025-04-28; Sun 04-27 is a make-up
  // working day in the test calendar, so the reminder is on it, not Fri 04-25.
  auto fixture = solutionV2Open();
  fixture.engagement.findMilestone("solution-report")->submissions[1].deadlineLocalDate =
      date::year{2025} / date::April / 28;
  const auto v2 = eventWithUid(renderIcs(fixture), "eng-ms-0003-solution-report-v2@sowflow");
  CHECK(has(v2, "DTSTART;VALUE=DATE:20250428"));
  CHECK(has(v2, "TRIGGER;VALUE=DATE-TIME:20250427T010000Z"));
}

TEST_CASE("an open window of a cancelled engagement is cancelled and reminds nobody", "[deliverables][ics]") {
  auto fixture = chaosDrillPremium();
  fixture.engagement.state = engine::EngagementState::cancelled;
  const auto ics = renderIcs(fixture);
  CHECK(count(ics, "BEGIN:VALARM") == 0);
  const auto open = eventWithUid(ics, "eng-chaos-0001-acceptance-v1@sowflow");
  CHECK(has(open, "STATUS:CANCELLED\r\n"));
  CHECK(has(open, "SUMMARY:Acceptance deadline: Project acceptance (v1) — cancelled\r\n"));
  CHECK(has(open, "SEQUENCE:1\r\n"));
}
