// Helpers shared by the document tests: every document of a fixture, golden
// comparison (SOWFLOW_APPROVE=1 writes instead, see scripts/approve), zip
// reading with Poco::Zip, and running an external reader.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "fixtures.hpp"

namespace sowflow::testing {

struct NamedDocument {
  std::string golden;  // file name under tests/golden/
  deliverables::Document document;
};

// The acceptance report (xlsx, docx), plan, calendar and every templated
// deliverable of the fixture's milestones. Throws on a render error.
std::vector<NamedDocument> renderAll(const DocFixture& fixture);

// Empty when equal (or approved); otherwise what differs.
std::string compareWithGolden(const std::string& name, const std::string& bytes);

// name -> bytes of every entry, in archive order (Poco::Zip).
std::vector<std::pair<std::string, std::string>> unzipEntries(const std::string& zip);

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout and stderr
};
CommandResult runCommand(const std::string& command);

std::filesystem::path makeTempDir(const std::string& prefix);
void writeBytes(const std::filesystem::path& file, const std::string& bytes);

}  // namespace sowflow::testing
