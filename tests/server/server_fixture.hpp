// A real sowflow server for tests: SowflowServer on 127.0.0.1, port 0, over a
// SQLite store in a fresh temp directory, with a ManualClock shared with the
// test, plus an HTTPClientSession helper and owner/viewer/admin tokens.
// restart() stops the server object and starts a new one over the same store
// (the clock keeps its time), as a process restart would.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>
#include <Poco/Net/NameValueCollection.h>

#include "app/sowflow_server.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::server::testing {

struct HttpResponse {
  int status = 0;
  std::string body;
  Poco::Net::NameValueCollection headers;
  Poco::JSON::Object::Ptr json() const;  // throws if the body is not a JSON object
};

struct HttpRequest {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::string contentType = "application/json";
  std::map<std::string, std::string> headers;
  bool chunked = false;
};

HttpResponse send(unsigned short port, const HttpRequest& request);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

engine::Instant at(const std::string& rfc3339);

class TestServer {
 public:
  explicit TestServer(const std::string& start = "2026-09-25T10:00:00+08:00");
  ~TestServer();

  void restart();
  void stop();
  void start();
  SowflowServer& server() { return *server_; }
  unsigned short port() const { return server_->port(); }
  std::string dbUrl() const;

  HttpResponse get(const std::string& path, const std::string& token);
  HttpResponse post(const std::string& path, const std::string& json, const std::string& token);
  HttpResponse put(const std::string& path, const std::string& body, const std::string& token,
                   const std::string& contentType = "application/octet-stream");
  HttpResponse send(const HttpRequest& request) { return testing::send(port(), request); }

  // Engagement helpers over the API (each REQUIREs success).
  std::string createEngagement(const std::string& workflow, const std::string& edition,
                               const std::string& title = "Test engagement");
  void activate(const std::string& id);
  void startMilestone(const std::string& id, const std::string& milestone);
  void uploadAll(const std::string& id, const std::string& milestone);
  // Starts (if planned), uploads and submits; returns the link tokens.
  std::vector<std::string> submit(const std::string& id, const std::string& milestone,
                                  const std::vector<std::string>& recipients = {"cto@customer.example"});
  HttpResponse decide(const std::string& token, const std::string& kind,
                      const std::string& comment = "", bool json = true);
  void setClock(const std::string& rfc3339);
  std::size_t eventCount(const std::string& id);
  std::vector<std::string> eventTypes(const std::string& id);
  long countEvents(const std::string& id, const std::string& type);
  Poco::JSON::Object::Ptr engagement(const std::string& id);
  std::string milestoneState(const std::string& id, const std::string& milestone);

  std::shared_ptr<engine::ManualClock> clock;
  std::string owner, viewer, admin;  // tokens

 private:
  TempDir dir_;
  std::unique_ptr<SowflowServer> server_;
};

// The token part of an acceptance URL.
std::string tokenOf(const std::string& url);

// Polls `done` every 50 ms for at most ten seconds; whether it came true.
// For work another thread does (the deadline scheduler), never for timing.
bool eventually(const std::function<bool()>& done);

}  // namespace sowflow::server::testing
