// Structural checks on the zipped formats: every part parses, content types
// and relationships agree, zip entries carry the fixed 1980-01-01 time,
// formula-looking text is a string cell with the quote-prefixed style.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <set>

#include "support/documents.hpp"

using namespace sowflow;
using namespace sowflow::testing;

namespace {

std::map<std::string, std::string> asMap(const std::vector<std::pair<std::string, std::string>>& entries) {
  return {entries.begin(), entries.end()};
}

// Every Override names an existing part, every relationship target exists.
void checkPackage(const std::map<std::string, std::string>& parts) {
  for (const auto& [name, bytes] : parts) {
    if (name.size() < 4 || (name.substr(name.size() - 4) != ".xml" && name.substr(name.size() - 5) != ".rels")) continue;
    pugi::xml_document doc;
    INFO(name);
    CHECK(doc.load_buffer(bytes.data(), bytes.size()));
  }
  REQUIRE(parts.count("[Content_Types].xml"));
  pugi::xml_document types;
  types.load_string(parts.at("[Content_Types].xml").c_str());
  for (auto o : types.child("Types").children("Override")) {
    const std::string part = std::string(o.attribute("PartName").value()).substr(1);
    INFO("content type for " << part);
    CHECK(parts.count(part) == 1);
  }
  for (const auto& [name, bytes] : parts) {
    if (name.find("_rels/") == std::string::npos) continue;
    const auto dir = name.substr(0, name.find("_rels/"));
    pugi::xml_document rels;
    rels.load_string(bytes.c_str());
    for (auto r : rels.child("Relationships").children("Relationship")) {
      if (std::string(r.attribute("TargetMode").value()) == "External") continue;
      std::string target = r.attribute("Target").value();
      target = target[0] == '/' ? target.substr(1) : dir + target;
      INFO(name << " -> " << target);
      CHECK(parts.count(target) == 1);
    }
  }
}

}  // namespace

TEST_CASE("docx and xlsx packages are consistent and every XML part parses", "[deliverables][zip]") {
  for (const auto& fixture : {chaosDrillPremium(), tamServiceZh(), managedServices()}) {
    for (const auto& named : renderAll(fixture)) {
      const auto& name = named.golden;
      if (name.find(".docx") == std::string::npos && name.find(".xlsx") == std::string::npos) continue;
      CAPTURE(name);
      const auto parts = asMap(unzipEntries(named.document.bytes));
      checkPackage(parts);
    }
  }
}

TEST_CASE("zip entries carry the fixed 1980-01-01 time", "[deliverables][zip]") {
  const auto fixture = chaosDrillPremium();
  for (const auto& named : renderAll(fixture)) {
    if (named.golden.find(".docx") == std::string::npos && named.golden.find(".xlsx") == std::string::npos) continue;
    CAPTURE(named.golden);
    const auto& bytes = named.document.bytes;
    // Local file headers: signature PK\3\4, DOS time at offset 10, date at 12.
    int headers = 0;
    for (std::size_t at = bytes.find("PK\x03\x04"); at != std::string::npos; at = bytes.find("PK\x03\x04", at + 4)) {
      if (at + 14 > bytes.size()) break;
      const auto u16 = [&](std::size_t o) {
        return static_cast<unsigned>(static_cast<unsigned char>(bytes[o])) |
               (static_cast<unsigned>(static_cast<unsigned char>(bytes[o + 1])) << 8);
      };
      CHECK(u16(at + 10) == 0);        // 00:00:00
      CHECK(u16(at + 12) == 0x0021);   // 1980-01-01
      ++headers;
    }
    CHECK(headers >= 5);
  }
}

TEST_CASE("a comment that looks like a formula is a shared string with the quote-prefixed style",
          "[deliverables][xlsx]") {
  const auto fixture = chaosDrillPremium();
  auto result = deliverables::acceptanceReportXlsx(fixture.context());
  REQUIRE(result);
  const auto parts = asMap(unzipEntries(result->bytes));
  pugi::xml_document styles;
  REQUIRE(styles.load_string(parts.at("xl/styles.xml").c_str()));
  std::set<int> quoted;
  int index = 0;
  for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf")) {
    if (xf.attribute("quotePrefix").as_int() == 1) quoted.insert(index);
    ++index;
  }
  REQUIRE_FALSE(quoted.empty());
  pugi::xml_document sharedStrings;
  REQUIRE(sharedStrings.load_string(parts.at("xl/sharedStrings.xml").c_str()));
  std::vector<std::string> strings;
  for (auto si : sharedStrings.child("sst").children("si")) strings.push_back(si.child("t").text().get());
  int formulaLike = 0;
  for (const auto& [name, bytes] : parts) {
    if (name.rfind("xl/worksheets/", 0) != 0) continue;
    pugi::xml_document sheet;
    REQUIRE(sheet.load_string(bytes.c_str()));
    for (auto row : sheet.child("worksheet").child("sheetData").children("row")) {
      for (auto c : row.children("c")) {
        INFO(name << " " << c.attribute("r").value());
        CHECK_FALSE(c.child("f"));  // no formulas at all in a report
        if (std::string(c.attribute("t").value()) != "s") continue;
        const auto& text = strings.at(c.child("v").text().as_uint());
        const char first = text.empty() ? 'x' : text[0];
        if (first == '=' || first == '+' || first == '-' || first == '@') {
          CHECK(quoted.count(c.attribute("s").as_int()) == 1);
          ++formulaLike;
        }
      }
    }
  }
  CHECK(formulaLike >= 4);  // =HYPERLINK comment, +recipient, @user agent, -ok
}

TEST_CASE("the acceptance report workbook has its five sheets with frozen headers and autofilters",
          "[deliverables][xlsx]") {
  const auto fixture = chaosDrillPremium();
  auto result = deliverables::acceptanceReportXlsx(fixture.context());
  REQUIRE(result);
  const auto parts = asMap(unzipEntries(result->bytes));
  pugi::xml_document workbook;
  REQUIRE(workbook.load_string(parts.at("xl/workbook.xml").c_str()));
  std::vector<std::string> names;
  for (auto s : workbook.child("workbook").child("sheets").children("sheet")) names.push_back(s.attribute("name").value());
  CHECK(names == std::vector<std::string>{"Summary", "Milestones", "Deliverables", "Responsibility", "Audit"});
  for (int i = 1; i <= 5; ++i) {
    pugi::xml_document sheet;
    REQUIRE(sheet.load_string(parts.at("xl/worksheets/sheet" + std::to_string(i) + ".xml").c_str()));
    INFO("sheet " << i);
    CHECK(sheet.child("worksheet").child("sheetViews").child("sheetView").child("pane").attribute("state").value() ==
          std::string("frozen"));
    if (i > 1) CHECK(sheet.child("worksheet").child("autoFilter"));
  }
  CHECK(parts.at("docProps/core.xml").find("2025-03-") != std::string::npos);  // the data's time, not now
}

TEST_CASE("the MSPDI plan has phases as summary tasks, milestone tasks, links, calendar exceptions and resources",
          "[deliverables][mspdi]") {
  const auto fixture = chaosDrillPremium();
  auto result = deliverables::planMspdi(fixture.context());
  REQUIRE(result);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(result->bytes.c_str()));
  auto project = doc.child("Project");
  CHECK(std::string(project.attribute("xmlns").value()) == "http://schemas.microsoft.com/project");
  int summaries = 0, milestones = 0, links = 0;
  for (auto task : project.child("Tasks").children("Task")) {
    summaries += task.child("Summary") ? 1 : 0;
    milestones += task.child("Milestone") ? 1 : 0;
    links += static_cast<int>(std::distance(task.children("PredecessorLink").begin(), task.children("PredecessorLink").end()));
  }
  CHECK(summaries == 4);  // the four phases holding the edition's milestones
  CHECK(milestones == 4);
  CHECK(links == 3);
  // survey: 2025-01-20 + 5 working days = Sunday 2025-01-26, a make-up working day
  CHECK(result->bytes.find("<Finish>2025-01-26T18:00:00</Finish>") != std::string::npos);
  int working = 0, holidays = 0;
  for (auto e : project.child("Calendars").child("Calendar").child("Exceptions").children("Exception")) {
    (e.child("DayWorking").text().as_int() ? working : holidays)++;
  }
  CHECK(working == 3);
  CHECK(holidays == 11);
  CHECK(std::distance(project.child("Resources").children("Resource").begin(),
                      project.child("Resources").children("Resource").end()) == 2);
  CHECK(std::distance(project.child("Assignments").children("Assignment").begin(),
                      project.child("Assignments").children("Assignment").end()) == 8);
}

TEST_CASE("a docx deliverable is picked by its workflow template id", "[deliverables][docx]") {
  const auto fixture = chaosDrillPremium();
  auto result = deliverables::renderDeliverable(fixture.context(), "capability-diagnosis", "capability-diagnosis-report");
  REQUIRE(result);
  const auto parts = asMap(unzipEntries(result->bytes));
  const auto& document = parts.at("word/document.xml");
  CHECK(document.find("Capability Diagnosis Report") != std::string::npos);
  CHECK(document.find("w:tag w:val=\"consultant\"") != std::string::npos);
  CHECK(parts.at("word/styles.xml").find("w:eastAsia=") != std::string::npos);

  auto unknown = deliverables::renderDeliverable(fixture.context(), "capability-diagnosis", "nope");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == engine::ErrorCode::invalid_argument);
  CHECK(unknown.error().message.find("nope") != std::string::npos);
}

TEST_CASE("user text is escaped in WordprocessingML", "[deliverables][docx]") {
  auto fixture = chaosDrillPremium();
  fixture.engagement.title = "R&D <drill> \"2025\" \x01";
  auto result = deliverables::acceptanceReportDocx(fixture.context());
  REQUIRE(result);
  const auto parts = asMap(unzipEntries(result->bytes));
  const auto& document = parts.at("word/document.xml");
  CHECK(document.find("R&amp;D &lt;drill&gt;") != std::string::npos);
  CHECK(document.find('\x01') == std::string::npos);
}
