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
