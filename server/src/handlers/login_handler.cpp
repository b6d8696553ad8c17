#include "handlers/login_handler.hpp"

#include "handlers/error_mapping.hpp"
#include "handlers/request_handler_base.hpp"

namespace sowflow::server {

namespace {

std::string cookieHeader(const ServerContext& context, const std::string& value, long maxAge) {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(maxAge);
  // Secure whenever the public URL is https (behind a TLS-terminating proxy).
  if (context.publicUrl.rfind("https://", 0) == 0) cookie += "; Secure";
  return cookie;
}

}  // namespace

void LoginHandler::get(Exchange& exchange) {
  exchange.sendHtml(200, context_.pages.render("login", mstch::map{{"error", std::string()}}));
}

void LoginHandler::post(Exchange& exchange) {
  if (context_.limiter.blocked(exchange.clientIp)) {
    exchange.sendHtml(kStatusTooManyRequests,
                      context_.pages.render("login", mstch::map{{"error", std::string(
                          "Too many failed attempts from this address; try again in a minute.")}}));
    return;
  }
  auto form = exchange.readForm(context_.config.formBodyLimit);
  if (!form) return exchange.sendError(form.error());
  auto session = context_.tokens.createSession(form->get("token", ""));
  if (!session) {
    context_.limiter.recordFailure(exchange.clientIp);
    exchange.sendHtml(401, context_.pages.render("login", mstch::map{{"error", std::string(
                                                              "That token is not valid.")}}));
    return;
  }
  exchange.response.add("Set-Cookie",
                        cookieHeader(context_, session->id,
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
  exchange.response.add("Set-Cookie", cookieHeader(context_, "", 0));
  exchange.redirect("/login");
}

}  // namespace sowflow::server
