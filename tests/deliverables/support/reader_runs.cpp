// Command lines for the real readers; see reader_runs.hpp.
#include "reader_runs.hpp"

#include <cstdlib>
#include <stdexcept>

#include "sowflow/deliverables/deliverables.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::testing {

namespace {
const std::string kReaders = SOWFLOW_SOURCE_DIR "/tests/deliverables/readers/";
}

std::string shellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string pythonReader(const std::string& script) { return "/usr/bin/python3 " + kReaders + script + " "; }

std::filesystem::path exceljsDir() {
  const char* dir = std::getenv("SOWFLOW_EXCELJS_DIR");
  return dir && *dir ? std::filesystem::path(dir) : std::filesystem::path("/var/cache/sowflow-test/exceljs");
}

std::string exceljsMissing() {
  std::string missing;
  if (runCommand("node --version").exitCode != 0) missing += "node is not on PATH; ";
  const auto package = exceljsDir() / "node_modules" / "exceljs" / "package.json";
  if (!std::filesystem::exists(package)) missing += "exceljs is not installed (no " + package.string() + "); ";
  if (missing.empty()) return missing;
  return missing + "run scripts/install-deps --test (it npm-installs exceljs@4 into " + exceljsDir().string() +
         ", or into $SOWFLOW_EXCELJS_DIR when set)";
}

std::string nodeReader(const std::string& script) {
  return "NODE_PATH=" + shellQuote((exceljsDir() / "node_modules").string()) + " node " + kReaders + script + " ";
}

void writeAll(const std::vector<NamedDocument>& documents, const std::filesystem::path& dir) {
  for (const auto& d : documents) writeBytes(dir / d.golden, d.document.bytes);
}

void writeSmallPortfolio(const std::filesystem::path& out, int rows) {
  deliverables::PortfolioOptions options;
  options.asOf = *engine::parseInstant("2025-03-18T02:00:00Z");
  options.templatesDir = templatesDir();
  int next = 0;
  const auto status = deliverables::portfolioXlsx(
      [&](deliverables::PortfolioRow& row) {
        if (next >= rows) return false;
        row = {};
        row.engagementId = "eng-" + std::to_string(next);
        row.title = next == 7 ? "=cmd|' /C calc'!A0" : "Engagement " + std::to_string(next);
        row.workflow = "chaos-drill";
        row.customer = "Acme Bank, Ltd.";
        row.state = "active";
        if (next % 2 == 0) {
          row.milestone = "acceptance";
          row.milestoneTitle = "Project acceptance";
          row.version = 1;
          row.deadlineLocalDate = *engine::parseDate("2025-03-25");
          row.deadline = "2025-03-26T00:00:00+08:00";
        }
        ++next;
        return true;
      },
      out, options);
  if (!status) throw std::runtime_error("portfolioXlsx: " + status.error().message);
}

CommandResult convertToPdf(const std::filesystem::path& dir, const std::vector<std::string>& names) {
  std::string command = "cd " + shellQuote(dir.string()) + " && timeout 600 libreoffice --headless --norestore " +
                        "-env:UserInstallation=file://" + (dir / "profile").string() + " --convert-to pdf --outdir " +
                        shellQuote((dir / "pdf").string());
  for (const auto& name : names) command += " " + shellQuote(name);
  return runCommand(command);
}

}  // namespace sowflow::testing
