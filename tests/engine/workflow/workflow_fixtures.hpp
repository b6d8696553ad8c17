// Shared fixtures for the workflow/calendar loader tests: a valid workflow and
// calendar that tests mutate one rule at a time, and helpers that find a
// diagnostic by exact line and message fragment (printing all of them on failure).
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "sowflow/engine/definition_loader.hpp"

namespace sowflow::test::workflow {

inline const std::string kGoodWorkflow = R"(<?xml version="1.0" encoding="UTF-8"?>
<workflow id="mini" version="2" language="zh-CN" calendar="weekdays-utc" kind="one-off"
          title="混沌演练技术支持服务" source="Test SOW &amp; co">
  <parties>
    <party id="provider" title="Huawei Cloud"/>
    <party id="customer" title="客户"/>
    <party id="customer-it" title="Customer IT"/>
  </parties>
  <editions>
    <edition id="professional" title="Professional Edition"/>
    <edition id="premium" title="Premium Edition"/>
  </editions>
  <phases>
    <phase id="survey" stage="survey" title="Requirement survey">
      <description>
        Discuss the requirements &lt;in detail&gt;.
      </description>
    </phase>
    <phase id="delivery" stage="delivery" title="Delivery"/>
    <phase id="conclusion" stage="acceptance" title="Conclusion"/>
  </phases>
  <activities>
    <activity id="survey" phase="survey" title="Requirement survey" editions="premium">
      <description>Survey the customer.</description>
      <assign party="provider" role="R"/>
      <assign party="customer" role="S"/>
    </activity>
    <activity id="acceptance" phase="conclusion" title="Customer acceptance">
      <assign party="provider" role="S"/>
      <assign party="customer" role="R"/>
      <assign party="customer-it" role="A"/>
    </activity>
  </activities>
  <milestones>
    <milestone id="m1" phase="survey" title="Survey done" planned-working-days="7">
      <deliverable id="survey-form" title="Survey Form" format="xlsx" template="survey-form"/>
    </milestone>
    <milestone id="m2" phase="delivery" title="Delivered" overlap="true" editions="premium">
      <depends-on milestone="m1"/>
      <deliverable id="report" title="Report" format="docx" editions="premium"/>
      <acceptance window-working-days="10" on-silence="escalate" submitter="provider" acceptor="customer"/>
    </milestone>
    <milestone id="m3" phase="conclusion" title="Accepted" final="true">
      <depends-on milestone="m1"/>
      <deliverable id="acceptance-report" title="Acceptance Report"/>
    </milestone>
  </milestones>
  <notices>
    <notice id="personnel-change" title="Personnel change" working-days="3"/>
  </notices>
  <slas>
    <sla id="core-down" title="Core production down" response-minutes="15" clock="natural" editions="premium"/>
  </slas>
  <quotas>
    <quota id="fast-track" title="Fast-track tickets" count="10" period="calendar-month" rollover="false"/>
  </quotas>
  <recurring>
    <deliverable id="health" title="Health evaluation" every-months="3" trigger=""/>
    <deliverable id="fault-report" title="Fault report" trigger="major-incident"/>
  </recurring>
  <term multiple-of-months="12"/>
</workflow>
)";

inline const std::string kGoodCalendar = R"(<?xml version="1.0" encoding="UTF-8"?>
<calendar id="test-cn" title="测试日历" time-zone="Asia/Shanghai" revision="test-cn-1"
          published-from="2025" published-to="2025" source="test data">
  <weekend days="sat sun"/>
  <holiday from="2025-01-28" to="2025-02-04" name="Spring Festival"/>
  <holiday date="2025-01-01" name="New Year's Day"/>
  <working-day date="2025-01-26" name="make-up working day"/>
  <working-day date="2025-02-08" name="make-up working day"/>
</calendar>
)";

// `text` with the first occurrence of `from` replaced; fails the test if absent.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The 1-based line holding the first occurrence of `marker`.
inline int lineContaining(const std::string& text, const std::string& marker) {
  const auto at = text.find(marker);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

inline std::string listed(const std::vector<engine::Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.toString() + "\n";
  return out.empty() ? "(no diagnostics)" : out;
}

inline bool hasDiagnostic(const std::vector<engine::Diagnostic>& diagnostics, int line,
                          const std::string& fragment) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const engine::Diagnostic& d) {
    return d.line == line && d.message.find(fragment) != std::string::npos;
  });
}

// Loads `xml` and requires a diagnostic at `line` containing `fragment`, and no model.
inline void requireRejected(const std::string& xml, int line, const std::string& fragment) {
  const auto loaded = engine::loadDefinitionText(xml, "test.xml");
  INFO("expected line " << line << ": " << fragment << "\ngot:\n" << listed(loaded.diagnostics));
  CHECK(hasDiagnostic(loaded.diagnostics, line, fragment));
  CHECK(loaded.workflow == nullptr);
  CHECK(loaded.calendar == nullptr);
}

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() /
            ("sowflow-workflow-test-" + std::to_string(seed()) + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& relative, const std::string& content) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace sowflow::test::workflow
