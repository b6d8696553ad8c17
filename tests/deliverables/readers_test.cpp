// Real readers (SPEC §4): openpyxl, python-docx and icalendar (Debian's
// /usr/bin/python3) and exceljs (npm, under node) read what we write;
// LibreOffice converts every docx and xlsx to PDF, and poppler checks that the
// Chinese PDFs embed a CJK font and give their text back. A missing reader
// fails the test (scripts/install-deps --test installs them all); it is never
// skipped.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "support/documents.hpp"
#include "support/reader_runs.hpp"

using namespace sowflow;
using namespace sowflow::testing;

namespace {

void expectReader(const std::string& command) {
  const auto result = runCommand(command);
  INFO(command);
  INFO(result.output);
  CHECK(result.exitCode == 0);
}

bool endsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<DocFixture> allFixtures() {
  return {chaosDrillPremium(), tamServiceZh(), managedServices(), remoteOpsSupport()};
}

struct DocxExpectation {
  int tables;
  std::vector<std::string> texts;
};

// What each generated docx must show python-docx, beyond its engagement's
// title. A docx without an entry fails the test, so a new document kind gets one.
const std::map<std::string, DocxExpectation>& docxExpectations() {
  static const std::map<std::string, DocxExpectation> table = {
      {"chaos-drill-premium.acceptance-report.docx",
       {5, {"Acceptance Report", "Acme Bank, Ltd.", "Jane Doe", "Li Wei", "Capability diagnosis", "Decision: objected",
            "deemed accepted at the deadline", "203.0.113.7", std::string(64, 'b'), "Signature: ", "Seal:",
            "[Consultant]"}}},
      {"chaos-drill-premium.acceptance.acceptance-report.docx",
       {5, {"Acceptance Report", "Submissions and decisions", "Decision: objected", "Signature: "}}},
      {"chaos-drill-premium.capability-building-solution.capability-building-solution.docx",
       {2, {"Capability Building Solution", "Proposed solution", "Roadmap", "Milestone: Capability building solution"}}},
      {"chaos-drill-premium.capability-diagnosis.capability-diagnosis-report.docx",
       {2, {"Capability Diagnosis Report", "Gaps and recommendations", "Milestone: Capability diagnosis"}}},
      {"tam-service-zh.acceptance-report.docx",
       {4, {"验收报告", "某某银行股份有限公司", "北京奥星贝斯科技有限公司", "王芳", "张伟", "订阅期限届满", "签字："}}},
      {"managed-services.acceptance-report.docx",
       {5, {"Acceptance Report", "Contoso & Partners, Ltd.", "Alex O'Brien",
            "Comment: @ITG section: add the SLA <review> cadence & owners", "Decision: escalated at the deadline",
            std::string(64, '6')}}},
      {"managed-services.kickoff-meeting.kickoff-meeting-report.docx",
       {2, {"Kickoff Meeting Report", "Objectives and scope", "Milestone: Project kickoff meeting"}}},
      {"managed-services.project-acceptance.acceptance-report.docx",
       {5, {"Acceptance Report", "Contoso & Partners, Ltd.", "Decision: escalated at the deadline"}}},
      {"managed-services.solution-report.implementation-solution.docx",
       {2, {"Implementation Solution", "Current situation", "Milestone: Project solution report"}}},
      {"managed-services.stage-progress-report.stage-progress-report.docx",
       {2, {"Stage Progress Report", "Work done in this stage", "Milestone: Stage progress report"}}},
      {"managed-services.summary-report.summary-report.docx",
       {2, {"Summary Report", "Lessons learned", "Milestone: Summary report"}}},
      {"remote-ops-support.acceptance-report.docx",
       {3, {"Acceptance Report", "=Fabrikam Retail Group", "Sam Lee", "Service acceptance"}}},
  };
  return table;
}

}  // namespace

TEST_CASE("openpyxl reads the acceptance report: sheets, titles, hashes, decisions, formulas as text",
          "[deliverables][xlsx][readers]") {
  const auto dir = makeTempDir("sowflow-xlsx");
  writeAll(renderAll(chaosDrillPremium()), dir);
  expectReader(pythonReader("read_xlsx.py") + shellQuote((dir / "chaos-drill-premium.acceptance-report.xlsx").string()) +
               " --sheets Summary,Milestones,Deliverables,Responsibility,Audit" +
               " 'Chaos drill 2025; core banking, phase 1' 'Capability diagnosis' " + std::string(64, 'c') +
               " 'deemed accepted at the deadline' 'objected' '203.0.113.7' " +
               shellQuote("=HYPERLINK(\"https://evil.example\",\"x\") section 3 misses the DR drill; see C:\\drills, please fix"));
  expectReader(pythonReader("read_xlsx.py") +
               shellQuote((dir / "chaos-drill-premium.capability-status-survey.survey-form.xlsx").string()) +
               " 'Capability Status Survey Form' 'Is there a failure mode library for the core systems?'");
  std::filesystem::remove_all(dir);
}

TEST_CASE("exceljs opens the acceptance report and the portfolio: titles, dates, hashes, decisions, formulas as text",
          "[deliverables][xlsx][readers][exceljs]") {
  const auto missing = exceljsMissing();
  if (!missing.empty()) FAIL(missing);
  const auto dir = makeTempDir("sowflow-exceljs");
  writeAll(renderAll(chaosDrillPremium()), dir);
  expectReader(nodeReader("read_xlsx_exceljs.js") +
               shellQuote((dir / "chaos-drill-premium.acceptance-report.xlsx").string()) +
               " --sheets Summary,Milestones,Deliverables,Responsibility,Audit"
               " --cell 'Summary!B4=Chaos drill 2025; core banking, phase 1'"
               " --cell 'Summary!B11=2025-01-20T00:00:00'"
               " --match 'Summary!B20=^[0-9a-f]{64}$'"
               " --cell 'Milestones!L3=objected' --cell 'Milestones!L5=deemed accepted at the deadline'"
               " --cell " + shellQuote("Milestones!R3==HYPERLINK(\"https://evil.example\",\"x\") section 3 misses the "
                                       "DR drill; see C:\\drills, please fix") +
               " --cell 'Milestones!Q4=@curl/8.5' --cell 'Deliverables!F2=" + std::string(64, 'a') + "'");
  writeAll(renderAll(tamServiceZh()), dir);
  expectReader(nodeReader("read_xlsx_exceljs.js") + shellQuote((dir / "tam-service-zh.acceptance-report.xlsx").string()) +
               " --sheets 概要,里程碑,交付件,责任矩阵,审计 --cell '概要!B4=某银行分布式数据库专属技术客户经理服务' "
               "截止时未答复，视为验收");
  writeSmallPortfolio(dir / "portfolio.xlsx", 12);
  expectReader(nodeReader("read_xlsx_exceljs.js") + shellQuote((dir / "portfolio.xlsx").string()) +
               " --sheets Portfolio --cell 'Portfolio!A1=Engagement' --cell 'Portfolio!A13=eng-11'"
               " --cell " + shellQuote("Portfolio!B9==cmd|' /C calc'!A0") +
               " --cell 'Portfolio!L2=2025-03-25T00:00:00' --cell 'Portfolio!I2=Project acceptance'");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a zh-CN engagement round-trips its Chinese text through openpyxl and python-docx",
          "[deliverables][xlsx][docx][readers]") {
  const auto dir = makeTempDir("sowflow-zh");
  writeAll(renderAll(tamServiceZh()), dir);
  expectReader(pythonReader("read_xlsx.py") + shellQuote((dir / "tam-service-zh.acceptance-report.xlsx").string()) +
               " --sheets 概要,里程碑,交付件,责任矩阵,审计 某银行分布式数据库专属技术客户经理服务 订阅期限届满 "
               "截止时未答复，视为验收 问题清单.xlsx");
  expectReader(pythonReader("read_docx.py") + shellQuote((dir / "tam-service-zh.acceptance-report.docx").string()) +
               " --tables 4 验收报告 某某银行股份有限公司 北京奥星贝斯科技有限公司 王芳 张伟 订阅期限届满 签字：");
  std::filesystem::remove_all(dir);
}

TEST_CASE("python-docx reads every generated docx: headings, tables, decisions, signature block",
          "[deliverables][docx][readers]") {
  const auto dir = makeTempDir("sowflow-docx");
  std::set<std::string> read;
  for (const auto& fixture : allFixtures()) {
    for (const auto& d : renderAll(fixture)) {
      if (!endsWith(d.golden, ".docx")) continue;
      const auto expected = docxExpectations().find(d.golden);
      INFO("no expectation for " << d.golden << ": add one to docxExpectations()");
      REQUIRE(expected != docxExpectations().end());
      writeBytes(dir / d.golden, d.document.bytes);
      std::string command = pythonReader("read_docx.py") + shellQuote((dir / d.golden).string()) + " --tables " +
                            std::to_string(expected->second.tables) + " " + shellQuote(fixture.engagement.title);
      for (const auto& text : expected->second.texts) command += " " + shellQuote(text);
      expectReader(command);
      read.insert(d.golden);
    }
  }
  // Every expectation names a document that exists: a renamed one is not silently unread.
  for (const auto& [name, expectation] : docxExpectations()) {
    CAPTURE(name);
    CHECK(read.count(name) == 1);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the icalendar package parses the calendar: all-day events on their local dates",
          "[deliverables][ics][readers]") {
  const auto dir = makeTempDir("sowflow-ics");
  writeAll(renderAll(chaosDrillPremium()), dir);
  expectReader(pythonReader("read_ics.py") + shellQuote((dir / "chaos-drill-premium.calendar.ics").string()) +
               " 9 2025-01-26 2025-02-27 --text 'Chaos drill 2025; core banking, phase 1'"
               " --text 'Deadline: 2025-02-28T00:00:00+08:00'");
  writeAll(renderAll(tamServiceZh()), dir);
  expectReader(pythonReader("read_ics.py") + shellQuote((dir / "tam-service-zh.calendar.ics").string()) +
               " 2 --text '验收截止: 订阅期限届满'");
  std::filesystem::remove_all(dir);
}

TEST_CASE("LibreOffice converts every generated docx and xlsx to PDF, Chinese drawn with an embedded CJK font",
          "[deliverables][readers][libreoffice]") {
  const auto dir = makeTempDir("sowflow-lo");
  // Inputs are named <golden stem>-<ext>.<ext>: the docx and xlsx acceptance
  // reports share a stem and would otherwise convert to the same PDF.
  std::vector<std::string> inputs;
  auto add = [&](const std::string& golden, const std::string& bytes) {
    const auto dot = golden.rfind('.');
    const auto ext = golden.substr(dot + 1);
    inputs.push_back(golden.substr(0, dot) + "-" + ext + "." + ext);
    writeBytes(dir / inputs.back(), bytes);
  };
  for (const auto& fixture : allFixtures()) {
    for (const auto& d : renderAll(fixture)) {
      if (endsWith(d.golden, ".docx") || endsWith(d.golden, ".xlsx")) add(d.golden, d.document.bytes);
    }
  }
  writeSmallPortfolio(dir / "portfolio-xlsx.xlsx", 12);
  inputs.push_back("portfolio-xlsx.xlsx");
  REQUIRE(inputs.size() == 19);  // 12 docx, 6 xlsx of the four fixtures, the portfolio

  const auto result = convertToPdf(dir, inputs);  // one soffice start for all of them
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  auto pdf = [&](const std::string& input) { return dir / "pdf" / (input.substr(0, input.rfind('.')) + ".pdf"); };
  for (const auto& name : inputs) {
    CAPTURE(name);
    REQUIRE(std::filesystem::exists(pdf(name)));
    CHECK(std::filesystem::file_size(pdf(name)) > 1000);
  }
  // zh-CN: the styles name SimSun, absent on Linux; fontconfig must find a
  // CJK face (fonts-noto-cjk), or the PDF shows boxes while its text layer
  // still holds the characters: hence the font check besides the text check.
  const std::string title = "某银行分布式数据库专属技术客户经理服务";
  expectReader(pythonReader("check_pdf.py") + shellQuote(pdf("tam-service-zh.acceptance-report-docx.docx").string()) +
               " --cjk " + title + " 验收报告 订阅期限届满 签字：");
  expectReader(pythonReader("check_pdf.py") + shellQuote(pdf("tam-service-zh.acceptance-report-xlsx.xlsx").string()) +
               " --cjk " + title + " 项目名称 服务流程");
  expectReader(pythonReader("check_pdf.py") + shellQuote(pdf("managed-services.acceptance-report-docx.docx").string()) +
               " 'IT managed services <R&D> \"core\" platform' 'Contoso & Partners, Ltd.'");
  // The font check can fail: an English PDF embeds no CJK font.
  const auto english = runCommand(pythonReader("check_pdf.py") +
                                  shellQuote(pdf("chaos-drill-premium.acceptance-report-docx.docx").string()) +
                                  " --cjk 'Acceptance Report'");
  INFO(english.output);
  CHECK(english.exitCode == 1);
  CHECK(english.output.find("no embedded CJK font") != std::string::npos);
  std::filesystem::remove_all(dir);
}
