// RouteTable: the HTTPRequestHandlerFactory, and the list of every endpoint.
//
// routes() is the table (method, pattern, access, handler action), read top
// to bottom; the first row whose method and pattern match wins (HEAD is
// answered by the GET row, headers only). A path that
// matches some row with another method answers 405 with Allow; anything else
// 404. /openapi.json is generated from the same rows, so it cannot forget an
// endpoint. POST /api/v1/test-clock is in the table only with --test-clock.
// Thread-safety: the table is immutable once built; createRequestHandler is
// called from Poco's acceptor thread.
#pragma once

#include <optional>
#include <vector>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "handlers/request_handler_base.hpp"

namespace sowflow::server {

std::vector<Route> routes(const ServerConfig& config);

// Matches `path` (no query) against `pattern`; placeholders are URL-decoded.
std::optional<RouteParams> matchPattern(const std::string& pattern, const std::string& path);

class RouteTable final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RouteTable(ServerContext& context);
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

  const std::vector<Route>& table() const { return routes_; }

 private:
  ServerContext& context_;
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // routes_[i].pattern split at '/'
  Route notFound_;
  Route methodNotAllowed_;
};

}  // namespace sowflow::server
