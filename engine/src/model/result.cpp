#include "sowflow/engine/result.hpp"

namespace sowflow::engine {

const char* toString(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::already_exists: return "already_exists";
    case ErrorCode::invalid_state: return "invalid_state";
    case ErrorCode::window_closed: return "window_closed";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace sowflow::engine
