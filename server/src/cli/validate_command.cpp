// `sowflow validate [--templates DIR] FILE...` (SPEC §3): checks workflow and
// calendar files together and prints every problem as file:line: message on
// stderr; then that each workflow's document templates exist and its xlsx
// forms parse (deliverables::checkTemplates), as file: message.
// A workflow's calendar resolves among the given files first, then among the
// shipped calendars (defaultWorkflowsDirectory()/calendars), so one workflow
// file can be checked on its own. Exit 0 and "ok: N workflows, M calendars"
// on stdout when all is well, 1 on any problem, 2 on a usage error.
#include <iostream>

#include "cli/subcommand.hpp"
#include "sowflow/deliverables/deliverables.hpp"
#include "sowflow/engine/definition_loader.hpp"

namespace sowflow::server::cli {
namespace {

namespace engine = sowflow::engine;

// The shipped calendars that load cleanly; a broken shipped file is not the
// user's problem here (the "every shipped workflow validates" test catches it).
engine::Catalog shippedCalendars() {
  engine::Catalog catalog;
  const auto dir = engine::defaultWorkflowsDirectory() / "calendars";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".xml") continue;
    auto loaded = engine::loadDefinitionFile(entry.path());
    if (loaded.calendar) catalog.add(loaded.calendar);
  }
  return catalog;
}

}  // namespace

int validateMain(const std::vector<std::string>& args) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("templates", "", "templates folder (default: the shipped one)")
                        .argument("DIR"));
  const auto parsed = parseOptions(
      "validate", "[--templates DIR] FILE...",
      "Checks workflow and calendar XML files (docs/workflow-format.md) and prints every "
      "problem as file:line: message. A workflow's calendar is looked up among the given "
      "files, then among the shipped calendars. A workflow's document templates and forms "
      "must exist and parse.",
      options, args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;
  const std::filesystem::path templatesDir =
      parsed->has("templates") ? std::filesystem::path(parsed->get("templates"))
                               : deliverables::defaultTemplatesDirectory();
  if (parsed->positional.empty()) {
    std::cerr << "sowflow validate: no files given (usage: sowflow validate FILE...)\n";
    return kExitUsage;
  }

  std::vector<std::filesystem::path> files(parsed->positional.begin(), parsed->positional.end());
  const auto fallback = shippedCalendars();
  const auto diagnostics = engine::Catalog::validateFiles(files, &fallback);
  for (const auto& d : diagnostics) std::cerr << d.toString() << "\n";
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.size() << (diagnostics.size() == 1 ? " problem\n" : " problems\n");
    return kExitFailed;
  }
  // Every file loaded; count what each one is (small files, a second read is
  // cheap) and check that a workflow's documents can be rendered.
  int workflows = 0;
  int calendars = 0;
  std::size_t problems = 0;
  for (const auto& file : files) {
    const auto loaded = engine::loadDefinitionFile(file);
    workflows += loaded.workflow ? 1 : 0;
    calendars += loaded.calendar ? 1 : 0;
    if (!loaded.workflow) continue;
    for (const auto& problem : deliverables::checkTemplates(*loaded.workflow, templatesDir)) {
      std::cerr << file.string() << ": " << problem << "\n";
      ++problems;
    }
  }
  if (problems > 0) {
    std::cerr << problems << (problems == 1 ? " problem\n" : " problems\n");
    return kExitFailed;
  }
  std::cout << "ok: " << workflows << (workflows == 1 ? " workflow, " : " workflows, ")
            << calendars << (calendars == 1 ? " calendar\n" : " calendars\n");
  return kExitOk;
}

}  // namespace sowflow::server::cli
