// SowflowServer: one running server, startable and stoppable in-process (the
// `serve` subcommand and the tests both use it).
//
// start(): opens the store, loads the catalog, replays the engine, ends every
// window already past (before accepting a single request), then listens and
// starts the deadline scheduler. stop(): stops accepting, closes idle
// keep-alive connections, waits for requests in flight, stops the scheduler.
// The clock is a ManualClock when `config.testClock` is set or one is passed
// in (tests share theirs); otherwise the system clock.
// Thread-safety: start/stop from one thread.
#pragma once

#include <memory>
#include <string>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include "app/server_config.hpp"
#include "app/server_context.hpp"

namespace sowflow::server {

class SowflowServer {
 public:
  explicit SowflowServer(ServerConfig config,
                         std::shared_ptr<engine::ManualClock> manualClock = nullptr);
  ~SowflowServer();
  SowflowServer(const SowflowServer&) = delete;
  SowflowServer& operator=(const SowflowServer&) = delete;

  // invalid_argument for bad configuration, internal when the store, the
  // workflows or the socket cannot be opened.
  engine::Status start();
  void stop();

  unsigned short port() const;
  const std::string& publicUrl() const { return publicUrl_; }
  const ServerConfig& config() const { return config_; }
  engine::Engine& engine() { return *engine_; }
  engine::Store& store() { return *store_; }
  TokenService& tokens() { return *tokens_; }
  AcceptanceLinks& links() { return *links_; }

 private:
  ServerConfig config_;
  std::shared_ptr<engine::ManualClock> manualClock_;
  std::unique_ptr<engine::SystemClock> systemClock_;
  std::string publicUrl_;
  Poco::Logger& log_;

  std::shared_ptr<engine::Store> store_;
  std::unique_ptr<MetricsRegistry> metrics_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<TokenService> tokens_;
  std::unique_ptr<AcceptanceLinks> links_;
  std::unique_ptr<FailedLookupLimiter> limiter_;
  std::unique_ptr<PageRenderer> pages_;
  std::unique_ptr<DeadlineScheduler> scheduler_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> http_;
  bool running_ = false;
};

}  // namespace sowflow::server
