// The pages' stylesheet as a cacheable asset, the strict CSP it allows, HEAD
// on GET routes, and status lines with their reason phrases.
#include <catch2/catch.hpp>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

namespace {

// Everything the server writes for `request` on a fresh connection it closes.
std::string rawExchange(unsigned short port, const std::string& request) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  std::string out;
  char buffer[4096];
  for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) out.append(buffer, n);
  return out;
}

}  // namespace

TEST_CASE("every page links the stylesheet and its CSP allows no inline style", "[server][pages]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  const auto tokens = server.submit(id, "capability-status-survey");
  for (const auto& path : {"/a/" + tokens[0], std::string("/login"), "/a/" + std::string(43, 'x')}) {
    INFO(path);
    const auto page = server.get(path, "");
    CHECK(page.body.find(R"(<link rel="stylesheet" href="/static/sowflow.css">)") != std::string::npos);
    CHECK(page.body.find("<style") == std::string::npos);
    const auto csp = page.headers.get("Content-Security-Policy", "");
    CHECK(csp.find("style-src 'self'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
  }
}

TEST_CASE("the stylesheet is public, cacheable and revalidated by its entity tag", "[server][pages]") {
  TestServer server;
  const auto css = server.get("/static/sowflow.css", "");
  REQUIRE(css.status == 200);
  CHECK(css.headers.get("Content-Type", "") == "text/css; charset=utf-8");
  CHECK(css.headers.get("Cache-Control", "") == "public, max-age=3600");
  CHECK(css.body.find("box-sizing") != std::string::npos);
  const auto tag = css.headers.get("ETag", "");
  REQUIRE(tag.size() > 2);

  HttpRequest again{"GET", "/static/sowflow.css"};
  again.headers["If-None-Match"] = "\"other\", W/" + tag;
  const auto unchanged = server.send(again);
  CHECK(unchanged.status == 304);
  CHECK(unchanged.body.empty());
  again.headers["If-None-Match"] = "\"other\"";
  CHECK(server.send(again).status == 200);
}

TEST_CASE("HEAD answers a GET route's headers without its body", "[server][http]") {
  TestServer server;
  const auto full = server.get("/static/sowflow.css", "");
  const auto raw = rawExchange(server.port(),
                               "HEAD /static/sowflow.css HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  INFO(raw);
  CHECK(raw.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(raw.find("Content-Length: " + std::to_string(full.body.size())) != std::string::npos);
  CHECK(raw.substr(raw.find("\r\n\r\n") + 4).empty());
}

TEST_CASE("a status line carries the reason phrase of its status", "[server][http]") {
  TestServer server;
  const auto notAllowed = rawExchange(
      server.port(), "DELETE /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  CHECK(notAllowed.rfind("HTTP/1.1 405 Method Not Allowed\r\n", 0) == 0);
  const auto notFound = rawExchange(
      server.port(), "GET /no/such/path HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  CHECK(notFound.rfind("HTTP/1.1 404 Not Found\r\n", 0) == 0);
}

}  // namespace sowflow::server::testing
