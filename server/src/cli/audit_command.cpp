// `sowflow audit verify|checkpoint` (SPEC §3): checks every engagement's hash
// chain, or writes the heads to a checkpoint file. The logic lives in the
// engine (audit.hpp) so tests exercise it without the binary.
//   verify      exit 0 when every chain verifies; else exit 1 and one line per
//               broken chain "engagement ID: event SEQ: what is wrong".
//   checkpoint  writes every engagement's head (format: docs/journal-format.md).
#include <iostream>

#include "cli/subcommand.hpp"
#include "sowflow/engine/audit.hpp"

namespace sowflow::server::cli {

namespace {

namespace engine = sowflow::engine;
using Poco::Util::Option;
using Poco::Util::OptionSet;

constexpr const char* kUsage = "verify|checkpoint [options]";
constexpr const char* kDescription =
    "verify: check every engagement's event hash chain (with --checkpoint, also that no events "
    "were lost after the checkpointed heads). checkpoint: write every engagement's head "
    "(seq, hash) to FILE.";

std::unique_ptr<engine::Store> openOrReport(const ParsedOptions& parsed) {
  const std::string url = parsed.get("db", kDefaultDbUrl);
  auto store = engine::openStore(url);
  if (!store) {
    std::cerr << "sowflow audit: " << store.error().message << "\n";
    return nullptr;
  }
  return std::move(store).value();
}

int verify(const ParsedOptions& parsed) {
  std::optional<engine::Checkpoint> checkpoint;
  if (parsed.has("checkpoint")) {
    auto read = engine::readCheckpointFile(parsed.get("checkpoint"));
    if (!read) {
      std::cerr << "sowflow audit: " << read.error().message << "\n";
      return kExitUsage;
    }
    checkpoint = std::move(read).value();
  }
  const auto store = openOrReport(parsed);
  if (!store) return kExitFailed;
  std::optional<std::string> engagement;
  if (parsed.has("engagement")) engagement = parsed.get("engagement");
  const auto reports = engine::auditStore(*store, engagement, checkpoint);
  for (const auto& report : reports) {
    std::cout << "engagement " << report.engagementId << ": event " << report.problem.seq << ": "
              << report.problem.what << "\n";
  }
  if (!reports.empty()) return kExitFailed;
  std::cerr << "sowflow audit: every chain verifies (" << store->describe() << ")\n";
  return kExitOk;
}

int checkpoint(const ParsedOptions& parsed) {
  if (!parsed.has("output")) {
    std::cerr << "sowflow audit checkpoint: -o FILE is required\n";
    return kExitUsage;
  }
  const auto store = openOrReport(parsed);
  if (!store) return kExitFailed;
  const auto heads = engine::takeCheckpoint(*store);
  if (auto written = engine::writeCheckpointFile(parsed.get("output"), heads); !written) {
    std::cerr << "sowflow audit: " << written.error().message << "\n";
    return kExitFailed;
  }
  std::cerr << "sowflow audit: wrote " << heads.size() << " engagement head(s) to "
            << parsed.get("output") << "\n";
  return kExitOk;
}

}  // namespace

int auditMain(const std::vector<std::string>& args) {
  OptionSet options;
  options.addOption(dbOption());
  options.addOption(Option("engagement", "", "verify only this engagement")
                        .required(false).repeatable(false).argument("ID"));
  options.addOption(Option("checkpoint", "", "verify: also compare against this checkpoint file")
                        .required(false).repeatable(false).argument("FILE"));
  options.addOption(Option("output", "o", "checkpoint: the file to write")
                        .required(false).repeatable(false).argument("FILE"));
  const auto parsed = parseOptions("audit", kUsage, kDescription, options, args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;
  const std::string action = parsed->positional.empty() ? "" : parsed->positional.front();
  if (parsed->positional.size() != 1 || (action != "verify" && action != "checkpoint")) {
    std::cerr << "sowflow audit: expected 'verify' or 'checkpoint' (sowflow audit --help)\n";
    return kExitUsage;
  }
  return action == "verify" ? verify(*parsed) : checkpoint(*parsed);
}

}  // namespace sowflow::server::cli
