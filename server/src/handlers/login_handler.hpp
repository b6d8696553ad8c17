// GET/POST /login, POST /logout: an owner token becomes an HttpOnly, SameSite=Strict session cookie; failed logins count toward the per-IP limit.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

class LoginHandler {
 public:
  explicit LoginHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);
  void post(Exchange& exchange);
  void logout(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
