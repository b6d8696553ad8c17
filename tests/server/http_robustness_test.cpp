// The HTTP edge of the server against awkward clients, over real loopback
// sockets: a POST with no length and no chunking, link tokens in the real
// access log however the request target spells them, idle connections
// closed after the read timeout, and upload names stripped of invisible
// characters. Raw sockets have a generous receive timeout so a regression
// fails the test instead of hanging it.
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Util/MapConfiguration.h>

#include "app/server_config.hpp"
#include "handlers/exchange.hpp"
#include "links/acceptance_links.hpp"
#include "server_fixture.hpp"
#include "support_captured_log.hpp"

namespace sowflow::server::testing {

namespace {

const Poco::Timespan kClientPatience(10, 0);  // fail, never hang

struct RawResponse {
  int status = 0;
  std::string head;
  std::string body;
};

Poco::Net::StreamSocket connectTo(unsigned short port) {
  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), kClientPatience);
  socket.setReceiveTimeout(kClientPatience);
  return socket;
}

void sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    sent += static_cast<std::size_t>(
        socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
  }
}

// Reads one response with a Content-Length body; `pending` keeps bytes that
// arrived past it. Throws Poco::TimeoutException when the server stalls.
RawResponse readResponse(Poco::Net::StreamSocket& socket, std::string& pending) {
  char block[4096];
  const auto fill = [&] {
    const int got = socket.receiveBytes(block, sizeof block);
    if (got <= 0) FAIL("the server closed the connection; seen so far: " << pending);
    pending.append(block, static_cast<std::size_t>(got));
  };
  while (pending.find("\r\n\r\n") == std::string::npos) fill();
  RawResponse response;
  const auto headEnd = pending.find("\r\n\r\n") + 4;
  response.head = pending.substr(0, headEnd);
  response.status = std::stoi(response.head.substr(response.head.find(' ') + 1, 3));
  std::size_t length = 0;
  const auto field = response.head.find("Content-Length: ");
  if (field != std::string::npos) length = std::stoul(response.head.substr(field + 16));
  while (pending.size() < headEnd + length) fill();
  response.body = pending.substr(headEnd, length);
  pending.erase(0, headEnd + length);
  return response;
}

// Reads until the server closes; a reset counts as closed.
std::string readUntilClosed(Poco::Net::StreamSocket& socket) {
  std::string seen;
  char block[4096];
  try {
    for (;;) {
      const int got = socket.receiveBytes(block, sizeof block);
      if (got <= 0) return seen;
      seen.append(block, static_cast<std::size_t>(got));
    }
  } catch (const Poco::Net::ConnectionResetException&) {
    return seen;
  }
}

std::string percentEncodedFirst(const std::string& token) {
  char escaped[4];
  std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(token[0]));
  return escaped + token.substr(1);
}

}  // namespace

TEST_CASE("a POST with neither Content-Length nor chunked coding has an empty body and "
          "keeps the connection usable",
          "[server][http][limits]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  auto socket = connectTo(server.port());
  std::string pending;
  sendAll(socket, "POST /api/v1/engagements/" + id + "/activate HTTP/1.1\r\n"
                  "Host: 127.0.0.1\r\nAccept: application/json\r\n"
                  "Authorization: Bearer " + server.owner + "\r\n\r\n");
  const auto activated = readResponse(socket, pending);
  INFO(activated.head << activated.body);
  CHECK(activated.status == 200);
  CHECK(activated.head.find("Connection: close") == std::string::npos);

  sendAll(socket, "GET /api/v1/engagements/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Authorization: Bearer " + server.viewer + "\r\n\r\n");
  const auto read = readResponse(socket, pending);
  INFO(read.head << read.body);
  CHECK(read.status == 200);
  CHECK(read.body.find("\"state\":\"active\"") != std::string::npos);
}

TEST_CASE("the real access log and 404 messages never show a link token, however the "
          "target spells it",
          "[server][http][links][security]") {
  TestServer server;
  const auto id = server.createEngagement("chaos-drill", "premium");
  server.activate(id);
  server.setClock("2026-10-12T09:00:00+08:00");
  const auto token = server.submit(id, "capability-status-survey").at(0);
  const std::string absolute = "http://127.0.0.1:" + std::to_string(server.port());

  CapturedLogger log;
  struct Form {
    std::string target;
    int status;
  };
  const std::vector<Form> forms = {
      {absolute + "/a/" + token, 200},  // absolute-form routes by its path
      {"//a/" + token, 404},
      {"/a/../a/" + token, 404},
      {"/%61/" + token, 404},
      {"/a/" + token, 200},
      {"/a/" + percentEncodedFirst(token), 200},  // the router decodes the segment
      {"/x/" + percentEncodedFirst(token), 404},
      {absolute + "/x/" + token + "?again=" + token, 404},
      {"/healthz?link=" + token, 200},
  };
  for (const auto& form : forms) {
    CAPTURE(form.target);
    const auto response = server.get(form.target, "");
    CHECK(response.status == form.status);
    // The acceptance page itself holds its token (its forms post to it); a
    // 404 message echoes the path and must not.
    if (form.status == 404) CHECK(response.body.find(token.substr(1)) == std::string::npos);
  }

  const auto lines = log.waitForLines(forms.size());
  REQUIRE(lines.size() >= forms.size());
  std::size_t accessLines = 0;
  for (const auto& line : lines) {
    CAPTURE(line);
    CHECK(line.find(token.substr(1)) == std::string::npos);
    if (line.find(" GET ") != std::string::npos) ++accessLines;
  }
  CHECK(accessLines == forms.size());
}

TEST_CASE("maskLinkTokens hides token-length runs anywhere, escaped or not", "[server][links]") {
  const std::string token(43, 'T');
  CHECK(maskLinkTokens("http://h/a/" + token + "/accept") == "http://h/a/****/accept");
  CHECK(maskLinkTokens("//a/" + token) == "//a/****");
  CHECK(maskLinkTokens("/%61/" + token + "?x=1") == "/%61/****?x=1");
  CHECK(maskLinkTokens("/x/%54%54" + token.substr(2)) == "/x/****");
  CHECK(maskLinkTokens("/api/v1/engagements/e-1?lang=zh-CN") ==
        "/api/v1/engagements/e-1?lang=zh-CN");
  CHECK(maskLinkTokens("/x/" + token.substr(1)) == "/x/" + token.substr(1));  // 42: not a token
}

TEST_CASE("request targets route by their path in origin and absolute form", "[server][http]") {
  CHECK(requestPath("/a/b?c=d") == "/a/b");
  CHECK(requestPath("http://host:8080/a/b?c=d") == "/a/b");
  CHECK(requestPath("HTTPS://host") == "/");
  CHECK(requestPath("http://host?x") == "/");
  CHECK(requestPath("host:443") == "");
  CHECK(requestPath("*") == "");
}

TEST_CASE("an idle connection is closed by the server after the read timeout",
          "[server][http][limits]") {
  TempDir dir;
  ServerConfig config;
  config.dbUrl = "sqlite:" + (dir.path() / "sowflow.db").string();
  config.port = 0;
  config.ioTimeout = std::chrono::seconds(1);
  config.templatesDir = std::string(SOWFLOW_SOURCE_DIR) + "/templates";
  config.workflowsDir = std::string(SOWFLOW_SOURCE_DIR) + "/workflows";
  SowflowServer server(config, std::make_shared<engine::ManualClock>(at("2026-09-25T10:00:00Z")));
  REQUIRE(server.start().ok());

  SECTION("a connection that sends nothing") {
    auto socket = connectTo(server.port());
    CHECK(readUntilClosed(socket).empty());
  }
  SECTION("a connection that stops halfway through its header") {
    auto socket = connectTo(server.port());
    sendAll(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    CHECK(readUntilClosed(socket).find("200 OK") == std::string::npos);
  }
  SECTION("the server still answers afterwards") {
    auto socket = connectTo(server.port());
    std::string pending;
    sendAll(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(readResponse(socket, pending).status == 200);
  }
  server.stop();
}

TEST_CASE("sowflow.http keys set the connection limits and name a bad value",
          "[server][http][config]") {
  Poco::AutoPtr<Poco::Util::MapConfiguration> map(new Poco::Util::MapConfiguration);
  const auto defaults = ServerConfig::fromConfiguration(*map);
  REQUIRE(defaults);
  CHECK(defaults->ioTimeout == std::chrono::seconds(10));
  CHECK(defaults->keepAliveTimeout == std::chrono::seconds(5));
  CHECK(defaults->maxKeepAliveRequests == 1000);
  map->setString("sowflow.http.timeout_seconds", "2");
  map->setString("sowflow.http.max_keep_alive_requests", "20");
  const auto set = ServerConfig::fromConfiguration(*map);
  REQUIRE(set);
  CHECK(set->ioTimeout == std::chrono::seconds(2));
  CHECK(set->maxKeepAliveRequests == 20);
  map->setString("sowflow.http.max_keep_alive_requests", "0");
  const auto bad = ServerConfig::fromConfiguration(*map);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == "sowflow.http.max_keep_alive_requests");
}

TEST_CASE("upload names lose C1 controls and bidi controls but keep other UTF-8",
          "[server][limits][security]") {
  CHECK(sanitizeFilename("report\xC2\x85.pdf") == "report.pdf");            // U+0085 NEL
  CHECK(sanitizeFilename("a\xC2\x80" "b\xC2\x9F" "c") == "abc");             // U+0080, U+009F
  CHECK(sanitizeFilename("\xE2\x80\xAE" "fdp.exe") == "fdp.exe");            // U+202E RLO
  CHECK(sanitizeFilename("x\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD.txt") == "x.txt");
  CHECK(sanitizeFilename("a\xE2\x80\x8E" "b\xE2\x80\x8F.txt") == "ab.txt");  // LRM, RLM
  CHECK(sanitizeFilename("\xE2\x81\xA6" "x\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9.doc") == "x.doc");
  CHECK(sanitizeFilename("报告\xE2\x80\xAE.docx") == "报告.docx");
  CHECK(sanitizeFilename("验收报告（第二版）.docx") == "验收报告（第二版）.docx");
  CHECK(sanitizeFilename("Café \xF0\x9F\x93\x84.pdf") == "Café \xF0\x9F\x93\x84.pdf");
  CHECK(sanitizeFilename("a\xFF" "b\xC0\xAF" "c.txt") == "abc.txt");  // not UTF-8
  CHECK(sanitizeFilename("\xE2\x80\xAE") == "");
  std::string longName = "a";
  for (int i = 0; i < 100; ++i) longName += "报";
  const auto cut = sanitizeFilename(longName);
  CHECK(cut.size() == 253);  // 1 + 84 * 3: the 85th character would not fit whole
  CHECK(cut.substr(cut.size() - 3) == "报");
}

}  // namespace sowflow::server::testing
