// GET /openapi.json: an OpenAPI 3 document generated from the route table, so every endpoint is described.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class OpenApiHandler {
 public:
  explicit OpenApiHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
