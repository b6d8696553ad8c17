// GET/POST /login, POST /logout: an owner token becomes an HttpOnly,
// SameSite=Strict session cookie; failed logins count toward the per-IP limit.
//
// Login CSRF (no session exists yet, so no per-session token): a double-submit
// token. Every render of the login page makes a fresh random value, sets it as
// the short-lived cookie `sowflow_login_csrf` (HttpOnly, SameSite=Strict,
// Path=/login) and puts the same value in the form's hidden `csrf` field.
// POST /login needs both, equal (constant-time), else 403 forbidden before the
// token is looked at; another site can neither read nor set that cookie, so it
// cannot log a victim's browser into the attacker's account.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include <string>

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

inline constexpr const char* kLoginCsrfCookie = "sowflow_login_csrf";
inline constexpr long kLoginCsrfSeconds = 600;  // long enough to paste a token

class LoginHandler {
 public:
  explicit LoginHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);
  void post(Exchange& exchange);
  void logout(Exchange& exchange);

 private:
  // The login page with a fresh double-submit token (cookie and field).
  void renderLogin(Exchange& exchange, int status, const std::string& error);

  ServerContext& context_;
};

}  // namespace sowflow::server
