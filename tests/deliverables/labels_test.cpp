// Every document language defines the same label keys and the same docx
// templates, so switching a workflow's language never leaves a gap.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "sowflow/engine/definition_loader.hpp"
#include "support/documents.hpp"

using namespace sowflow::testing;

namespace {

std::set<std::string> keys(const std::filesystem::path& file) {
  std::set<std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    auto key = line.substr(0, eq);
    key.erase(key.find_last_not_of(' ') + 1);
    out.insert(key);
  }
  return out;
}

std::set<std::string> files(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("every document language has the same labels and templates", "[deliverables][labels]") {
  const auto en = templatesDir() / "documents" / "en";
  const auto zh = templatesDir() / "documents" / "zh-CN";
  const auto enKeys = keys(en / "labels.txt");
  CHECK(enKeys.size() > 100);
  CHECK(enKeys == keys(zh / "labels.txt"));
  CHECK(files(en) == files(zh));
}

TEST_CASE("every template a shipped workflow names exists in its language", "[deliverables][labels]") {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(sowflow::engine::defaultWorkflowsDirectory())) {
    if (entry.path().extension() != ".xml") continue;
    const auto loaded = sowflow::engine::loadDefinitionFile(entry.path());
    REQUIRE(loaded.diagnostics.empty());
    if (!loaded.workflow) continue;
    const auto& workflow = *loaded.workflow;
    for (const auto& m : workflow.milestones) {
      for (const auto& d : m.deliverables) {
        if (d.documentTemplate.empty()) continue;
        CAPTURE(workflow.id, d.format, d.documentTemplate);
        ++checked;
        if (d.format == "docx") {
          CHECK(std::filesystem::exists(templatesDir() / "documents" / workflow.language /
                                        (d.documentTemplate + ".document.xml")));
        } else {
          REQUIRE(d.format == "xlsx");
          CHECK((d.documentTemplate == "acceptance-report" ||
                 std::filesystem::exists(templatesDir() / "documents" / "forms" /
                                         (d.documentTemplate + ".form.xml"))));
        }
      }
    }
  }
  CHECK(checked >= 10);
}
