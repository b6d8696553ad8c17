// The docx mustache context as mstch sees it: partials reached through other
// partials, lazily built arrays (trail, phases, the focus milestone) and the
// well-formedness check, on a copy of the shipped templates with one
// template replaced.
#include <catch2/catch.hpp>

#include "support/documents.hpp"

using namespace sowflow;
using namespace sowflow::testing;

namespace {

// A templates tree whose en acceptance report is `body` (plus `partials`).
std::filesystem::path templatesWith(const std::string& body,
                                    const std::map<std::string, std::string>& partials = {}) {
  const auto dir = makeTempDir("sowflow-docx-context");
  std::filesystem::copy(templatesDir(), dir, std::filesystem::copy_options::recursive);
  const auto en = dir / "documents" / "en";
  writeBytes(en / "acceptance-report.document.xml", body);
  for (const auto& [name, text] : partials) writeBytes(en / ("_" + name + ".xml"), text);
  return dir;
}

std::string documentXml(const deliverables::Document& docx) {
  for (const auto& [name, bytes] : unzipEntries(docx.bytes)) {
    if (name == "word/document.xml") return bytes;
  }
  return {};
}

}  // namespace

TEST_CASE("a partial reached only through another partial is rendered", "[deliverables][docx]") {
  const auto fixture = chaosDrillPremium();
  const auto dir = templatesWith("<doc>{{> outer}}</doc>", {{"outer", "<a>{{> inner}}</a>"}, {"inner", "<b>{{id}}</b>"}});
  const deliverables::RenderContext context{fixture.engagement, *fixture.calendar, fixture.journal, dir};
  auto docx = deliverables::acceptanceReportDocx(context);
  REQUIRE(docx);
  CHECK(documentXml(docx.value()) == "<doc><a><b>" + fixture.engagement.id + "</b></a></doc>");
  std::filesystem::remove_all(dir);
}

TEST_CASE("trail, phases and the milestones list are built when a template names them", "[deliverables][docx]") {
  const auto fixture = chaosDrillPremium();
  const auto dir = templatesWith(
      "<doc>{{#trail}}<e>{{seq}}</e>{{/trail}}"
      "{{#phases}}<p>{{#milestones}}<m>{{id}}</m>{{/milestones}}</p>{{/phases}}"
      "{{#milestones}}<n>{{id}}/{{version}}</n>{{/milestones}}</doc>");
  const deliverables::RenderContext context{fixture.engagement, *fixture.calendar, fixture.journal, dir};
  auto docx = deliverables::acceptanceReportDocx(context);
  REQUIRE(docx);
  const auto xml = documentXml(docx.value());
  std::size_t events = 0, inPhases = 0, listed = 0;
  for (auto pos = xml.find("<e>"); pos != std::string::npos; pos = xml.find("<e>", pos + 1)) ++events;
  for (auto pos = xml.find("<m>"); pos != std::string::npos; pos = xml.find("<m>", pos + 1)) ++inPhases;
  for (auto pos = xml.find("<n>"); pos != std::string::npos; pos = xml.find("<n>", pos + 1)) ++listed;
  CHECK(events == fixture.journal.size());
  CHECK(listed == fixture.engagement.workflow->milestones.size());
  // Every milestone belongs to one phase: the shared records appear in both lists.
  CHECK(inPhases == listed);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a template that renders malformed XML is an error naming the template", "[deliverables][docx]") {
  const auto fixture = chaosDrillPremium();
  const auto dir = templatesWith("<doc><open>{{id}}</doc>");
  const deliverables::RenderContext context{fixture.engagement, *fixture.calendar, fixture.journal, dir};
  auto docx = deliverables::acceptanceReportDocx(context);
  REQUIRE_FALSE(docx);
  CHECK_THAT(docx.error().message, Catch::Contains("acceptance-report.document.xml") &&
                                       Catch::Contains("not well-formed"));
  std::filesystem::remove_all(dir);
}
