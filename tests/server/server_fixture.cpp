#include "server_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

namespace sowflow::server::testing {

Poco::JSON::Object::Ptr HttpResponse::json() const {
  Poco::JSON::Parser parser;
  return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
}

HttpResponse send(unsigned short port, const HttpRequest& request) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest out(request.method, request.path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : request.headers) out.set(name, value);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    out.setContentType(request.contentType);
    if (request.chunked) {
      out.setChunkedTransferEncoding(true);
    } else {
      out.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    }
  }
  HttpResponse response;
  try {
    std::ostream& body = session.sendRequest(out);
    body << request.body;
    Poco::Net::HTTPResponse in;
    std::istream& stream = session.receiveResponse(in);
    Poco::StreamCopier::copyToString(stream, response.body);
    response.status = static_cast<int>(in.getStatus());
    for (const auto& [name, value] : in) response.headers.add(name, value);
  } catch (const Poco::Exception& e) {
    // An early 413 may reset the connection while we still write the body.
    response.status = -1;
    response.body = e.displayText();
  }
  return response;
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("sowflow-server-test-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

engine::Instant at(const std::string& rfc3339) {
  const auto parsed = engine::parseInstant(rfc3339);
  REQUIRE(parsed);
  return *parsed;
}

TestServer::TestServer(const std::string& startAt)
    : clock(std::make_shared<engine::ManualClock>(at(startAt))) {
  Poco::Logger::get("sowflow").setLevel("warning");
  start();
  owner = server_->tokens().createToken("olivia", Role::owner, clock->now()).value();
  viewer = server_->tokens().createToken("victor", Role::viewer, clock->now()).value();
  admin = server_->tokens().createToken("ada", Role::admin, clock->now()).value();
}

TestServer::~TestServer() { stop(); }

std::string TestServer::dbUrl() const { return "sqlite:" + (dir_.path() / "sowflow.db").string(); }

void TestServer::start() {
  ServerConfig config;
  config.dbUrl = dbUrl();
  config.host = "127.0.0.1";
  config.port = 0;
  config.publicUrl = "https://sowflow.example";
  config.maxThreads = 80;
  config.jsonBodyLimit = 64 * 1024;
  config.uploadBodyLimit = 256 * 1024;
  config.templatesDir = std::string(SOWFLOW_SOURCE_DIR) + "/templates";
  config.workflowsDir = std::string(SOWFLOW_SOURCE_DIR) + "/workflows";
  server_ = std::make_unique<SowflowServer>(config, clock);
  const auto started = server_->start();
  INFO((started ? std::string() : started.error().message));
  REQUIRE(started.ok());
}

void TestServer::stop() {
  if (server_) server_->stop();
  server_.reset();
}

void TestServer::restart() {
  stop();
  start();
}

HttpResponse TestServer::get(const std::string& path, const std::string& token) {
  HttpRequest request;
  request.path = path;
  if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
  return send(request);
}

HttpResponse TestServer::post(const std::string& path, const std::string& json, const std::string& token) {
  HttpRequest request;
  request.method = "POST";
  request.path = path;
  request.body = json;
  request.headers["Accept"] = "application/json";
  if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
  return send(request);
}

HttpResponse TestServer::put(const std::string& path, const std::string& body, const std::string& token,
                             const std::string& contentType) {
  HttpRequest request;
  request.method = "PUT";
  request.path = path;
  request.body = body;
  request.contentType = contentType;
  if (!token.empty()) request.headers["Authorization"] = "Bearer " + token;
  return send(request);
}

std::string TestServer::createEngagement(const std::string& workflow, const std::string& edition,
                                         const std::string& title) {
  Poco::JSON::Object body;
  body.set("workflow", workflow);
  if (!edition.empty()) body.set("edition", edition);
  body.set("title", title);
  body.set("customer", "Example Customer Ltd.");
  body.set("provider", "Example Cloud");
  Poco::JSON::Object::Ptr owners = new Poco::JSON::Object;
  Poco::JSON::Object::Ptr provider = new Poco::JSON::Object;
  provider->set("name", "Pat Provider");
  provider->set("email", "pat@provider.example");
  Poco::JSON::Object::Ptr customer = new Poco::JSON::Object;
  customer->set("name", "Cy Customer");
  customer->set("email", "cy@customer.example");
  owners->set("provider", provider);
  owners->set("customer", customer);
  body.set("owners", owners);
  body.set("start", "2026-09-21");
  std::ostringstream text;
  body.stringify(text);
  const auto response = post("/api/v1/engagements", text.str(), owner);
  INFO(response.body);
  REQUIRE(response.status == 201);
  return response.json()->getValue<std::string>("id");
}

void TestServer::activate(const std::string& id) {
  const auto response = post("/api/v1/engagements/" + id + "/activate", "", owner);
  INFO(response.body);
  REQUIRE(response.status == 200);
}

void TestServer::startMilestone(const std::string& id, const std::string& milestone) {
  const auto response = post("/api/v1/engagements/" + id + "/milestones/" + milestone + "/start", "", owner);
  INFO(response.body);
  REQUIRE(response.status == 200);
}

Poco::JSON::Object::Ptr TestServer::engagement(const std::string& id) {
  const auto response = get("/api/v1/engagements/" + id, viewer);
  INFO(response.body);
  REQUIRE(response.status == 200);
  return response.json();
}

namespace {
Poco::JSON::Object::Ptr findMilestone(const Poco::JSON::Object::Ptr& engagement, const std::string& id) {
  const auto milestones = engagement->getArray("milestones");
  for (std::size_t i = 0; i < milestones->size(); ++i) {
    const auto milestone = milestones->getObject(static_cast<unsigned>(i));
    if (milestone->getValue<std::string>("id") == id) return milestone;
  }
  FAIL("no milestone " << id);
  return nullptr;
}
}  // namespace

std::string TestServer::milestoneState(const std::string& id, const std::string& milestone) {
  return findMilestone(engagement(id), milestone)->getValue<std::string>("state");
}

void TestServer::uploadAll(const std::string& id, const std::string& milestone) {
  const auto deliverables = findMilestone(engagement(id), milestone)->getArray("deliverables");
  for (std::size_t i = 0; i < deliverables->size(); ++i) {
    const auto did = deliverables->getObject(static_cast<unsigned>(i))->getValue<std::string>("id");
    const auto response =
        put("/api/v1/engagements/" + id + "/milestones/" + milestone + "/deliverables/" + did +
                "?filename=" + did + ".pdf",
            "%PDF-1.4 content of " + did + " for " + milestone, owner, "application/pdf");
    INFO(response.body);
    REQUIRE(response.status == 200);
  }
}

std::vector<std::string> TestServer::submit(const std::string& id, const std::string& milestone,
                                            const std::vector<std::string>& recipients) {
  const auto state = milestoneState(id, milestone);
  if (state == "planned" || state == "objected") startMilestone(id, milestone);
  uploadAll(id, milestone);
  Poco::JSON::Object body;
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const auto& recipient : recipients) list->add(recipient);
  body.set("recipients", list);
  std::ostringstream text;
  body.stringify(text);
  const auto response = post("/api/v1/engagements/" + id + "/milestones/" + milestone + "/submit", text.str(), owner);
  INFO(response.body);
  REQUIRE(response.status == 200);
  std::vector<std::string> tokens;
  const auto links = response.json()->getArray("links");
  for (std::size_t i = 0; i < links->size(); ++i) {
    tokens.push_back(tokenOf(links->getObject(static_cast<unsigned>(i))->getValue<std::string>("url")));
  }
  return tokens;
}

HttpResponse TestServer::decide(const std::string& token, const std::string& kind,
                                const std::string& comment, bool json) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/a/" + token + "/" + kind;
  request.contentType = "application/x-www-form-urlencoded";
  std::string encoded;
  for (unsigned char c : comment) {
    if (std::isalnum(c)) {
      encoded.push_back(static_cast<char>(c));
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      encoded += buffer;
    }
  }
  request.body = "comment=" + encoded;
  if (json) request.headers["Accept"] = "application/json";
  request.headers["User-Agent"] = "sowflow-tests/1";
  return send(request);
}

void TestServer::setClock(const std::string& rfc3339) {
  const auto response = post("/api/v1/test-clock", "{\"now\":\"" + rfc3339 + "\"}", owner);
  INFO(response.body);
  REQUIRE(response.status == 200);
}

std::vector<std::string> TestServer::eventTypes(const std::string& id) {
  const auto response = get("/api/v1/engagements/" + id + "/events", viewer);
  REQUIRE(response.status == 200);
  std::vector<std::string> types;
  const auto events = response.json()->getArray("events");
  for (std::size_t i = 0; i < events->size(); ++i) {
    types.push_back(events->getObject(static_cast<unsigned>(i))->getValue<std::string>("type"));
  }
  return types;
}

std::size_t TestServer::eventCount(const std::string& id) { return eventTypes(id).size(); }

std::string tokenOf(const std::string& url) {
  const auto at = url.find("/a/");
  REQUIRE(at != std::string::npos);
  return url.substr(at + 3);
}

long TestServer::countEvents(const std::string& id, const std::string& type) {
  const auto types = eventTypes(id);
  return std::count(types.begin(), types.end(), type);
}

bool eventually(const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace sowflow::server::testing
