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
