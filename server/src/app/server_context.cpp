#include "app/server_context.hpp"

#include <chrono>

namespace sowflow::server {

namespace {

template <class Fn>
auto timed(MetricsRegistry& metrics, Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  auto result = fn();
  metrics.observeJournalAppend(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return result;
}

}  // namespace

engine::Result<engine::CommandResult> ServerContext::execute(const std::string& engagementId,
                                                             const engine::Command& command,
                                                             const std::string& actor) {
  return timed(metrics, [&] { return engine.execute(engagementId, command, actor); });
}

engine::Result<engine::CommandResult> ServerContext::create(
    const engine::CreateEngagement& command, const std::string& actor) {
  return timed(metrics, [&] { return engine.create(command, actor); });
}

}  // namespace sowflow::server
