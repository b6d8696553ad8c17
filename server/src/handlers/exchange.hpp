// Exchange: one request and its response, as handlers see them.
//
// Reading the body is always bounded: a Content-Length over the limit is
// refused before a byte is read, and a chunked body is counted while read;
// both give too_large (413). A response sent without the request body having
// been read closes the connection, so leftover bytes are never parsed as the
// next request. Everything a handler sends goes through the send*() helpers.
// Thread-safety: one Exchange per request thread.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>

#include "auth/token_service.hpp"
#include "sowflow/engine/result.hpp"

namespace sowflow::server {

using RouteParams = std::map<std::string, std::string>;

class Exchange {
 public:
  Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
           RouteParams params, std::string requestId, std::string clientIp);

  Poco::Net::HTTPServerRequest& request;
  Poco::Net::HTTPServerResponse& response;
  const std::string requestId;
  const std::string clientIp;
  std::optional<Principal> principal;  // set by the base handler for owner routes

  // REQUIRES: `name` is a placeholder of the matched route pattern.
  const std::string& param(const std::string& name) const;
  std::optional<std::string> query(const std::string& name) const;
  bool acceptsJson() const;
  // Who the journal records as acting: "owner:NAME" (role-tagged).
  std::string actor() const;
  // For session-authenticated form posts: the form's `csrf` field must match.
  bool csrfValid(const Poco::Net::NameValueCollection& form) const;

  // A request with neither Content-Length nor chunked coding has no body:
  // "" at once, and the connection stays usable.
  engine::Result<std::string> readBody(std::size_t limit);
  // An empty body reads as an empty object. invalid_argument naming `body`
  // for anything that is not a JSON object.
  engine::Result<Poco::JSON::Object::Ptr> readJsonObject(std::size_t limit);
  // application/x-www-form-urlencoded, or a JSON object's string fields.
  engine::Result<Poco::Net::NameValueCollection> readForm(std::size_t limit);

  void sendJson(int status, const Poco::JSON::Object& body);
  // `json` is already serialised (json::JsonWriter).
  void sendJsonText(int status, const std::string& json);
  void sendText(int status, const std::string& contentType, const std::string& body);
  // Owner pages and the acceptance page: strict CSP, no framing, no referrer.
  void sendHtml(int status, const std::string& html);
  void sendDownload(const std::string& contentType, const std::string& filename,
                    const std::string& bytes);
  // A public asset browsers may keep: 304 when If-None-Match names `entityTag`.
  void sendCacheable(const std::string& contentType, const std::string& entityTag,
                     const std::string& bytes);
  void redirect(const std::string& location);  // 303 See Other
  // The SPEC error body through the one mapper (error_mapping.cpp).
  void sendError(const engine::Error& error);

 private:
  void prepare(int status);

  RouteParams params_;
  bool bodyRead_ = false;
};

// An uploaded file's name without any path, control characters (C0, DEL,
// C1) or Unicode bidi controls (U+061C, U+200E/F, U+202A-E, U+2066-9), nor
// bytes that are not UTF-8; other UTF-8 (e.g. Chinese) is kept. At most 255
// bytes, cut at a character boundary; "" when nothing usable is left.
std::string sanitizeFilename(const std::string& name);

// The path of a request target (RFC 9112 §3.2) without its query:
// origin-form "/p?q" gives "/p", absolute-form "http://host/p?q" gives "/p"
// ("/" when it has no path); anything else (authority-form, "*") gives "".
std::string requestPath(const std::string& target);

}  // namespace sowflow::server
