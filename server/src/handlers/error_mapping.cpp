#include "handlers/error_mapping.hpp"

namespace sowflow::server {

int httpStatusFor(engine::ErrorCode code) {
  using engine::ErrorCode;
  switch (code) {
    case ErrorCode::invalid_argument: return 400;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::invalid_state:
    case ErrorCode::already_exists:
    case ErrorCode::window_closed: return 409;
    case ErrorCode::too_large: return 413;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

Poco::JSON::Object errorBody(const std::string& code, const std::string& message,
                             const std::string& field) {
  Poco::JSON::Object::Ptr inner = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  inner->set("code", code);
  inner->set("message", message);
  if (!field.empty()) inner->set("field", field);
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("error", inner);
  return body;
}

Poco::JSON::Object errorBody(const engine::Error& error) {
  // An internal error's message may describe the database or a file: never
  // shown to the client (the base handler logs it with the request id).
  if (error.code == engine::ErrorCode::internal) {
    return errorBody("internal", "internal error");
  }
  // Only input errors name a field; elsewhere `where` is an identifier.
  const std::string field =
      error.code == engine::ErrorCode::invalid_argument ? error.where : std::string();
  return errorBody(engine::toString(error.code), error.message, field);
}

Poco::JSON::Object rateLimitedBody() {
  return errorBody("rate_limited",
                   "Too many failed token lookups from this address; try again in a minute");
}

Poco::JSON::Object internalErrorBody(const std::string& requestId) {
  return errorBody("internal", "internal error (request id " + requestId + ")");
}

}  // namespace sowflow::server
