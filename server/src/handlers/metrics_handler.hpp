// GET /metrics: Prometheus text (metrics/metrics_registry.hpp).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class MetricsHandler {
 public:
  explicit MetricsHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
