// The one place engine::ErrorCode becomes an HTTP status and the SPEC §3
// error body {"error": {"code", "message"}} (STYLE §4, like RestErrorMapper).
// `field` is added when the error names one. Server-only refusals (429 rate
// limited, 405 method not allowed, 500 with a request id) are built here too.
// Thread-safety: reentrant.
#pragma once

#include <string>

#include <Poco/JSON/Object.h>

#include "sowflow/engine/result.hpp"

namespace sowflow::server {

int httpStatusFor(engine::ErrorCode code);
Poco::JSON::Object errorBody(const std::string& code, const std::string& message,
                             const std::string& field = {});
Poco::JSON::Object errorBody(const engine::Error& error);

// Errors that have no engine code.
inline constexpr int kStatusTooManyRequests = 429;
Poco::JSON::Object rateLimitedBody();
Poco::JSON::Object internalErrorBody(const std::string& requestId);

}  // namespace sowflow::server
