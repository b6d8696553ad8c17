// GET /healthz: liveness (the process answers and its engine is open).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class HealthHandler {
 public:
  explicit HealthHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
