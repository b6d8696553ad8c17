// PUT/GET /api/v1/engagements/{id}/milestones/{mid}/deliverables/{did}: upload a file into a deliverable slot (bounded body, sanitised name) and download it by id.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class DeliverablesHandler {
 public:
  explicit DeliverablesHandler(ServerContext& context) : context_(context) {}
  void upload(Exchange& exchange);
  void download(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
