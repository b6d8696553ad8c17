// The portfolio workbook streams rows from a callback; openpyxl reads them
// back, and a title that looks like a formula stays text.
#include <catch2/catch.hpp>

#include "support/documents.hpp"

using namespace sowflow;
using namespace sowflow::testing;

TEST_CASE("the portfolio streams every row and readers see formula-looking titles as text",
          "[deliverables][xlsx][portfolio][readers]") {
  const auto dir = makeTempDir("sowflow-portfolio");
  long next = 0;
  deliverables::PortfolioOptions options;
  options.asOf = *engine::parseInstant("2025-03-18T02:00:00Z");
  options.templatesDir = templatesDir();
  const auto out = dir / "portfolio.xlsx";
  auto status = deliverables::portfolioXlsx(
      [&](deliverables::PortfolioRow& row) {
        if (next >= 1000) return false;
        row.engagementId = "eng-" + std::to_string(next);
        row.title = next == 7 ? "=cmd|' /C calc'!A0" : "Engagement " + std::to_string(next);
        row.workflow = "chaos-drill";
        row.state = "active";
        if (next % 2 == 0) {
          row.milestone = "acceptance";
          row.milestoneTitle = "Project acceptance";
          row.version = 1;
          row.deadlineLocalDate = *engine::parseDate("2025-03-25");
          row.deadline = "2025-03-26T00:00:00+08:00";
        }
        ++next;
        return true;
      },
      out, options);
  REQUIRE(status);
  const auto result = runCommand("/usr/bin/python3 " SOWFLOW_SOURCE_DIR "/tests/deliverables/readers/read_xlsx.py '" +
                                 out.string() + "' --sheets Portfolio eng-999 'Engagement 998' \"=cmd|' /C calc'!A0\"");
  INFO(result.output);
  CHECK(result.exitCode == 0);
  std::filesystem::remove_all(dir);
}

namespace {

// One row object for every call, never cleared in between: a bare row must
// not keep the window fields of the row before it.
std::vector<deliverables::PortfolioRow> collect(const deliverables::PortfolioSource& source) {
  std::vector<deliverables::PortfolioRow> rows;
  deliverables::PortfolioRow row;
  while (source(row)) rows.push_back(row);
  return rows;
}

}  // namespace

TEST_CASE("portfolio rows: one per open acceptance window, one bare row for an engagement without one",
          "[deliverables][xlsx][portfolio]") {
  const auto chaos = chaosDrillPremium();    // final acceptance submitted, undecided
  const auto tam = tamServiceZh();           // everything decided
  const auto managed = managedServices();    // last window escalated: not open
  const auto remote = remoteOpsSupport();    // nothing submitted
  std::vector<std::shared_ptr<const engine::Engagement>> engagements;
  for (const auto* fixture : {&chaos, &tam, &managed, &remote}) {
    engagements.push_back(std::make_shared<const engine::Engagement>(fixture->engagement));
  }
  int lookups = 0;
  const auto calendar = shanghaiCalendar();
  const auto rows = collect(deliverables::portfolioRows(engagements, [&](const std::string&) {
    ++lookups;
    return calendar;
  }));

  REQUIRE(rows.size() == 4);
  CHECK(rows[0].engagementId == chaos.engagement.id);
  CHECK(rows[0].milestone == "acceptance");
  CHECK(rows[0].version == 1);
  CHECK(rows[0].workflow == "chaos-drill");
  CHECK(rows[0].state == "active");
  const auto& open = *chaos.engagement.findMilestone("acceptance")->current();
  CHECK(rows[0].deadline == calendar->formatInstant(open.deadline));
  CHECK(rows[0].deadlineLocalDate == open.deadlineLocalDate);
  CHECK(rows[0].submittedOn == calendar->localDate(open.submittedAt));
  CHECK(lookups == 1);  // only a window needs the calendar
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CAPTURE(rows[i].engagementId);
    CHECK(rows[i].milestone.empty());
    CHECK(rows[i].version == 0);
    CHECK_FALSE(rows[i].deadlineLocalDate);
    CHECK(rows[i].deadline.empty());
  }
  CHECK(rows[1].engagementId == tam.engagement.id);
  CHECK(rows[2].engagementId == managed.engagement.id);
  CHECK(rows[3].engagementId == remote.engagement.id);

  SECTION("the Deadline (UTC) column holds a date-time a spreadsheet can sort") {
    const auto dir = makeTempDir("sowflow-portfolio-rows");
    deliverables::PortfolioOptions options;
    options.asOf = *engine::parseInstant("2025-05-30T16:00:00Z");
    options.templatesDir = templatesDir();
    const auto out = dir / "portfolio.xlsx";
    REQUIRE(deliverables::portfolioXlsx(
        deliverables::portfolioRows(engagements, [&](const std::string&) { return calendar; }), out, options));
    // Rounded to the second: a serial date is a double.
    const auto result = runCommand(
        "/usr/bin/python3 -c \"import sys, datetime, openpyxl; ws = openpyxl.load_workbook(sys.argv[1]).active; "
        "v = ws['M2'].value; print(ws['M1'].value, type(v).__name__, "
        "(v + datetime.timedelta(milliseconds=500)).replace(microsecond=0).isoformat(), ws['M3'].value)\" '" +
        out.string() + "'");
    INFO(result.output);
    REQUIRE(result.exitCode == 0);
    CHECK(result.output == "Deadline (UTC) datetime " + engine::formatInstantUtc(open.deadline).substr(0, 19) +
                               " None\n");
    std::filesystem::remove_all(dir);
  }
}

TEST_CASE("text starting with = + - @, tab or CR is a quote-prefixed string, other text is not",
          "[deliverables][xlsx][portfolio][readers]") {
  const std::vector<std::string> titles = {"=1+1", "+1", "-1", "@SUM(A1)", "\tcalc", "\rcalc", "plain -1"};
  const auto dir = makeTempDir("sowflow-quote");
  deliverables::PortfolioOptions options;
  options.asOf = *engine::parseInstant("2025-03-18T02:00:00Z");
  options.templatesDir = templatesDir();
  const auto out = dir / "portfolio.xlsx";
  std::size_t next = 0;
  REQUIRE(deliverables::portfolioXlsx(
      [&](deliverables::PortfolioRow& row) {
        if (next >= titles.size()) return false;
        row.engagementId = "eng-" + std::to_string(next);
        row.title = titles[next++];
        return true;
      },
      out, options));
  const auto result = runCommand(
      "/usr/bin/python3 -c \"import sys, openpyxl; ws = openpyxl.load_workbook(sys.argv[1]).active; "
      "[print(repr(r[1].value), r[1].data_type, r[1].quotePrefix) for r in ws.iter_rows(min_row=2)]\" '" +
      out.string() + "'");
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  // libxlsxwriter writes a CR as the OOXML escape _x000D_, which Excel shows
  // as a CR and openpyxl leaves as it is.
  CHECK(result.output ==
        "'=1+1' s True\n'+1' s True\n'-1' s True\n'@SUM(A1)' s True\n'\\tcalc' s True\n'_x000D_calc' s True\n"
        "'plain -1' s False\n");
  std::filesystem::remove_all(dir);
}
