#include "handlers/deliverables_handler.hpp"

#include "handlers/handler_support.hpp"

namespace sowflow::server {

namespace {
using engine::ErrorCode;
using engine::makeError;
}  // namespace

void DeliverablesHandler::upload(Exchange& exchange) {
  const auto raw = exchange.query("filename");
  if (!raw) {
    return exchange.sendError(
        makeError(ErrorCode::invalid_argument, "Missing query parameter 'filename'", "filename"));
  }
  const std::string filename = sanitizeFilename(*raw);
  if (filename.empty()) {
    return exchange.sendError(makeError(
        ErrorCode::invalid_argument,
        "Expected 'filename' to keep a name once path and control characters are removed",
        "filename"));
  }
  auto bytes = exchange.readBody(context_.config.uploadBodyLimit);
  if (!bytes) return exchange.sendError(bytes.error());
  std::string contentType = exchange.request.getContentType();
  if (contentType.empty()) contentType = "application/octet-stream";
  const engine::UploadDeliverable command{exchange.param("mid"), exchange.param("did"), filename,
                                          contentType, std::move(*bytes), false};
  auto result = context_.execute(exchange.param("id"), command, exchange.actor());
  if (!result) return exchange.sendError(result.error());
  sendEngagement(context_, exchange, 200, result->engagement());
}

void DeliverablesHandler::download(Exchange& exchange) {
  const auto engagement = findEngagementOr404(context_, exchange, exchange.param("id"));
  if (!engagement) return;
  const auto* milestone = engagement->findMilestone(exchange.param("mid"));
  if (!milestone) return exchange.sendError(notFound("milestone", exchange.param("mid")));
  const auto slot = milestone->slots.find(exchange.param("did"));
  if (slot == milestone->slots.end()) {
    return exchange.sendError(notFound("deliverable file", exchange.param("did")));
  }
  const auto bytes = context_.store.getBlob(slot->second.sha256);
  if (!bytes) {
    return exchange.sendError(makeError(ErrorCode::internal,
                                        "blob " + slot->second.sha256 + " missing from the store"));
  }
  exchange.sendDownload(slot->second.contentType, slot->second.filename, *bytes);
}

}  // namespace sowflow::server
