// POST /api/v1/test-clock {now}: only with --test-clock; sets the ManualClock and runs every deadline at or before it before answering.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class TestClockHandler {
 public:
  explicit TestClockHandler(ServerContext& context) : context_(context) {}
  void post(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
