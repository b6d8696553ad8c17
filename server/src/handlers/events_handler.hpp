// GET /api/v1/engagements/{id}/events: the engagement's journal, hash chain included (SPEC §3).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class EventsHandler {
 public:
  explicit EventsHandler(ServerContext& context) : context_(context) {}
  void list(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
