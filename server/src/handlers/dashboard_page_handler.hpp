// GET /: the owner's dashboard: engagements, the windows closing soonest with working days left, escalations.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class DashboardPageHandler {
 public:
  explicit DashboardPageHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
