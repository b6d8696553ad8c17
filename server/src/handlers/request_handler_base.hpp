// Route and RequestHandlerBase: how a matched request is run.
//
// A Route is one row of the route table: method, path pattern with {name}
// placeholders, who may call it, and the handler action. RequestHandlerBase is
// the only Poco HTTPRequestHandler: it assigns a request id, works out the
// client address (X-Forwarded-For only from the configured trusted proxy),
// authenticates and authorises per the route's Access, runs the action, and
// catches every exception (logged with the request id, answered 500 with the
// id and nothing internal), so none crosses into Poco. It then counts the
// request in the metrics and writes one access-log line with link tokens
// masked.
// Thread-safety: one instance per request (Poco's factory contract).
#pragma once

#include <functional>
#include <string>

#include <Poco/Net/HTTPRequestHandler.h>

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

enum class Access {
  open,    // anyone (health, metrics, acceptance links carry their own token)
  viewer,  // any owner credential
  owner,   // create and drive engagements
  admin,
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/engagements/{id}"
  Access access = Access::open;
  bool page = false;     // HTML: no credentials -> 303 /login; errors as pages
  std::string summary;   // one line for /openapi.json
  std::function<void(ServerContext&, Exchange&)> run;
};

class RequestHandlerBase final : public Poco::Net::HTTPRequestHandler {
 public:
  RequestHandlerBase(ServerContext& context, const Route& route, RouteParams params);
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  bool authorize(Exchange& exchange);
  std::string clientIp(const Poco::Net::HTTPServerRequest& request) const;

  ServerContext& context_;
  const Route& route_;
  RouteParams params_;
};

inline constexpr const char* kSessionCookie = "sowflow_session";

}  // namespace sowflow::server
