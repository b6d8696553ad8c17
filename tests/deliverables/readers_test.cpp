// Real readers (SPEC §4): openpyxl, python-docx and icalendar read what we
// write, LibreOffice converts every docx and xlsx to PDF. A missing reader
// fails the test (scripts/install-deps --test installs them); it is never
// skipped. Uses Debian's /usr/bin/python3, where those packages live.
#include <catch2/catch.hpp>

#include "support/documents.hpp"

using namespace sowflow;
using namespace sowflow::testing;

namespace {

const std::string kPython = "/usr/bin/python3 ";

std::string reader(const std::string& script) {
  return kPython + SOWFLOW_SOURCE_DIR "/tests/deliverables/readers/" + script + " ";
}

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::filesystem::path writeAll(const std::vector<NamedDocument>& documents, const std::filesystem::path& dir) {
  for (const auto& d : documents) writeBytes(dir / d.golden, d.document.bytes);
  return dir;
}

void expectReader(const std::string& command) {
  const auto result = runCommand(command);
  INFO(command);
  INFO(result.output);
  CHECK(result.exitCode == 0);
}

}  // namespace

TEST_CASE("openpyxl reads the acceptance report: sheets, titles, hashes, decisions, formulas as text",
          "[deliverables][xlsx][readers]") {
  const auto dir = makeTempDir("sowflow-xlsx");
  const auto docs = renderAll(chaosDrillPremium());
  writeAll(docs, dir);
  expectReader(reader("read_xlsx.py") + quote((dir / "chaos-drill-premium.acceptance-report.xlsx").string()) +
               " --sheets Summary,Milestones,Deliverables,Responsibility,Audit" +
               " 'Chaos drill 2025; core banking, phase 1' 'Capability diagnosis' " + std::string(64, 'c') +
               " 'deemed accepted at the deadline' 'objected' '203.0.113.7' " +
               quote("=HYPERLINK(\"https://evil.example\",\"x\") section 3 misses the DR drill; see C:\\drills, please fix"));
  expectReader(reader("read_xlsx.py") +
               quote((dir / "chaos-drill-premium.capability-status-survey.survey-form.xlsx").string()) +
               " 'Capability Status Survey Form' 'Is there a failure mode library for the core systems?'");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a zh-CN engagement round-trips its Chinese text through openpyxl and python-docx",
          "[deliverables][xlsx][docx][readers]") {
  const auto dir = makeTempDir("sowflow-zh");
  writeAll(renderAll(tamServiceZh()), dir);
  expectReader(reader("read_xlsx.py") + quote((dir / "tam-service-zh.acceptance-report.xlsx").string()) +
               " --sheets 概要,里程碑,交付件,责任矩阵,审计 某银行分布式数据库专属技术客户经理服务 订阅期限届满 "
               "截止时未答复，视为验收 问题清单.xlsx");
  expectReader(reader("read_docx.py") + quote((dir / "tam-service-zh.acceptance-report.docx").string()) +
               " --tables 4 验收报告 某某银行股份有限公司 北京奥星贝斯科技有限公司 王芳 张伟 订阅期限届满 签字：");
  std::filesystem::remove_all(dir);
}

TEST_CASE("python-docx reads every generated docx: headings, tables, decisions, signature block",
          "[deliverables][docx][readers]") {
  const auto dir = makeTempDir("sowflow-docx");
  writeAll(renderAll(chaosDrillPremium()), dir);
  expectReader(reader("read_docx.py") + quote((dir / "chaos-drill-premium.acceptance-report.docx").string()) +
               " --tables 5 'Acceptance Report' 'Acme Bank, Ltd.' 'Jane Doe' 'Li Wei' 'Capability diagnosis' "
               "'Decision: objected' 'deemed accepted at the deadline' '203.0.113.7' " + std::string(64, 'b') +
               " 'Signature: ' 'Seal:' '[Consultant]'");
  expectReader(reader("read_docx.py") +
               quote((dir / "chaos-drill-premium.capability-diagnosis.capability-diagnosis-report.docx").string()) +
               " --tables 2 'Capability Diagnosis Report' 'Gaps and recommendations' 'Milestone: Capability diagnosis'");
  std::filesystem::remove_all(dir);
}

TEST_CASE("the icalendar package parses the calendar: all-day events on their local dates",
          "[deliverables][ics][readers]") {
  const auto dir = makeTempDir("sowflow-ics");
  writeAll(renderAll(chaosDrillPremium()), dir);
  expectReader(reader("read_ics.py") + quote((dir / "chaos-drill-premium.calendar.ics").string()) +
               " 9 2025-01-26 2025-02-27 --text 'Chaos drill 2025; core banking, phase 1'"
               " --text 'Deadline: 2025-02-28T00:00:00+08:00'");
  writeAll(renderAll(tamServiceZh()), dir);
  expectReader(reader("read_ics.py") + quote((dir / "tam-service-zh.calendar.ics").string()) +
               " 2 --text '验收截止: 订阅期限届满'");
  std::filesystem::remove_all(dir);
}

TEST_CASE("LibreOffice converts every generated docx and xlsx to PDF", "[deliverables][readers][libreoffice]") {
  const auto dir = makeTempDir("sowflow-lo");
  std::vector<std::string> inputs;
  for (const auto& fixture : {chaosDrillPremium(), tamServiceZh()}) {
    for (const auto& d : renderAll(fixture)) {
      if (d.golden.find(".docx") == std::string::npos && d.golden.find(".xlsx") == std::string::npos) continue;
      writeBytes(dir / d.golden, d.document.bytes);
      inputs.push_back(d.golden);
    }
  }
  // One invocation for all files (each start costs seconds), private profile.
  std::string command = "cd " + quote(dir.string()) + " && timeout 600 libreoffice --headless --norestore " +
                        "-env:UserInstallation=file://" + (dir / "profile").string() +
                        " --convert-to pdf --outdir " + quote((dir / "pdf").string());
  for (const auto& name : inputs) command += " " + quote(name);
  const auto result = runCommand(command);
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  for (const auto& name : inputs) {
    const auto pdf = dir / "pdf" / (name.substr(0, name.rfind('.')) + ".pdf");
    CAPTURE(pdf.string());
    REQUIRE(std::filesystem::exists(pdf));
    CHECK(std::filesystem::file_size(pdf) > 1000);
  }
  std::filesystem::remove_all(dir);
}
