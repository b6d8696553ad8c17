// ServerConfig: everything `sowflow serve` can be told, with its defaults.
//
// Values come from a Poco::Util configuration (a .properties or .ini file
// given with --config; keys under `sowflow.`, see docs/operations.md) and are
// then overridden by command-line options. fromConfiguration() validates and
// fails with invalid_argument naming the key.
// Thread-safety: plain value, read-only once the server starts.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include <Poco/Util/AbstractConfiguration.h>

#include "sowflow/engine/result.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::server {

struct ServerConfig {
  std::string dbUrl = "sqlite:./data/sowflow.db";
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port (tests)
  // Base of acceptance links and printed URLs; never taken from a request's
  // Host header. Empty means "http://HOST:PORT" of the listening socket.
  std::string publicUrl;
  bool demo = false;
  // --test-clock: POST /api/v1/test-clock exists and the server's clock is a
  // ManualClock starting at `testClockStart` (or the real time).
  bool testClock = false;
  std::optional<engine::Instant> testClockStart;
  // X-Forwarded-For is believed only from this peer address (empty: never).
  std::string trustedProxy;

  std::size_t jsonBodyLimit = 1 << 20;          // 1 MiB
  std::size_t formBodyLimit = 64 << 10;         // login, decisions, page actions
  std::size_t uploadBodyLimit = 50ull << 20;    // 50 MiB
  int maxThreads = 64;
  int maxQueued = 256;
  // Each thread serves one connection at a time, so these bound how long an
  // idle or slow client holds one: keepAliveTimeout between requests,
  // ioTimeout for each single read or write (not a whole request: a client
  // trickling a header line every few seconds is only stopped by a buffering
  // reverse proxy, see docs/operations.md), maxKeepAliveRequests per connection.
  std::chrono::seconds keepAliveTimeout{5};
  std::chrono::seconds ioTimeout{10};
  int maxKeepAliveRequests = 1000;  // nginx's default
  int failedLookupsPerMinute = 30;  // per client IP, then 429
  std::chrono::hours sessionLifetime{12};

  std::string workflowsDir;  // empty: engine::defaultWorkflowsDirectory()
  std::string templatesDir;  // empty: the source tree's templates/ (or $SOWFLOW_TEMPLATES)

  // Reads `sowflow.*` keys present in `config`; absent keys keep the defaults.
  static engine::Result<ServerConfig> fromConfiguration(const Poco::Util::AbstractConfiguration& config);
  // "HOST:PORT" -> host and port; invalid_argument naming `listen` otherwise.
  engine::Status setListen(const std::string& hostPort);
};

}  // namespace sowflow::server
