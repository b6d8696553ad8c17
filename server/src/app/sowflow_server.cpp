#include "app/sowflow_server.hpp"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

#include "handlers/route_table.hpp"
#include "sowflow/deliverables/deliverables.hpp"

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

// Counts what the /metrics page reports from the event stream, and wakes the
// scheduler when a submission may have moved the next deadline.
void watchEvents(engine::Engine& engine, MetricsRegistry& metrics, DeadlineScheduler& scheduler) {
  engine.subscribe([&metrics, &scheduler](const engine::Engagement&,
                                          const std::vector<engine::StoredEvent>& events) {
    for (const auto& event : events) {
      if (event.type == "MilestoneAccepted") metrics.countDecision("accepted");
      if (event.type == "MilestoneObjected") metrics.countDecision("objected");
      if (event.type == "MilestoneDeemedAccepted") metrics.countDeemedAcceptance();
      if (event.type == "MilestoneSubmitted") scheduler.wake();
    }
  });
}

}  // namespace

SowflowServer::SowflowServer(ServerConfig config, std::shared_ptr<engine::ManualClock> manualClock)
    : config_(std::move(config)),
      manualClock_(std::move(manualClock)),
      log_(Poco::Logger::get("sowflow.http")) {
  if (manualClock_) config_.testClock = true;
}

SowflowServer::~SowflowServer() { stop(); }

unsigned short SowflowServer::port() const { return http_ ? http_->port() : 0; }

engine::Status SowflowServer::start() {
  if (running_) return engine::Ok{};
  auto store = engine::openStore(config_.dbUrl);
  if (!store) return store.error();
  store_ = std::shared_ptr<engine::Store>(std::move(*store));

  const std::filesystem::path workflowsDir = config_.workflowsDir.empty()
                                                 ? engine::defaultWorkflowsDirectory()
                                                 : std::filesystem::path(config_.workflowsDir);
  std::vector<engine::Diagnostic> diagnostics;
  auto catalog = engine::Catalog::loadDirectory(workflowsDir, &diagnostics);
  if (!catalog) {
    std::string message = "cannot load workflows from " + workflowsDir.string() + ": " +
                          catalog.error().message;
    for (const auto& diagnostic : diagnostics) message += "\n  " + diagnostic.toString();
    return makeError(ErrorCode::internal, message);
  }
  for (const auto& diagnostic : diagnostics) log_.warning(diagnostic.toString());

  if (config_.testClock && !manualClock_) {
    manualClock_ = std::make_shared<engine::ManualClock>(
        config_.testClockStart.value_or(engine::SystemClock().now()));
  }
  systemClock_ = std::make_unique<engine::SystemClock>();
  const engine::Clock& clock =
      manualClock_ ? static_cast<const engine::Clock&>(*manualClock_) : *systemClock_;

  metrics_ = std::make_unique<MetricsRegistry>();
  engine_ = std::make_unique<engine::Engine>(
      store_, std::make_shared<const engine::Catalog>(std::move(*catalog)), clock);
  if (auto opened = engine_->open(); !opened) return opened.error();

  const std::filesystem::path templatesDir = config_.templatesDir.empty()
                                                 ? deliverables::defaultTemplatesDirectory()
                                                 : std::filesystem::path(config_.templatesDir);
  try {
    pages_ = std::make_unique<PageRenderer>(templatesDir / "pages");
  } catch (const std::exception& e) {
    return makeError(ErrorCode::internal, e.what());
  }
  // A missing document template stops only that document's generation, not
  // the server; say so now rather than when an owner presses "Generate".
  for (const auto& workflow : engine_->catalog().workflows()) {
    for (const auto& problem : deliverables::checkTemplates(*workflow, templatesDir)) {
      log_.warning("workflow " + workflow->id + ": " + problem);
    }
  }
  tokens_ = std::make_unique<TokenService>(*store_, config_.sessionLifetime);
  limiter_ = std::make_unique<FailedLookupLimiter>(config_.failedLookupsPerMinute);
  scheduler_ = std::make_unique<DeadlineScheduler>(*engine_, clock, Poco::Logger::get("sowflow.scheduler"));
  watchEvents(*engine_, *metrics_, *scheduler_);
  // SPEC §2: windows that ended while the server was down fire first.
  scheduler_->catchUp();

  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(config_.host, config_.port), true);
    socket.listen(std::max(64, config_.maxQueued));
    // Accepted connections inherit TCP_NODELAY from the listening socket on
    // Linux: a response written in more than one piece (headers, then a body
    // past Poco's 4 KiB stream buffer) must not wait for the client's ACK.
    socket.setNoDelay(true);
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::internal, "cannot listen on " + config_.host + ":" +
                                              std::to_string(config_.port) + ": " + e.displayText());
  }
  publicUrl_ = config_.publicUrl;
  if (publicUrl_.empty()) {
    publicUrl_ = "http://" + config_.host + ":" + std::to_string(socket.address().port());
  }
  while (!publicUrl_.empty() && publicUrl_.back() == '/') publicUrl_.pop_back();
  links_ = std::make_unique<AcceptanceLinks>(*store_, publicUrl_);

  context_ = std::make_unique<ServerContext>(ServerContext{
      config_, *engine_, *store_, clock, manualClock_.get(), *metrics_, *tokens_, *links_,
      *limiter_, *pages_, *scheduler_, log_, templatesDir, publicUrl_});

  // Poco 1.11 fixes the request header limits itself (100 fields, 256-byte
  // names, 8 KiB values, 16 KiB request target) and has no total deadline
  // for a request: the timeout below is per read, so it limits but cannot
  // prevent a slow-loris client; a buffering reverse proxy does.
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(config_.maxThreads);
  params->setMaxQueued(config_.maxQueued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(config_.keepAliveTimeout.count(), 0));
  params->setMaxKeepAliveRequests(config_.maxKeepAliveRequests);
  params->setTimeout(Poco::Timespan(config_.ioTimeout.count(), 0));
  params->setServerName("sowflow");
  threads_ = std::make_unique<Poco::ThreadPool>(2, config_.maxThreads + 2);
  http_ = std::make_unique<Poco::Net::HTTPServer>(new RouteTable(*context_), *threads_, socket, params);
  http_->start();
  scheduler_->start();
  running_ = true;
  return engine::Ok{};
}

void SowflowServer::stop() {
  if (!running_) return;
  running_ = false;
  // Stop accepting, close idle keep-alive connections, let requests in
  // flight finish, then stop the scheduler: nothing is cut mid-append.
  http_->stopAll(false);
  threads_->joinAll();
  scheduler_->stop();
  http_.reset();
}

}  // namespace sowflow::server
