// GET /api/v1/workflows[/{id}]: the workflows in the catalog (SPEC §3).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class WorkflowsHandler {
 public:
  explicit WorkflowsHandler(ServerContext& context) : context_(context) {}
  void list(Exchange& exchange);
  void get(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
