// /api/v1/engagements: create, list, read, activate, cancel (SPEC §3).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class EngagementsHandler {
 public:
  explicit EngagementsHandler(ServerContext& context) : context_(context) {}
  void create(Exchange& exchange);
  void list(Exchange& exchange);
  void get(Exchange& exchange);
  void activate(Exchange& exchange);
  void cancel(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
