#include "app/server_config.hpp"

#include <Poco/NumberParser.h>

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

engine::Result<std::size_t> readBytes(const Poco::Util::AbstractConfiguration& config,
                                      const std::string& key, std::size_t fallback) {
  if (!config.hasProperty(key)) return fallback;
  Poco::UInt64 value = 0;
  if (!Poco::NumberParser::tryParseUnsigned64(config.getString(key), value) || value == 0) {
    return makeError(ErrorCode::invalid_argument,
                     "Expected '" + key + "' to be a positive number of bytes, found '" +
                         config.getString(key) + "'",
                     key);
  }
  return static_cast<std::size_t>(value);
}

engine::Result<int> readInt(const Poco::Util::AbstractConfiguration& config,
                            const std::string& key, int fallback, int min, int max) {
  if (!config.hasProperty(key)) return fallback;
  int value = 0;
  if (!Poco::NumberParser::tryParse(config.getString(key), value) || value < min ||
      value > max) {
    return makeError(ErrorCode::invalid_argument,
                     "Expected '" + key + "' to be a whole number in " + std::to_string(min) +
                         ".." + std::to_string(max) + ", found '" + config.getString(key) + "'",
                     key);
  }
  return value;
}

}  // namespace

engine::Status ServerConfig::setListen(const std::string& hostPort) {
  const auto colon = hostPort.rfind(':');
  int value = -1;
  if (colon == std::string::npos || colon == 0 ||
      !Poco::NumberParser::tryParse(hostPort.substr(colon + 1), value) || value < 0 ||
      value > 65535) {
    return makeError(ErrorCode::invalid_argument,
                     "Expected listen as HOST:PORT (e.g. 127.0.0.1:8080), found '" + hostPort + "'",
                     "listen");
  }
  host = hostPort.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  port = static_cast<unsigned short>(value);
  return engine::Ok{};
}

engine::Result<ServerConfig> ServerConfig::fromConfiguration(
    const Poco::Util::AbstractConfiguration& config) {
  ServerConfig out;
  out.dbUrl = config.getString("sowflow.db", out.dbUrl);
  if (config.hasProperty("sowflow.listen")) {
    if (auto status = out.setListen(config.getString("sowflow.listen")); !status) {
      return status.error();
    }
  }
  out.publicUrl = config.getString("sowflow.public_url", out.publicUrl);
  out.trustedProxy = config.getString("sowflow.trusted_proxy", out.trustedProxy);
  out.workflowsDir = config.getString("sowflow.workflows_dir", out.workflowsDir);
  out.templatesDir = config.getString("sowflow.templates_dir", out.templatesDir);

  auto json = readBytes(config, "sowflow.limits.json_body_bytes", out.jsonBodyLimit);
  if (!json) return json.error();
  out.jsonBodyLimit = *json;
  auto upload = readBytes(config, "sowflow.limits.upload_body_bytes", out.uploadBodyLimit);
  if (!upload) return upload.error();
  out.uploadBodyLimit = *upload;
  auto threads = readInt(config, "sowflow.http.max_threads", out.maxThreads, 1, 1024);
  if (!threads) return threads.error();
  out.maxThreads = *threads;
  auto queued = readInt(config, "sowflow.http.max_queued", out.maxQueued, 1, 65536);
  if (!queued) return queued.error();
  out.maxQueued = *queued;
  auto keepAlive = readInt(config, "sowflow.http.keep_alive_seconds",
                           static_cast<int>(out.keepAliveTimeout.count()), 1, 300);
  if (!keepAlive) return keepAlive.error();
  out.keepAliveTimeout = std::chrono::seconds(*keepAlive);
  auto timeout = readInt(config, "sowflow.http.timeout_seconds",
                         static_cast<int>(out.ioTimeout.count()), 1, 600);
  if (!timeout) return timeout.error();
  out.ioTimeout = std::chrono::seconds(*timeout);
  auto requests = readInt(config, "sowflow.http.max_keep_alive_requests",
                          out.maxKeepAliveRequests, 1, 100000);
  if (!requests) return requests.error();
  out.maxKeepAliveRequests = *requests;
  auto failed = readInt(config, "sowflow.limits.failed_lookups_per_minute",
                        out.failedLookupsPerMinute, 1, 1000000);
  if (!failed) return failed.error();
  out.failedLookupsPerMinute = *failed;
  return out;
}

}  // namespace sowflow::server
