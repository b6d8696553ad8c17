// GET /api/v1/calendars/{id}/workdays?from=DATE&days=N: working-day arithmetic (SPEC §3).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class CalendarsHandler {
 public:
  explicit CalendarsHandler(ServerContext& context) : context_(context) {}
  void workdays(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
