#include "handlers/exchange.hpp"

#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/URI.h>

#include "auth/secure_random.hpp"
#include "handlers/error_mapping.hpp"

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

constexpr std::size_t kReadBlock = 64 * 1024;

engine::Error tooLarge(std::size_t limit) {
  return makeError(ErrorCode::too_large,
                   "Expected a request body of at most " + std::to_string(limit) + " bytes",
                   "body");
}

// RFC 9110 §13.1.2: "*", or a list of tags compared weakly (W/ ignored).
bool ifNoneMatchNames(const std::string& header, const std::string& entityTag) {
  std::size_t start = 0;
  while (start < header.size()) {
    auto end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string tag = header.substr(start, end - start);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    if (tag == "*" || tag == entityTag) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

Exchange::Exchange(Poco::Net::HTTPServerRequest& request_, Poco::Net::HTTPServerResponse& response_,
                   RouteParams params, std::string requestId_, std::string clientIp_)
    : request(request_),
      response(response_),
      requestId(std::move(requestId_)),
      clientIp(std::move(clientIp_)),
      params_(std::move(params)) {}

const std::string& Exchange::param(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = params_.find(name);
  return it == params_.end() ? kEmpty : it->second;
}

std::optional<std::string> Exchange::query(const std::string& name) const {
  try {
    for (const auto& [key, value] : Poco::URI(request.getURI()).getQueryParameters()) {
      if (key == name) return value;
    }
  } catch (const Poco::SyntaxException&) {
    return std::nullopt;
  }
  return std::nullopt;
}

bool Exchange::acceptsJson() const {
  return request.get("Accept", "").find("application/json") != std::string::npos;
}

std::string Exchange::actor() const {
  if (!principal) return "anonymous";
  return std::string(toString(principal->role)) + ":" + principal->name;
}

bool Exchange::csrfValid(const Poco::Net::NameValueCollection& form) const {
  if (!principal || !principal->viaSession) return true;  // bearer tokens are not ambient
  return !principal->csrfToken.empty() &&
         constantTimeEquals(form.get("csrf", ""), principal->csrfToken);
}

engine::Result<std::string> Exchange::readBody(std::size_t limit) {
  if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    return tooLarge(limit);  // refused before reading: the connection will be closed
  }
  std::string body;
  std::istream& in = request.stream();
  char block[kReadBlock];
  while (in) {
    in.read(block, sizeof block);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (body.size() + got > limit) return tooLarge(limit);  // chunked: counted while read
    body.append(block, got);
    if (got == 0) break;
  }
  bodyRead_ = true;
  return body;
}

engine::Result<Poco::JSON::Object::Ptr> Exchange::readJsonObject(std::size_t limit) {
  auto body = readBody(limit);
  if (!body) return body.error();
  if (body->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Poco::JSON::Object::Ptr(new Poco::JSON::Object);
  }
  try {
    Poco::JSON::Parser parser;
    const auto value = parser.parse(*body);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
      return makeError(ErrorCode::invalid_argument, "Expected a JSON object as the request body",
                       "body");
    }
    return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::invalid_argument, "Malformed JSON body: " + e.message(), "body");
  }
}

engine::Result<Poco::Net::NameValueCollection> Exchange::readForm(std::size_t limit) {
  auto body = readBody(limit);
  if (!body) return body.error();
  Poco::Net::NameValueCollection out;
  if (request.getContentType().find("application/json") != std::string::npos) {
    try {
      Poco::JSON::Parser parser;
      const auto object = parser.parse(*body).extract<Poco::JSON::Object::Ptr>();
      for (const auto& [key, value] : *object) {
        if (value.isString()) out.set(key, value.convert<std::string>());
      }
    } catch (const Poco::Exception& e) {
      return makeError(ErrorCode::invalid_argument, "Malformed JSON body: " + e.message(), "body");
    }
    return out;
  }
  try {
    Poco::Net::HTMLForm form;
    form.setFieldLimit(50);
    std::istringstream in(*body);
    form.read(in);
    for (const auto& [key, value] : form) out.add(key, value);
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::invalid_argument, "Malformed form body: " + e.message(), "body");
  }
  return out;
}

void Exchange::prepare(int status) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.set("X-Request-Id", requestId);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Cache-Control", "no-store");
  const bool hasBody = request.hasContentLength() ? request.getContentLength64() > 0
                                                  : request.getChunkedTransferEncoding();
  if (hasBody && !bodyRead_) response.setKeepAlive(false);
}

void Exchange::sendJson(int status, const Poco::JSON::Object& body) {
  std::ostringstream out;
  body.stringify(out);
  sendText(status, "application/json; charset=utf-8", out.str());
}

void Exchange::sendJsonText(int status, const std::string& json) {
  sendText(status, "application/json; charset=utf-8", json);
}

void Exchange::sendText(int status, const std::string& contentType, const std::string& body) {
  prepare(status);
  response.setContentType(contentType);
  response.setContentLength64(static_cast<Poco::Int64>(body.size()));
  response.send().write(body.data(), static_cast<std::streamsize>(body.size()));
}

void Exchange::sendHtml(int status, const std::string& html) {
  response.set("Content-Security-Policy",
               "default-src 'none'; style-src 'self'; img-src 'self'; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  sendText(status, "text/html; charset=utf-8", html);
}

void Exchange::sendDownload(const std::string& contentType, const std::string& filename,
                            const std::string& bytes) {
  // Uploaded bytes are never rendered by the browser in our origin.
  response.set("Content-Security-Policy", "sandbox; default-src 'none'");
  std::string encoded;
  Poco::URI::encode(filename, "", encoded);
  response.set("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''" + encoded);
  sendText(200, contentType.empty() ? "application/octet-stream" : contentType, bytes);
}

void Exchange::sendCacheable(const std::string& contentType, const std::string& entityTag,
                             const std::string& bytes) {
  const bool unchanged = ifNoneMatchNames(request.get("If-None-Match", ""), entityTag);
  prepare(unchanged ? 304 : 200);
  // An unversioned URL: revalidate hourly, so a new release shows within the hour.
  response.set("Cache-Control", "public, max-age=3600");
  response.set("ETag", entityTag);
  response.setContentType(contentType);
  if (unchanged) {
    response.send();
    return;
  }
  response.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
  response.send().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void Exchange::redirect(const std::string& location) {
  prepare(303);
  response.set("Location", location);
  response.setContentLength64(0);
  response.send();
}

void Exchange::sendError(const engine::Error& error) {
  if (error.code == engine::ErrorCode::internal) {
    Poco::Logger::get("sowflow.http")
        .error("request %s: internal error: %s (%s)", requestId, error.message, error.where);
    sendJson(500, internalErrorBody(requestId));
    return;
  }
  sendJson(httpStatusFor(error.code), errorBody(error));
}

std::string sanitizeFilename(const std::string& name) {
  std::string base = name;
  const auto slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char c : base) {
    if (c < 0x20 || c == 0x7F) continue;
    out.push_back(static_cast<char>(c));
  }
  const auto first = out.find_first_not_of(" .");
  if (first == std::string::npos) return {};  // "", ".", ".." and blanks are no name
  out = out.substr(first);
  while (!out.empty() && (out.back() == ' ')) out.pop_back();
  if (out.size() > 255) out.resize(255);
  return out;
}

}  // namespace sowflow::server
