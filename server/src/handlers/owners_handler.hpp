// PUT /api/v1/engagements/{id}/owners/{party}: change a party's project owner; the engine applies the notice rule (SPEC §3).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class OwnersHandler {
 public:
  explicit OwnersHandler(ServerContext& context) : context_(context) {}
  void put(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
