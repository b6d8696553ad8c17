#include "handlers/exports_handler.hpp"

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

}  // namespace sowflow::server
