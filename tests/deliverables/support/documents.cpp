#include "documents.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

namespace sowflow::testing {

std::vector<NamedDocument> renderAll(const DocFixture& fixture) {
  const auto context = fixture.context();
  std::vector<NamedDocument> out;
  auto take = [&](const std::string& golden, engine::Result<deliverables::Document> result) {
    if (!result) throw std::runtime_error(golden + ": " + result.error().message);
    out.push_back({golden, std::move(result.value())});
  };
  const std::string stem = fixture.name;
  take(stem + ".acceptance-report.xlsx", deliverables::acceptanceReportXlsx(context));
  take(stem + ".acceptance-report.docx", deliverables::acceptanceReportDocx(context));
  take(stem + ".plan.xml", deliverables::planMspdi(context));
  take(stem + ".calendar.ics", deliverables::calendarIcs(context));
  for (const auto& milestone : fixture.engagement.milestones) {
    const auto* definition = fixture.engagement.workflow->findMilestone(milestone.id);
    for (const auto& d : definition->deliverables) {
      if (d.documentTemplate.empty() || !engine::inEdition(d.editions, fixture.engagement.edition)) continue;
      take(stem + "." + milestone.id + "." + d.id + "." + d.format,
           deliverables::renderDeliverable(context, milestone.id, d.id));
    }
  }
  return out;
}

std::string compareWithGolden(const std::string& name, const std::string& bytes) {
  const auto file = goldenDir() / name;
  const char* approve = std::getenv("SOWFLOW_APPROVE");
  if (approve && std::string(approve) == "1") {
    writeBytes(file, bytes);
    return {};
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return "no golden file " + file.string() + " (run scripts/approve)";
  std::ostringstream expected;
  expected << in.rdbuf();
  if (expected.str() == bytes) return {};
  const auto& e = expected.str();
  std::size_t at = 0;
  while (at < e.size() && at < bytes.size() && e[at] == bytes[at]) ++at;
  return name + " differs from its golden file at byte " + std::to_string(at) + " (golden " +
         std::to_string(e.size()) + " bytes, rendered " + std::to_string(bytes.size()) +
         "); if intended, run scripts/approve";
}

std::vector<std::pair<std::string, std::string>> unzipEntries(const std::string& zip) {
  std::istringstream in(zip);
  Poco::Zip::ZipArchive archive(in);
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    in.clear();
    Poco::Zip::ZipInputStream entry(in, it->second);
    std::string bytes((std::istreambuf_iterator<char>(entry)), std::istreambuf_iterator<char>());
    out.emplace_back(it->first, std::move(bytes));
  }
  return out;
}

CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::filesystem::path makeTempDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace sowflow::testing
