// GET /engagements/{id} and its form actions: phases, milestones, responsibility matrix, audit trail and one button (CSRF-protected form) per legal next action.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

#include <string>
#include <vector>

namespace sowflow::server {

class EngagementPageHandler {
 public:
  explicit EngagementPageHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);
  void act(Exchange& exchange);

 private:
  void render(Exchange& exchange, const engine::Engagement& engagement, int status,
              const std::string& notice, const std::vector<IssuedLink>& links);

  ServerContext& context_;
};

}  // namespace sowflow::server
