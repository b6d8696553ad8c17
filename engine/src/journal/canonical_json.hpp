// Canonical JSON output: the one serialisation the journal hashes
// (docs/journal-format.md "Canonical JSON").
//
// Objects have their keys sorted by byte order, there is no insignificant
// whitespace, strings are UTF-8 with only the mandatory escapes (\" \\ and
// control characters as \u00XX; non-ASCII is written as is), numbers are
// integers only. Invalid UTF-8 in a string is replaced by U+FFFD so the
// output is always valid JSON. Values are passed around as already-canonical
// text, so a nested object is just another value.
// Thread-safety: plain values and reentrant functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sowflow::engine::detail {

// A quoted, escaped JSON string.
std::string jsonString(std::string_view text);
std::string jsonInteger(std::int64_t value);
inline std::string jsonBool(bool value) { return value ? "true" : "false"; }
// `elements` are canonical JSON values, written in order.
std::string jsonArray(const std::vector<std::string>& elements);
std::string jsonStringArray(const std::vector<std::string>& strings);

// Collects members and writes them sorted by key bytes.
class CanonicalObject {
 public:
  // `json` must already be a canonical JSON value.
  CanonicalObject& raw(const std::string& key, std::string json);
  CanonicalObject& str(const std::string& key, std::string_view text) {
    return raw(key, jsonString(text));
  }
  CanonicalObject& integer(const std::string& key, std::int64_t value) {
    return raw(key, jsonInteger(value));
  }
  CanonicalObject& boolean(const std::string& key, bool value) {
    return raw(key, jsonBool(value));
  }
  std::string str() const;

 private:
  // std::string compares with char_traits<char>, i.e. as unsigned bytes.
  std::map<std::string, std::string> members_;
};

}  // namespace sowflow::engine::detail
