#include "handlers/login_handler.hpp"

#include "auth/secure_random.hpp"
#include "handlers/error_mapping.hpp"
#include "handlers/request_handler_base.hpp"

namespace sowflow::server {

namespace {

std::string cookieHeader(const ServerContext& context, const std::string& name,
                         const std::string& value, const std::string& path, long maxAge) {
  std::string cookie = name + "=" + value + "; Path=" + path +
                       "; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAge);
  // Secure whenever the public URL is https (behind a TLS-terminating proxy).
  if (context.publicUrl.rfind("https://", 0) == 0) cookie += "; Secure";
  return cookie;
}

}  // namespace

void LoginHandler::renderLogin(Exchange& exchange, int status, const std::string& error) {
  const std::string csrf = randomToken();
  exchange.response.add("Set-Cookie", cookieHeader(context_, kLoginCsrfCookie, csrf, "/login",
                                                   kLoginCsrfSeconds));
  exchange.sendHtml(status, context_.pages.render("login", mstch::map{{"error", error},
                                                                      {"csrf", csrf}}));
}

void LoginHandler::get(Exchange& exchange) { renderLogin(exchange, 200, ""); }

void LoginHandler::post(Exchange& exchange) {
  if (context_.limiter.blocked(exchange.clientIp)) {
    renderLogin(exchange, kStatusTooManyRequests,
                "Too many failed attempts from this address; try again in a minute.");
    return;
  }
  auto form = exchange.readForm(context_.config.formBodyLimit);
  if (!form) return exchange.sendError(form.error());
  Poco::Net::NameValueCollection cookies;
  exchange.request.getCookies(cookies);
  const std::string expected = cookies.get(kLoginCsrfCookie, "");
  if (expected.empty() || !constantTimeEquals(form->get("csrf", ""), expected)) {
    return exchange.sendError(engine::makeError(
        engine::ErrorCode::forbidden,
        "Expected the login form's csrf field to match its sowflow_login_csrf cookie; "
        "open GET /login and submit its form"));
  }
  auto session = context_.tokens.createSession(form->get("token", ""));
  if (!session) {
    context_.limiter.recordFailure(exchange.clientIp);
    renderLogin(exchange, 401, "That token is not valid.");
    return;
  }
  // The login token has done its job; a new one comes with the next login page.
  exchange.response.add("Set-Cookie", cookieHeader(context_, kLoginCsrfCookie, "", "/login", 0));
  exchange.response.add("Set-Cookie",
                        cookieHeader(context_, kSessionCookie, session->id, "/",
                                     static_cast<long>(context_.config.sessionLifetime.count() * 3600)));
  exchange.redirect("/");
}

void LoginHandler::logout(Exchange& exchange) {
  auto form = exchange.readForm(context_.config.formBodyLimit);
  if (!form) return exchange.sendError(form.error());
  if (!exchange.csrfValid(*form)) {
    return exchange.sendError(engine::makeError(engine::ErrorCode::forbidden, "Expected the form's CSRF token"));
  }
  Poco::Net::NameValueCollection cookies;
  exchange.request.getCookies(cookies);
  context_.tokens.endSession(cookies.get(kSessionCookie, ""));
  exchange.response.add("Set-Cookie", cookieHeader(context_, kSessionCookie, "", "/", 0));
  exchange.redirect("/login");
}

}  // namespace sowflow::server
