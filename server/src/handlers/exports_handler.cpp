#include "handlers/exports_handler.hpp"

#include <fstream>
#include <sstream>

#include <Poco/TemporaryFile.h>

#include "app/engagement_exports.hpp"

namespace sowflow::server {

namespace {

void sendExport(ServerContext& context, Exchange& exchange, ExportFormat format) {
  auto document =
      exportEngagement(context.engine, exchange.param("id"), format, context.templatesDir);
  if (!document) return exchange.sendError(document.error());
  exchange.sendDownload(document->contentType, document->filename, document->bytes);
}

}  // namespace

void ExportsHandler::acceptanceReportXlsx(Exchange& exchange) {
  sendExport(context_, exchange, ExportFormat::xlsx);
}
void ExportsHandler::acceptanceReportDocx(Exchange& exchange) {
  sendExport(context_, exchange, ExportFormat::docx);
}
void ExportsHandler::planXml(Exchange& exchange) {
  sendExport(context_, exchange, ExportFormat::mspdi);
}
void ExportsHandler::calendarIcs(Exchange& exchange) {
  sendExport(context_, exchange, ExportFormat::ics);
}

void ExportsHandler::portfolioXlsx(Exchange& exchange) {
  // libxlsxwriter streams rows to a file; the finished workbook (compressed,
  // a few MiB for 100,000 rows) is then sent from memory.
  Poco::TemporaryFile file;
  const std::string language = exchange.query("lang").value_or("en");
  if (auto written = exportPortfolio(context_.engine, file.path(), language, context_.templatesDir); !written) {
    return exchange.sendError(written.error());
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  exchange.sendDownload("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "portfolio.xlsx", bytes.str());
}

}  // namespace sowflow::server
