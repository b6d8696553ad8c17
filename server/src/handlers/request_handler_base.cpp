#include "handlers/request_handler_base.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>

#include "auth/secure_random.hpp"
#include "handlers/error_mapping.hpp"
#include "links/acceptance_links.hpp"

namespace sowflow::server {

namespace {

std::string nextRequestId() {
  // A per-process random prefix keeps ids unique across restarts in one log.
  static const std::string prefix = randomToken().substr(0, 6);
  static std::atomic<std::uint64_t> counter{0};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%06llx",
                static_cast<unsigned long long>(++counter));
  return prefix + "-" + buffer;
}

bool isUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

Role requiredRole(Access access) {
  switch (access) {
    case Access::admin: return Role::admin;
    case Access::owner: return Role::owner;
    default: return Role::viewer;
  }
}

}  // namespace

RequestHandlerBase::RequestHandlerBase(ServerContext& context, const Route& route,
                                       RouteParams params)
    : context_(context), route_(route), params_(std::move(params)) {}

std::string RequestHandlerBase::clientIp(const Poco::Net::HTTPServerRequest& request) const {
  const std::string peer = request.clientAddress().host().toString();
  if (context_.config.trustedProxy.empty() || peer != context_.config.trustedProxy) return peer;
  const std::string forwarded = request.get("X-Forwarded-For", "");
  if (forwarded.empty()) return peer;
  // The proxy appends the address it saw last; earlier entries are client-supplied.
  const auto comma = forwarded.rfind(',');
  return Poco::trim(comma == std::string::npos ? forwarded : forwarded.substr(comma + 1));
}

bool RequestHandlerBase::authorize(Exchange& exchange) {
  if (route_.access == Access::open) return true;
  auto& request = exchange.request;
  const std::string authorization = request.get("Authorization", "");
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  const bool presented = !authorization.empty() || cookies.has(kSessionCookie);
  if (presented && context_.limiter.blocked(exchange.clientIp)) {
    exchange.sendJson(kStatusTooManyRequests, rateLimitedBody());
    return false;
  }
  if (!authorization.empty()) {
    if (Poco::icompare(authorization.substr(0, 7), "Bearer ") == 0) {
      exchange.principal = context_.tokens.authenticateToken(Poco::trim(authorization.substr(7)));
    }
  } else if (cookies.has(kSessionCookie)) {
    exchange.principal = context_.tokens.authenticateSession(cookies.get(kSessionCookie));
  }
  if (!exchange.principal) {
    if (presented) context_.limiter.recordFailure(exchange.clientIp);
    if (route_.page) {
      exchange.redirect("/login");
      return false;
    }
    exchange.response.set("WWW-Authenticate", "Bearer realm=\"sowflow\"");
    exchange.sendError(engine::makeError(engine::ErrorCode::unauthorized,
                                         presented ? "The owner token or session is not valid"
                                                   : "Expected an Authorization: Bearer token"));
    return false;
  }
  if (exchange.principal->role < requiredRole(route_.access)) {
    exchange.sendError(engine::makeError(
        engine::ErrorCode::forbidden,
        "Role '" + std::string(toString(exchange.principal->role)) + "' may not " +
            request.getMethod() + " " + route_.pattern + "; it needs '" +
            toString(requiredRole(route_.access)) + "'"));
    return false;
  }
  // Session cookies are ambient: unsafe API calls must echo the CSRF token in
  // a header; page forms carry it as a field, checked by the page handler.
  if (exchange.principal->viaSession && isUnsafe(request.getMethod()) && !route_.page &&
      !constantTimeEquals(request.get("X-CSRF-Token", ""), exchange.principal->csrfToken)) {
    exchange.sendError(engine::makeError(engine::ErrorCode::forbidden,
                                         "Expected the session's CSRF token in X-CSRF-Token"));
    return false;
  }
  return true;
}

void RequestHandlerBase::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response) {
  const auto start = std::chrono::steady_clock::now();
  Exchange exchange(request, response, params_, nextRequestId(), clientIp(request));
  try {
    if (authorize(exchange)) route_.run(context_, exchange);
    if (!response.sent()) {
      exchange.sendError(engine::makeError(engine::ErrorCode::internal,
                                           "handler for " + route_.pattern + " sent nothing"));
    }
  } catch (const std::exception& e) {
    context_.log.error("request %s: %s %s failed: %s", exchange.requestId, request.getMethod(),
                       route_.pattern, std::string(e.what()));
    if (!response.sent()) exchange.sendJson(500, internalErrorBody(exchange.requestId));
  } catch (...) {
    context_.log.error("request %s: %s %s failed with a non-standard exception",
                       exchange.requestId, request.getMethod(), route_.pattern);
    if (!response.sent()) exchange.sendJson(500, internalErrorBody(exchange.requestId));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int status = static_cast<int>(response.getStatus());
  context_.metrics.observeRequest(route_.pattern, status, seconds);
  if (context_.log.information()) {
    context_.log.information("%s %s %s %s %d %.1fms", exchange.requestId, exchange.clientIp,
                             request.getMethod(), maskLinkTokens(request.getURI()), status,
                             seconds * 1000.0);
  }
}

}  // namespace sowflow::server
