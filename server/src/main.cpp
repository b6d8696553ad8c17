// `sowflow`: one binary, one subcommand per job (SPEC §3). The table below is
// the whole list; each entry lives in server/src/cli/<name>_command.cpp.
#include <iostream>
#include <string>
#include <vector>

#include "cli/subcommand.hpp"

namespace {

using sowflow::server::cli::SubcommandMain;

struct Entry {
  const char* name;
  const char* summary;
  SubcommandMain run;
};

const std::vector<Entry>& subcommands() {
  namespace cli = sowflow::server::cli;
  // clang-format off
  static const std::vector<Entry> table = {
    {"serve",       "the HTTP server (API, pages, acceptance links, deadlines)", cli::serveMain},
    {"token",       "create an owner token (printed once)",           cli::tokenMain},
    {"export",      "write an engagement's report, plan or calendar", cli::exportMain},
    {"validate",    "check workflow and calendar files",              cli::validateMain},
    {"workdays",    "working-day arithmetic on a calendar",           cli::workdaysMain},
    {"audit",       "verify or checkpoint the event journals",        cli::auditMain},
    {"demo-engine", "drive a demo engagement in the engine, print its journal", cli::demoEngineMain},
  };
  // clang-format on
  return table;
}

void printUsage(std::ostream& out) {
  out << "usage: sowflow SUBCOMMAND [options]   (sowflow SUBCOMMAND --help for its options)\n\n";
  for (const auto& entry : subcommands()) {
    out << "  " << entry.name << std::string(14 - std::string(entry.name).size(), ' ')
        << entry.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    printUsage(std::cerr);
    return sowflow::server::cli::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    printUsage(std::cout);
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& entry : subcommands()) {
    if (name == entry.name) {
      try {
        return entry.run(args);
      } catch (const std::exception& e) {
        std::cerr << "sowflow " << name << ": " << e.what() << "\n";
        return sowflow::server::cli::kExitFailed;
      }
    }
  }
  std::cerr << "sowflow: unknown subcommand '" << name << "'\n";
  printUsage(std::cerr);
  return sowflow::server::cli::kExitUsage;
}
