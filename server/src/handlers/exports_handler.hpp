// GET /api/v1/engagements/{id}/export/...: the documents of SPEC §4, the same bytes as `sowflow export`;
// GET /api/v1/exports/portfolio.xlsx: every engagement and its open windows.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class ExportsHandler {
 public:
  explicit ExportsHandler(ServerContext& context) : context_(context) {}
  void acceptanceReportXlsx(Exchange& exchange);
  void acceptanceReportDocx(Exchange& exchange);
  void planXml(Exchange& exchange);
  void calendarIcs(Exchange& exchange);
  void portfolioXlsx(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
