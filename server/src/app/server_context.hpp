// ServerContext: what every request handler may use, owned by SowflowServer.
//
// Handlers translate HTTP to engine commands and back; the engine decides
// (STYLE §1). execute()/create() wrap the engine calls so the journal-append
// latency is measured in one place.
// Thread-safety: every member is safe to use from any request thread.
#pragma once

#include <filesystem>
#include <string>

#include <Poco/Logger.h>

#include "app/server_config.hpp"
#include "auth/token_service.hpp"
#include "links/acceptance_links.hpp"
#include "links/failed_lookup_limiter.hpp"
#include "metrics/metrics_registry.hpp"
#include "pages/page_renderer.hpp"
#include "scheduler/deadline_scheduler.hpp"
#include "sowflow/engine/engine.hpp"

namespace sowflow::server {

struct ServerContext {
  const ServerConfig& config;
  engine::Engine& engine;
  engine::Store& store;
  const engine::Clock& clock;
  engine::ManualClock* manualClock;  // non-null only with --test-clock
  MetricsRegistry& metrics;
  TokenService& tokens;
  AcceptanceLinks& links;
  FailedLookupLimiter& limiter;
  PageRenderer& pages;
  DeadlineScheduler& scheduler;
  Poco::Logger& log;
  std::filesystem::path templatesDir;
  std::string publicUrl;  // no trailing slash

  engine::Result<engine::CommandResult> execute(const std::string& engagementId,
                                                const engine::Command& command,
                                                const std::string& actor);
  engine::Result<engine::CommandResult> create(const engine::CreateEngagement& command,
                                               const std::string& actor);
};

}  // namespace sowflow::server
