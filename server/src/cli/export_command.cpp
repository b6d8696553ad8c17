// `sowflow export --engagement ID --format xlsx|docx|mspdi|ics -o FILE [--db URL]`:
// the same bytes as the HTTP exports (both call exportEngagement). It reads
// the engagement by opening an Engine over the same store.
#include <fstream>
#include <iostream>

#include "app/engagement_exports.hpp"
#include "cli/subcommand.hpp"

namespace sowflow::server::cli {

int exportMain(const std::vector<std::string>& args) {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("engagement", "", "engagement id").required(true).argument("ID"));
  options.addOption(Option("format", "", "xlsx, docx (acceptance report), mspdi (plan) or ics")
                        .required(true).argument("FORMAT"));
  options.addOption(Option("output", "o", "file to write").required(true).argument("FILE"));
  options.addOption(dbOption());
  const auto parsed = parseOptions("export", "--engagement ID --format xlsx|docx|mspdi|ics -o FILE [--db URL]",
                                   "Write an engagement's document, byte for byte as the HTTP export.",
                                   options, args);
  if (!parsed) return kExitUsage;
  if (parsed->helpShown) return kExitOk;
  const auto format = parseExportFormat(parsed->get("format"));
  if (!format) {
    std::cerr << "sowflow export: --format must be xlsx, docx, mspdi or ics, found '"
              << parsed->get("format") << "'\n";
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
