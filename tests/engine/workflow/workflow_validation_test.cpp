// One case per validation rule of docs/workflow-format.md: mutate the valid
// workflow in one place, expect the diagnostic at that exact line.
#include "workflow_fixtures.hpp"

using namespace sowflow::engine;
using namespace sowflow::test::workflow;

namespace {

// Replaces `from` by `to` and expects `fragment` on the line where `to` now is
// (or where `marker` is, when given).
void expectRejected(const std::string& from, const std::string& to, const std::string& fragment,
                    const std::string& marker = {}) {
  const auto xml = replaced(kGoodWorkflow, from, to);
  const int line = lineContaining(xml, marker.empty() ? to : marker);
  requireRejected(xml, line, fragment);
}

}  // namespace

TEST_CASE("unknown elements and attributes are named with their parent", "[engine][workflow]") {
  expectRejected("<depends-on milestone=\"m1\"/>\n      <deliverable id=\"report\"",
                 "<gizmo/>\n      <deliverable id=\"report\"", "unknown element <gizmo> in <milestone>",
                 "<gizmo/>");
  expectRejected("<phase id=\"delivery\"", "<phase colour=\"red\" id=\"delivery\"",
                 "unknown attribute 'colour' on <phase>");
  expectRejected("<term multiple-of-months=\"12\"/>", "<term multiple-of-months=\"12\">x</term>",
                 "unexpected text in <term>");
}

TEST_CASE("missing or empty required attributes are reported", "[engine][workflow]") {
  expectRejected("<party id=\"customer\" title=\"客户\"/>", "<party id=\"customer\"/>",
                 "missing required attribute 'title' on <party>");
  expectRejected("<milestone id=\"m1\" phase=\"survey\"", "<milestone id=\"m1\" phase=\"\"",
                 "attribute 'phase' of <milestone> must not be empty");
}

TEST_CASE("a required section missing is reported at the root", "[engine][workflow]") {
  auto xml = kGoodWorkflow;
  const auto from = xml.find("  <phases>");
  const auto to = xml.find("</phases>") + std::string("</phases>\n").size();
  xml.erase(from, to - from);
  requireRejected(xml, 2, "missing required element <phases> in <workflow>");
}

TEST_CASE("enumerated attributes accept only their listed values", "[engine][workflow]") {
  // clang-format off
  auto [from, to, fragment] = GENERATE(table<std::string, std::string, std::string>({
    {"stage=\"delivery\"", "stage=\"build\"", "attribute 'stage' of <phase> must be one of survey|design|delivery|acceptance, found 'build'"},
    {"role=\"S\"", "role=\"X\"", "attribute 'role' of <assign> must be one of R|A|S|C|I, found 'X'"},
    {"on-silence=\"escalate\"", "on-silence=\"ignore\"", "must be one of deemed-accepted|escalate, found 'ignore'"},
    {"format=\"docx\"", "format=\"pdf\"", "attribute 'format' of <deliverable> must be one of docx|xlsx|any"},
    {"language=\"zh-CN\"", "language=\"fr\"", "attribute 'language' of <workflow> must be one of en|zh-CN"},
    {"kind=\"one-off\"", "kind=\"monthly\"", "must be one of one-off|subscription"},
    {"clock=\"natural\"", "clock=\"lunar\"", "must be one of natural|working"},
    {"period=\"calendar-month\"", "period=\"week\"", "must be one of calendar-month|year|term"},
    {"overlap=\"true\"", "overlap=\"yes\"", "attribute 'overlap' of <milestone> must be true or false, found 'yes'"},
    {"rollover=\"false\"", "rollover=\"0\"", "must be true or false"},
  }));
  // clang-format on
  CAPTURE(to);
  expectRejected(from, to, fragment);
}

TEST_CASE("numbers must be integers in their range", "[engine][workflow]") {
  // clang-format off
  auto [from, to, fragment] = GENERATE(table<std::string, std::string, std::string>({
    {"planned-working-days=\"7\"", "planned-working-days=\"five\"", "attribute 'planned-working-days' of <milestone> must be an integer in 1..366, found 'five'"},
    {"planned-working-days=\"7\"", "planned-working-days=\"5.5\"", "found '5.5'"},
    {"planned-working-days=\"7\"", "planned-working-days=\" 7\"", "found ' 7'"},
    {"version=\"2\"", "version=\"-1\"", "attribute 'version' of <workflow> must be an integer in 1..1000000"},
    {"count=\"10\"", "count=\"99999999999999999999\"", "attribute 'count' of <quota> must be an integer"},
    {"working-days=\"3\"", "working-days=\"3d\"", "attribute 'working-days' of <notice>"},
    {"window-working-days=\"10\"", "window-working-days=\"0\"", "attribute 'window-working-days' of <acceptance> must be an integer in 1..60, found '0'"},
    {"window-working-days=\"10\"", "window-working-days=\"61\"", "must be an integer in 1..60, found '61'"},
    {"<term multiple-of-months=\"12\"/>", "<term multiple-of-months=\"0\"/>", "must be an integer in 1..120"},
  }));
  // clang-format on
  CAPTURE(to);
  expectRejected(from, to, fragment);
}

TEST_CASE("identifiers are ASCII words", "[engine][workflow]") {
  expectRejected("<milestone id=\"m1\"", "<milestone id=\"m 1\"", "must be an identifier");
  expectRejected("<milestone id=\"m1\"", "<milestone id=\"里程碑\"", "must be an identifier");
}

TEST_CASE("ids are unique per kind", "[engine][workflow]") {
  // clang-format off
  auto [from, to, kind] = GENERATE(table<std::string, std::string, std::string>({
    {"<party id=\"customer-it\"", "<party id=\"provider\"", "duplicate party id 'provider' (first defined at line 5)"},
    {"<edition id=\"premium\"", "<edition id=\"professional\"", "duplicate edition id 'professional'"},
    {"<phase id=\"conclusion\"", "<phase id=\"survey\"", "duplicate phase id 'survey'"},
    {"<activity id=\"acceptance\"", "<activity id=\"survey\"", "duplicate activity id 'survey'"},
    {"<milestone id=\"m3\"", "<milestone id=\"m2\"", "duplicate milestone id 'm2'"},
    {"<deliverable id=\"acceptance-report\"", "<deliverable id=\"survey-form\"", "duplicate deliverable id 'survey-form'"},
    {"<deliverable id=\"fault-report\"", "<deliverable id=\"health\"", "duplicate recurring deliverable id 'health'"},
  }));
  // clang-format on
  CAPTURE(to);
  // The duplicate is where `from` was, not the first occurrence of `to`.
  requireRejected(replaced(kGoodWorkflow, from, to), lineContaining(kGoodWorkflow, from), kind);
}

TEST_CASE("an activity needs one responsible party and at most one accountable",
          "[engine][workflow]") {
  const std::string survey = "<activity id=\"survey\"";
  SECTION("no R") {
    const auto xml = replaced(kGoodWorkflow, "<assign party=\"provider\" role=\"R\"/>",
                              "<assign party=\"provider\" role=\"C\"/>");
    requireRejected(xml, lineContaining(xml, survey),
                    "activity 'survey' has no responsible party (role R)");
  }
  SECTION("two As") {
    const auto xml = replaced(kGoodWorkflow, "<assign party=\"provider\" role=\"S\"/>",
                              "<assign party=\"provider\" role=\"A\"/>");
    requireRejected(xml, lineContaining(xml, "<activity id=\"acceptance\""),
                    "activity 'acceptance' has 2 accountable parties (role A); at most one");
  }
  SECTION("the same party twice") {
    const auto xml = replaced(kGoodWorkflow, "<assign party=\"customer\" role=\"S\"/>",
                              "<assign party=\"provider\" role=\"S\"/>");
    requireRejected(xml, lineContaining(xml, "<assign party=\"provider\" role=\"S\"/>"),
                    "party 'provider' is assigned twice in activity 'survey'");
  }
}

TEST_CASE("references to unknown parties, editions, phases and milestones are named",
          "[engine][workflow]") {
  // clang-format off
  auto [from, to, fragment] = GENERATE(table<std::string, std::string, std::string>({
    {"<assign party=\"customer\" role=\"S\"/>", "<assign party=\"vendor\" role=\"S\"/>", "<assign> refers to unknown party 'vendor'"},
    {"acceptor=\"customer\"", "acceptor=\"auditor\"", "<acceptance> refers to unknown party 'auditor'"},
    {"editions=\"premium\">", "editions=\"premium gold\">", "<activity> refers to unknown edition 'gold'"},
    {"<milestone id=\"m1\" phase=\"survey\"", "<milestone id=\"m1\" phase=\"build\"", "<milestone> refers to unknown phase 'build'"},
    {"<activity id=\"survey\" phase=\"survey\"", "<activity id=\"survey\" phase=\"nope\"", "<activity> refers to unknown phase 'nope'"},
    {"<depends-on milestone=\"m1\"/>", "<depends-on milestone=\"m9\"/>", "<depends-on> refers to unknown milestone 'm9'"},
  }));
  // clang-format on
  CAPTURE(to);
  expectRejected(from, to, fragment);
}

TEST_CASE("parties provider and customer are required", "[engine][workflow]") {
  const auto xml = replaced(kGoodWorkflow, "<party id=\"customer\" title=\"客户\"/>", "");
  requireRejected(xml, lineContaining(xml, "<parties>"), "missing required party 'customer'");
}

TEST_CASE("a milestone dependency cycle is named", "[engine][workflow]") {
  SECTION("two milestones") {
    const auto xml = replaced(kGoodWorkflow,
                              "<deliverable id=\"survey-form\"",
                              "<depends-on milestone=\"m3\"/>\n      <deliverable id=\"survey-form\"");
    requireRejected(xml, lineContaining(xml, "<milestone id=\"m1\""),
                    "milestone dependency cycle: m1 -> m3 -> m1");
  }
  SECTION("a milestone on itself") {
    const auto xml = replaced(kGoodWorkflow, "<depends-on milestone=\"m1\"/>\n      <deliverable id=\"report\"",
                              "<depends-on milestone=\"m2\"/>\n      <deliverable id=\"report\"");
    requireRejected(xml, lineContaining(xml, "<milestone id=\"m2\""),
                    "milestone dependency cycle: m2 -> m2");
  }
}

TEST_CASE("a one-off workflow has exactly one final milestone per edition", "[engine][workflow]") {
  SECTION("none") {
    const auto xml = replaced(kGoodWorkflow, "final=\"true\"", "final=\"false\"");
    requireRejected(xml, lineContaining(xml, "<milestone id=\"m3\""),
                    "no final milestone (final=\"true\") in edition 'professional'");
  }
  SECTION("two in the premium edition") {
    const auto xml = replaced(kGoodWorkflow, "overlap=\"true\"", "final=\"true\"");
    requireRejected(xml, lineContaining(xml, "<milestone id=\"m3\""),
                    "2 final milestones in edition 'premium': 'm2' (line 38), 'm3' (line 43)");
    // The professional edition does not include m2, so it has exactly one.
    const auto loaded = loadDefinitionText(xml, "test.xml");
    CHECK(loaded.diagnostics.size() == 1);
  }
  SECTION("a subscription may have none") {
    auto xml = replaced(kGoodWorkflow, "final=\"true\"", "final=\"false\"");
    xml = replaced(xml, "kind=\"one-off\"", "kind=\"subscription\"");
    const auto loaded = loadDefinitionText(xml, "test.xml");
    INFO(listed(loaded.diagnostics));
    CHECK(loaded.workflow != nullptr);
  }
}

TEST_CASE("phases follow the stage order", "[engine][workflow]") {
  const auto xml = replaced(kGoodWorkflow, "stage=\"delivery\"", "stage=\"design\"");
  const auto fixed = replaced(xml, "<phase id=\"survey\" stage=\"survey\"",
                              "<phase id=\"survey\" stage=\"delivery\"");
  requireRejected(fixed, lineContaining(fixed, "stage=\"design\""),
                  "phase 'delivery' has stage 'design' after phase 'survey' with stage 'delivery'");
}

TEST_CASE("a section may appear only once", "[engine][workflow]") {
  const auto xml = replaced(kGoodWorkflow, "<term multiple-of-months=\"12\"/>",
                            "<term multiple-of-months=\"12\"/>\n  <term multiple-of-months=\"24\"/>");
  requireRejected(xml, lineContaining(xml, "\"24\""), "element <term> appears more than once in <workflow>");
}

TEST_CASE("a file with several errors reports all of them", "[engine][workflow]") {
  auto xml = replaced(kGoodWorkflow, "stage=\"delivery\"", "stage=\"build\"");
  xml = replaced(xml, "<assign party=\"customer\" role=\"S\"/>", "<assign party=\"vendor\" role=\"S\"/>");
  xml = replaced(xml, "window-working-days=\"10\"", "window-working-days=\"99\"");
  xml = replaced(xml, "<term multiple-of-months=\"12\"/>", "<term multiple-of-months=\"12\" x=\"1\"/>");
  const auto loaded = loadDefinitionText(xml, "several.xml");
  INFO(listed(loaded.diagnostics));
  CHECK(loaded.workflow == nullptr);
  CHECK(loaded.diagnostics.size() == 4);
  CHECK(hasDiagnostic(loaded.diagnostics, lineContaining(xml, "build"), "'stage'"));
  CHECK(hasDiagnostic(loaded.diagnostics, lineContaining(xml, "vendor"), "unknown party 'vendor'"));
  CHECK(hasDiagnostic(loaded.diagnostics, lineContaining(xml, "\"99\""), "1..60"));
  CHECK(hasDiagnostic(loaded.diagnostics, lineContaining(xml, "x=\"1\""), "unknown attribute 'x'"));
  for (const auto& d : loaded.diagnostics) CHECK(d.file == "several.xml");
}
