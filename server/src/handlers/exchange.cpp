#include "handlers/exchange.hpp"

#include <cctype>
#include <sstream>
#include <utility>

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

// One UTF-8 sequence at `at`: its code point and length, or length 0 when
// the bytes there are not well-formed UTF-8 (overlong, surrogate, truncated).
std::pair<char32_t, std::size_t> decodeUtf8(const std::string& text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t codePoint = 0;
  char32_t smallest = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, codePoint = lead & 0x1F, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, codePoint = lead & 0x0F, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, codePoint = lead & 0x07, smallest = 0x10000;
  } else {
    return {0, 0};
  }
  if (at + length > text.size()) return {0, 0};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {0, 0};
    codePoint = (codePoint << 6) | (byte(at + i) & 0x3F);
  }
  if (codePoint < smallest || codePoint > 0x10FFFF ||
      (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
    return {0, 0};
  }
  return {codePoint, length};
}

// Characters that change how a name is shown without being visible: C0 and
// C1 controls, DEL, and the bidi marks, embeddings, overrides and isolates
// that can make "exe.pdf" read as "fdp.exe" in a listing.
bool invisibleInName(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
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
  // RFC 9112 §6.3: a request with neither Content-Length nor chunked coding
  // has no body. Poco's stream would instead read to the end of the
  // connection, stalling a keep-alive client until the read timeout.
  if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) {
    bodyRead_ = true;
    return std::string();
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
  for (std::size_t at = 0; at < base.size();) {
    const auto [codePoint, length] = decodeUtf8(base, at);
    if (length > 0 && !invisibleInName(codePoint)) out.append(base, at, length);
    at += length > 0 ? length : 1;  // an invalid byte is dropped on its own
  }
  const auto first = out.find_first_not_of(" .");
  if (first == std::string::npos) return {};  // "", ".", ".." and blanks are no name
  out = out.substr(first);
  while (!out.empty() && (out.back() == ' ')) out.pop_back();
  if (out.size() > 255) {
    // Cut at a character boundary: never half of a UTF-8 sequence.
    std::size_t cut = 255;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

std::string requestPath(const std::string& target) {
  std::size_t start = 0;
  if (target.empty() || target[0] != '/') {
    // absolute-form: scheme "://" authority [path]; the scheme is letters,
    // digits, '+', '-', '.' after a letter (RFC 3986 §3.1).
    const auto colon = target.find("://");
    if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(target[0]))) {
      return {};
    }
    for (std::size_t i = 0; i < colon; ++i) {
      const auto c = static_cast<unsigned char>(target[i]);
      if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return {};
    }
    start = target.find_first_of("/?#", colon + 3);
    if (start == std::string::npos || target[start] != '/') return "/";
  }
  const auto end = target.find_first_of("?#", start);
  return target.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace sowflow::server
