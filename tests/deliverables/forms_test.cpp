// The fill-in forms as a user's tool sees them: openpyxl opens the service
// ticket list (remote-ops-support / partner-support) and reports its sheet,
// header block, header row, validations and date columns.
#include <catch2/catch.hpp>

#include "support/documents.hpp"

using namespace sowflow;
using namespace sowflow::testing;
using Catch::Matchers::Contains;

namespace {

std::string dumpSheet(const deliverables::Document& document) {
  const auto dir = makeTempDir("sowflow-forms");
  const auto file = dir / document.filename;
  writeBytes(file, document.bytes);
  const auto result = runCommand("/usr/bin/python3 " SOWFLOW_SOURCE_DIR "/tests/deliverables/readers/dump_xlsx_sheet.py '" +
                                 file.string() + "'");
  std::filesystem::remove_all(dir);
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  return result.output;
}

}  // namespace

TEST_CASE("the service ticket list opens with its header block, columns and validated rows",
          "[deliverables][xlsx][forms][readers]") {
  const auto fixture = remoteOpsSupport();
  auto document = deliverables::renderDeliverable(fixture.context(), "service-acceptance", "service-ticket-list");
  REQUIRE(document);
  CHECK(document->filename == "eng-ops-0004-service-acceptance-service-ticket-list.xlsx");
  CHECK(document->contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string dump = dumpSheet(document.value());
  INFO(dump);

  CHECK_THAT(dump, Contains("sheets: Tickets\n"));
  CHECK_THAT(dump, Contains("row 1: Customer Service Ticket List\n"));
  CHECK_THAT(dump, Contains("row 2: Engagement|eng-ops-0004 — Remote O&M support 2025\n"));
  // A customer name that looks like a formula stays text.
  CHECK_THAT(dump, Contains("row 3: Customer|=Fabrikam Retail Group\n"));
  CHECK_THAT(dump, Contains("row 4: Provider|Huawei Cloud\n"));
  CHECK_THAT(dump, Contains("row 6: Ticket no.|Opened on|Type|Severity|Summary|Requester|Status|Resolved on|Notes\n"));
  CHECK_THAT(dump, Contains("freeze: A7\n"));
  // 200 empty rows below the header are ready to fill in.
  CHECK_THAT(dump, Contains("autofilter: A6:I206\n"));
  CHECK_THAT(dump, Contains("validation list C7:C206 \"service request,fast-track ticket,expert escalation,requirement\""));
  CHECK_THAT(dump, Contains("validation list D7:D206 \"core production down,production down,production exception,"
                            "system exception,general guidance\""));
  CHECK_THAT(dump, Contains("validation list G7:G206 \"open,in progress,resolved,closed\""));
  // Dates on or after the engagement's start (2025-04-01 = serial 45748).
  CHECK_THAT(dump, Contains("validation date B7:B206 45748 greaterThanOrEqual"));
  CHECK_THAT(dump, Contains("validation date H7:H206 45748 greaterThanOrEqual"));
  CHECK_THAT(dump, Contains("column B format yyyy-mm-dd"));
  CHECK_THAT(dump, Contains("column H format yyyy-mm-dd"));
  // Nothing below the header row: the list is a blank form.
  CHECK_THAT(dump, !Contains("row 7:"));
}

TEST_CASE("the service ticket list is rendered the same way twice", "[deliverables][xlsx][forms]") {
  const auto fixture = remoteOpsSupport();
  auto first = deliverables::renderDeliverable(fixture.context(), "service-acceptance", "service-ticket-list");
  auto second = deliverables::renderDeliverable(fixture.context(), "service-acceptance", "service-ticket-list");
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->bytes == second->bytes);
}

namespace {

// A copy of the shipped templates whose `forms/<name>.form.xml` says `form`.
std::filesystem::path templatesWithForm(const std::string& name, const std::string& form) {
  const auto dir = makeTempDir("sowflow-form-templates");
  std::filesystem::copy(templatesDir(), dir, std::filesystem::copy_options::recursive);
  writeBytes(dir / "documents" / "forms" / (name + ".form.xml"), form);
  return dir;
}

}  // namespace

TEST_CASE("a form is data: a changed form definition changes the workbook, no C++ involved",
          "[deliverables][xlsx][forms][readers]") {
  const auto fixture = remoteOpsSupport();
  auto context = fixture.context();
  context.templatesDir = templatesWithForm("service-ticket-list", R"(<?xml version="1.0" encoding="UTF-8"?>
<form title="tickets.title" sheet="sheet.tickets" rows="3">
  <column label="col.ticket_no" width="14"/>
  <column label="col.severity" width="26" list="severity"/>
  <column label="col.resolved_on" width="12" type="date"/>
</form>
)");
  auto document = deliverables::renderDeliverable(context, "service-acceptance", "service-ticket-list");
  REQUIRE(document);
  const std::string dump = dumpSheet(document.value());
  INFO(dump);
  CHECK_THAT(dump, Contains("row 6: Ticket no.|Severity|Resolved on\n"));
  CHECK_THAT(dump, Contains("autofilter: A6:C9\n"));
  CHECK_THAT(dump, Contains("validation list B7:B9 \"core production down,"));
  CHECK_THAT(dump, Contains("column C format yyyy-mm-dd"));
  CHECK_THAT(dump, !Contains("validation date"));  // no min="start"
  std::filesystem::remove_all(context.templatesDir);
}

TEST_CASE("a bad form definition is an error naming its file and line, and nothing is rendered",
          "[deliverables][xlsx][forms]") {
  const auto fixture = remoteOpsSupport();
  struct Case {
    std::string form;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"<form title=\"t\" sheet=\"s\" rows=\"3\">\n  <column label=\"a\"\n          width=\"wide\"/>\n</form>",
       ".form.xml:3: 'width' must be an integer in 1..255, found 'wide'"},
      {"<form title=\"t\" sheet=\"s\" rows=\"3\">\n  <column label=\"a\" colour=\"red\"/>\n</form>",
       ".form.xml:2: unknown attribute 'colour' on <column>"},
      {"<form title=\"t\" sheet=\"s\">\n  <column label=\"a\"/>\n</form>",
       ".form.xml:1: <form> takes either 'items' (an items file) or 'rows' (blank rows), one of them"},
      {"<form title=\"t\" sheet=\"s\" rows=\"3\">\n\n  <column label=\"a\" fill=\"item:2\"/>\n</form>",
       ".form.xml:3: 'fill' reads an item field, but the form has no items file"},
      {"<form title=\"t\" sheet=\"s\" rows=\"3\">\n  <column label=\"a\" type=\"text\" min=\"start\"/>\n</form>",
       ".form.xml:2: 'min' is only min=\"start\" on a type=\"date\" column, found 'start'"},
      {"<form title=\"t\" sheet=\"s\" rows=\"3\">\n  <column label=\"a\">\n</form>", ".form.xml:3: "},
      {"<form title=\"t\" sheet=\"s\" items=\"../labels.txt\"><column label=\"a\"/></form>",
       ".form.xml:1: 'items' must name a file in documents/<lang>/"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.form);
    auto context = fixture.context();
    context.templatesDir = templatesWithForm("service-ticket-list", c.form);
    const auto document = deliverables::renderDeliverable(context, "service-acceptance", "service-ticket-list");
    REQUIRE_FALSE(document);
    CHECK(document.error().code == engine::ErrorCode::invalid_argument);
    CHECK_THAT(document.error().message, Contains("service-ticket-list" + c.expected));
    std::filesystem::remove_all(context.templatesDir);
  }
}

TEST_CASE("an items file line with too few fields names its file and line", "[deliverables][xlsx][forms]") {
  const auto fixture = chaosDrillPremium();
  auto context = fixture.context();
  context.templatesDir = makeTempDir("sowflow-form-items");
  std::filesystem::copy(templatesDir(), context.templatesDir, std::filesystem::copy_options::recursive);
  writeBytes(context.templatesDir / "documents" / "en" / "survey-form.tsv",
             "# area<TAB>item<TAB>list\nDrills\tHow often?\tfrequency\nDrills\tNo list here\n");
  const auto document = deliverables::renderDeliverable(context, "capability-status-survey", "survey-form");
  REQUIRE_FALSE(document);
  CHECK_THAT(document.error().message, Contains("survey-form.tsv:3: expected at least 3 tab-separated fields, found 2"));
  std::filesystem::remove_all(context.templatesDir);
}
