// `sowflow export --engagement ID --format xlsx|docx|mspdi|ics -o FILE [--db URL]`:
// the same bytes as the HTTP exports (both call exportEngagement), and
// `sowflow export --format portfolio [--lang en|zh-CN] -o FILE`: every
// engagement and its open windows, as GET /api/v1/exports/portfolio.xlsx.
// It reads the engagements by opening an Engine over the same store.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/engagement_exports.hpp"
#include "cli/subcommand.hpp"

namespace sowflow::server::cli {

int exportMain(const std::vector<std::string>& args) {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("engagement", "", "engagement id (all but --format portfolio)").argument("ID"));
  options.addOption(Option("format", "", "xlsx, docx (acceptance report), mspdi (plan), ics or portfolio")
                        .required(true).argument("FORMAT"));
  options.addOption(Option("lang", "", "portfolio language: en (default) or zh-CN").argument("LANG"));
  options.addOption(Option("output", "o", "file to write").required(true).argument("FILE"));
  options.addOption(dbOption());
  const auto parsed = parseOptions("export", "--engagement ID --format xlsx|docx|mspdi|ics -o FILE [--db URL]\n"
                                   "       --format portfolio [--lang en|zh-CN] -o FILE [--db URL]",
                                   "Write an engagement's document, byte for byte as the HTTP export.",
                                   options, args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;
  const bool portfolio = parsed->get("format") == "portfolio";
  const auto format = parseExportFormat(parsed->get("format"));
  if (!format && !portfolio) {
    std::cerr << "sowflow export: --format must be xlsx, docx, mspdi, ics or portfolio, found '"
              << parsed->get("format") << "'\n";
    return kExitUsage;
  }
  if (!portfolio && parsed->get("engagement", "").empty()) {
    std::cerr << "sowflow export: --engagement is required for --format " << parsed->get("format") << "\n";
    return kExitUsage;
  }
  auto store = engine::openStore(parsed->get("db", kDefaultDbUrl));
  if (!store) {
    std::cerr << "sowflow export: " << store.error().message << "\n";
    return kExitFailed;
  }
  auto catalog = engine::Catalog::loadDirectory(engine::defaultWorkflowsDirectory());
  if (!catalog) {
    std::cerr << "sowflow export: " << catalog.error().message << "\n";
    return kExitFailed;
  }
  engine::SystemClock clock;
  engine::Engine engine(std::shared_ptr<engine::Store>(std::move(*store)),
                        std::make_shared<const engine::Catalog>(std::move(*catalog)), clock);
  if (auto opened = engine.open(); !opened) {
    std::cerr << "sowflow export: " << opened.error().message << "\n";
    return kExitFailed;
  }
  if (portfolio) {
    const std::string output = parsed->get("output");
    auto written = exportPortfolio(engine, output, parsed->get("lang", "en"),
                                   deliverables::defaultTemplatesDirectory());
    if (!written) {
      std::cerr << "sowflow export: " << written.error().message << "\n";
      return written.error().code == engine::ErrorCode::invalid_argument ? kExitUsage : kExitFailed;
    }
    std::cout << output << ": " << std::filesystem::file_size(output) << " bytes (portfolio)\n";
    return kExitOk;
  }
  auto document = exportEngagement(engine, parsed->get("engagement"), *format,
                                   deliverables::defaultTemplatesDirectory());
  if (!document) {
    std::cerr << "sowflow export: " << document.error().message << "\n";
    return kExitFailed;
  }
  std::ofstream out(parsed->get("output"), std::ios::binary | std::ios::trunc);
  out.write(document->bytes.data(), static_cast<std::streamsize>(document->bytes.size()));
  out.close();
  if (!out) {
    std::cerr << "sowflow export: cannot write " << parsed->get("output") << "\n";
    return kExitFailed;
  }
  std::cout << parsed->get("output") << ": " << document->bytes.size() << " bytes ("
            << document->filename << ")\n";
  return kExitOk;
}

}  // namespace sowflow::server::cli
