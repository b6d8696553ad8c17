#include "handlers/openapi_handler.hpp"

#include <cctype>
#include <map>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include "handlers/openapi_schemas.hpp"
#include "handlers/route_table.hpp"

namespace sowflow::server {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr obj() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr parse(const char* text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Object::Ptr>();
}

// Request bodies worth describing, by "METHOD pattern".
const char* requestSchema(const std::string& key) {
  // clang-format off
  static const std::map<std::string, const char*> schemas = {
    {"POST /api/v1/engagements", R"({"type":"object","required":["workflow","title","customer","provider","owners","start"],"properties":{"workflow":{"type":"string"},"edition":{"type":"string"},"title":{"type":"string"},"customer":{"type":"string"},"provider":{"type":"string"},"owners":{"type":"object","additionalProperties":{"type":"object","required":["name","email"],"properties":{"name":{"type":"string"},"email":{"type":"string"}}}},"start":{"type":"string","format":"date"}}})"},
    {"POST /api/v1/engagements/{id}/cancel", R"({"type":"object","required":["reason"],"properties":{"reason":{"type":"string"}}})"},
    {"POST /api/v1/engagements/{id}/milestones/{mid}/submit", R"({"type":"object","required":["recipients"],"properties":{"recipients":{"type":"array","items":{"type":"string","format":"email"}}}})"},
    {"POST /api/v1/engagements/{id}/milestones/{mid}/links", R"({"type":"object","properties":{"recipients":{"type":"array","items":{"type":"string","format":"email"}}}})"},
    {"PUT /api/v1/engagements/{id}/owners/{party}", R"({"type":"object","required":["name","email","effective"],"properties":{"name":{"type":"string"},"email":{"type":"string"},"effective":{"type":"string","format":"date"}}})"},
    {"POST /api/v1/test-clock", R"({"type":"object","required":["now"],"properties":{"now":{"type":"string","format":"date-time"}}})"},
    {"POST /a/{token}/accept", R"({"type":"object","properties":{"comment":{"type":"string"}}})"},
    {"POST /a/{token}/object", R"({"type":"object","properties":{"comment":{"type":"string"}}})"},
    {"POST /login", R"({"type":"object","required":["token","csrf"],"properties":{"token":{"type":"string"},"csrf":{"type":"string","description":"the login page's hidden csrf field; must equal its sowflow_login_csrf cookie"}}})"},
    {"POST /logout", R"json({"type":"object","properties":{"csrf":{"type":"string","description":"the session's CSRF token, required with a session cookie"}}})json"},
  };
  // clang-format on
  const auto it = schemas.find(key);
  return it == schemas.end() ? nullptr : it->second;
}

// Query parameters by pattern.
std::vector<std::pair<std::string, bool>> queryParameters(const std::string& method,
                                                          const std::string& pattern) {
  if (pattern == "/api/v1/calendars/{id}/workdays") return {{"from", true}, {"days", true}};
  if (pattern == "/api/v1/engagements" && method == "GET") return {{"state", false}, {"due_before", false}};
  if (method == "PUT" && pattern.find("/deliverables/") != std::string::npos) return {{"filename", true}};
  return {};
}

std::string successStatus(const Route& route) {
  if (route.method == "POST" && route.pattern == "/api/v1/engagements") return "201";
  if (route.page && route.method == "POST") return "303";
  if (route.pattern == "/logout" || (route.pattern == "/login" && route.method == "POST")) return "303";
  return "200";
}

std::string contentTypeOf(const Route& route) {
  if (route.pattern == "/metrics") return "text/plain";
  if (route.page || route.pattern == "/a/{token}" || route.pattern == "/login") return "text/html";
  if (route.pattern.find("/export/") != std::string::npos ||
      route.pattern.find("/files/") != std::string::npos ||
      (route.method == "GET" && route.pattern.find("/deliverables/") != std::string::npos)) {
    return "application/octet-stream";
  }
  return "application/json";
}

Object::Ptr operation(const Route& route) {
  auto op = obj();
  op->set("summary", route.summary);
  std::string id = route.method + route.pattern;
  for (auto& c : id) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  op->set("operationId", Poco::toLower(id));
  Array::Ptr parameters = new Array;
  std::size_t at = 0;
  while ((at = route.pattern.find('{', at)) != std::string::npos) {
    const auto end = route.pattern.find('}', at);
    auto parameter = obj();
    parameter->set("name", route.pattern.substr(at + 1, end - at - 1));
    parameter->set("in", "path");
    parameter->set("required", true);
    parameter->set("schema", parse(R"({"type":"string"})"));
    parameters->add(parameter);
    at = end;
  }
  for (const auto& [name, required] : queryParameters(route.method, route.pattern)) {
    auto parameter = obj();
    parameter->set("name", name);
    parameter->set("in", "query");
    parameter->set("required", required);
    parameter->set("schema", parse(R"({"type":"string"})"));
    parameters->add(parameter);
  }
  if (parameters->size() > 0) op->set("parameters", parameters);
  if (const char* schema = requestSchema(route.method + " " + route.pattern)) {
    auto content = obj();
    auto json = obj();
    json->set("schema", parse(schema));
    content->set("application/json", json);
    if (route.pattern.rfind("/a/", 0) == 0 || route.pattern == "/login") {
      content->set("application/x-www-form-urlencoded", json);
    }
    auto body = obj();
    body->set("content", content);
    op->set("requestBody", body);
  } else if (route.method == "PUT" && route.pattern.find("/deliverables/") != std::string::npos) {
    op->set("requestBody", parse(R"({"required":true,"content":{"application/octet-stream":{"schema":{"type":"string","format":"binary"}}}})"));
  }
  auto responses = obj();
  auto success = obj();
  success->set("description", "success");
  const std::string type = contentTypeOf(route);
  auto media = obj();
  if (const char* schema = responseSchema(route.method, route.pattern)) {
    media->set("schema", parse(schema));
  } else if (type == "application/octet-stream") {
    media->set("schema", parse(R"({"type":"string","format":"binary"})"));
  } else {
    media->set("schema", parse(R"({"type":"string"})"));
  }
  auto content = obj();
  content->set(type, media);
  if (successStatus(route) != "303") success->set("content", content);
  responses->set(successStatus(route), success);
  if (route.method == "POST" && route.pattern.rfind("/a/", 0) == 0) {
    // Form posts (no Accept: application/json) are answered with the page.
    responses->set("303", parse(R"({"description":"form post: see the acceptance page, which shows the outcome"})"));
  }
  responses->set("default", parse(R"({"description":"error","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}})"));
  op->set("responses", responses);
  if (route.access != Access::open) {
    Poco::JSON::Parser parser;
    op->set("security", parser.parse(R"([{"bearer":[]},{"session":[]}])"));
  }
  return op;
}

}  // namespace

void OpenApiHandler::get(Exchange& exchange) {
  auto document = obj();
  document->set("openapi", "3.0.3");
  auto info = obj();
  info->set("title", "sowflow");
  info->set("version", "1");
  info->set("description", "Delivery engine for SOW engagements (SPEC §3). Errors are {\"error\":{\"code\",\"message\"}}.");
  document->set("info", info);
  Array::Ptr servers = new Array;
  auto server = obj();
  server->set("url", context_.publicUrl);
  servers->add(server);
  document->set("servers", servers);
  auto paths = obj();
  for (const auto& route : routes(context_.config)) {
    Object::Ptr item = paths->has(route.pattern) ? paths->getObject(route.pattern) : obj();
    item->set(Poco::toLower(route.method), operation(route));
    paths->set(route.pattern, item);
  }
  document->set("paths", paths);
  auto components = parse(R"({
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer"},
      "session": {"type": "apiKey", "in": "cookie", "name": "sowflow_session"}}})");
  components->set("schemas", parse(componentSchemas()));
  document->set("components", components);
  exchange.sendJson(200, *document);
}

}  // namespace sowflow::server
