// Reads fields out of a parsed JSON payload with errors that name the field.
//
// A PayloadReader wraps one JSON object and a path ("files[1]") so nested
// readers report "files[1].sha256". Every getter throws PayloadError when the
// field is missing or has the wrong JSON type; decodeEvent catches it and
// turns it into an invalid_argument Error. Exceptions stay inside the codec.
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "sowflow/engine/time.hpp"

namespace sowflow::engine::detail {

struct PayloadError : std::runtime_error {
  PayloadError(std::string fieldPath, const std::string& what)
      : std::runtime_error(what), field(std::move(fieldPath)) {}
  std::string field;
};

class PayloadReader {
 public:
  PayloadReader(Poco::JSON::Object::Ptr object, std::string path)
      : object_(std::move(object)), path_(std::move(path)) {}

  // Parses `json`, which must be an object. Throws PayloadError("", ...).
  static PayloadReader parse(const std::string& json);

  std::string string(const std::string& key) const;
  std::int64_t int64(const std::string& key) const;
  int int32(const std::string& key) const;
  bool boolean(const std::string& key) const;
  Date date(const std::string& key) const;
  Instant instant(const std::string& key) const;
  std::vector<std::string> strings(const std::string& key) const;
  PayloadReader object(const std::string& key) const;
  std::vector<PayloadReader> objects(const std::string& key) const;

 private:
  std::string pathOf(const std::string& key) const;
  Poco::Dynamic::Var require(const std::string& key) const;

  Poco::JSON::Object::Ptr object_;
  std::string path_;
};

}  // namespace sowflow::engine::detail
