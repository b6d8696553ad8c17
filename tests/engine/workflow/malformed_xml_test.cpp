// Hostile and broken files: every one gives a clean file:line diagnostic and
// never a crash, a hang or a partially loaded model (STYLE §9: a test that
// feeds malformed files, in place of a fuzz target).
#include "workflow_fixtures.hpp"

using namespace sowflow::engine;
using namespace sowflow::test::workflow;

namespace {

std::vector<Diagnostic> rejected(const std::string& xml) {
  const auto loaded = loadDefinitionText(xml, "bad.xml");
  INFO(listed(loaded.diagnostics));
  CHECK_FALSE(loaded.diagnostics.empty());
  CHECK(loaded.workflow == nullptr);
  CHECK(loaded.calendar == nullptr);
  return loaded.diagnostics;
}

}  // namespace

TEST_CASE("malformed XML is reported with pugixml's error and its line", "[engine][workflow][xml]") {
  const auto xml = replaced(kGoodWorkflow, "<phase id=\"delivery\" stage=\"delivery\" title=\"Delivery\"/>",
                            "<phase id=\"delivery\" stage=\"delivery\" title=\"Delivery\">");
  requireRejected(xml, lineContaining(xml, "</phases>"), "malformed XML: start-end tags mismatch");
}

TEST_CASE("an empty file has no document element", "[engine][workflow][xml]") {
  requireRejected("", 1, "malformed XML: no document element found");
  requireRejected("<!-- only a comment -->\n", 1, "malformed XML");
}

TEST_CASE("every truncation of a valid file is refused cleanly", "[engine][workflow][xml]") {
  for (std::size_t cut = 0; cut + 1 < kGoodWorkflow.size(); cut += 7) {
    const auto prefix = kGoodWorkflow.substr(0, cut);
    const auto loaded = loadDefinitionText(prefix, "truncated.xml");
    CAPTURE(cut);
    REQUIRE_FALSE(loaded.diagnostics.empty());
    REQUIRE(loaded.workflow == nullptr);
    for (const auto& d : loaded.diagnostics) {
      REQUIRE(d.line >= 1);
      REQUIRE(d.line <= lineContaining(kGoodWorkflow, "</workflow>"));
    }
  }
}

TEST_CASE("binary garbage is refused as not UTF-8", "[engine][workflow][xml]") {
  std::mt19937 random(42);
  for (int round = 0; round < 50; ++round) {
    std::string garbage(1 + random() % 2000, '\0');
    for (auto& c : garbage) c = static_cast<char>(random() % 256);
    CAPTURE(round);
    rejected(garbage);
  }
  requireRejected(std::string("<workflow>\n\0</workflow>", 23), 2, "NUL byte");
  requireRejected("<workflow title=\"caf\xE9\"/>", 1, "invalid UTF-8");
  requireRejected("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<calendar/>", 1,
                  "encoding 'ISO-8859-1' is not supported");
}

TEST_CASE("a UTF-8 byte order mark is accepted", "[engine][workflow][xml]") {
  const auto loaded = loadDefinitionText("\xEF\xBB\xBF" + kGoodWorkflow, "bom.xml");
  INFO(listed(loaded.diagnostics));
  CHECK(loaded.workflow != nullptr);
}

TEST_CASE("an external entity (XXE) is refused, never resolved", "[engine][workflow][xml]") {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE workflow [\n"
      "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n"
      "]>\n"
      "<workflow id=\"x\" title=\"&secret;\"/>\n";
  requireRejected(xml, 2, "DOCTYPE with ENTITY declarations is refused");
}

TEST_CASE("billion laughs is refused before any expansion", "[engine][workflow][xml]") {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<workflow title=\"&lol9;\"/>\n";
  requireRejected(xml, 2, "DOCTYPE with ENTITY declarations is refused");
}

TEST_CASE("a DOCTYPE without entities is refused too (files are DTD-free)", "[engine][workflow][xml]") {
  requireRejected("<!DOCTYPE workflow SYSTEM \"workflow.dtd\">\n<workflow/>", 1,
                  "DOCTYPE declarations are not allowed");
}

TEST_CASE("an undefined entity reference is named", "[engine][workflow][xml]") {
  const auto xml = replaced(kGoodWorkflow, "title=\"Delivery\"", "title=\"&lol9;\"");
  requireRejected(xml, lineContaining(xml, "&lol9;"), "undefined entity reference '&lol9;'");
  const auto bare = replaced(kGoodWorkflow, "title=\"Delivery\"", "title=\"R & D\"");
  requireRejected(bare, lineContaining(bare, "R & D"), "unescaped '&'");
}

TEST_CASE("nesting 10,000 deep is refused at depth 32", "[engine][workflow][xml]") {
  std::string xml;
  for (int i = 0; i < 10000; ++i) xml += "<workflow>\n";
  for (int i = 0; i < 10000; ++i) xml += "</workflow>\n";
  requireRejected(xml, 33, "elements nested deeper than 32 levels");
  std::string unclosed;
  for (int i = 0; i < 10000; ++i) unclosed += "<a>";
  rejected(unclosed);
}

TEST_CASE("duplicate attributes are refused", "[engine][workflow][xml]") {
  const auto xml = replaced(kGoodWorkflow, "<milestone id=\"m3\"", "<milestone id=\"m3\" id=\"m4\"");
  requireRejected(xml, lineContaining(xml, "id=\"m4\""), "duplicate attribute 'id' on <milestone>");
}

TEST_CASE("a second root element and text outside the root are refused", "[engine][workflow][xml]") {
  requireRejected(kGoodWorkflow + "<workflow id=\"again\"/>\n", lineContaining(kGoodWorkflow, "</workflow>") + 1,
                  "more than one root element: <workflow> follows <workflow>");
  requireRejected(kGoodWorkflow + "trailing words\n", lineContaining(kGoodWorkflow, "</workflow>") + 1,
                  "text outside the root element");
}

TEST_CASE("an unknown root element is named", "[engine][workflow][xml]") {
  requireRejected("<?xml version=\"1.0\"?>\n<process id=\"x\"/>", 2,
                  "expected root element <workflow> or <calendar>, found <process>");
}
