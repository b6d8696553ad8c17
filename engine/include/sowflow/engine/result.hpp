// Result<T> and Error: how engine functions report expected failures (STYLE §4).
//
// An Error carries a short code (mapped to HTTP in exactly one place in the
// server), a message that says what was expected and what was found, and
// `where` (a file:line, a JSON field, or an identifier) when there is one.
// Exceptions are kept for the exceptional (database down, bugs).
// Thread-safety: plain values.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace sowflow::engine {

enum class ErrorCode {
  invalid_argument,
  not_found,
  already_exists,
  invalid_state,
  window_closed,
  unauthorized,
  forbidden,
  too_large,
  internal,
};

const char* toString(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string where;
};

inline Error makeError(ErrorCode code, std::string message, std::string where = {}) {
  return Error{code, std::move(message), std::move(where)};
}

struct Ok {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}              // NOLINT: implicit by design
  Result(Error error) : value_(std::move(error)) {}          // NOLINT: implicit by design

  bool ok() const { return value_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & { return std::get<0>(value_); }
  const T& value() const& { return std::get<0>(value_); }
  T&& value() && { return std::get<0>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok()
  const Error& error() const { return std::get<1>(value_); }

 private:
  std::variant<T, Error> value_;
};

using Status = Result<Ok>;

}  // namespace sowflow::engine
