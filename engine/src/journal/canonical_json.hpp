// Canonical JSON output: the one serialisation the journal hashes
// (docs/journal-format.md "Canonical JSON").
//
// Objects have their keys sorted by byte order, there is no insignificant
// whitespace, strings are UTF-8 with only the mandatory escapes (\" \\ and
// control characters as \u00XX; non-ASCII is written as is), numbers are
// integers only. Invalid UTF-8 in a string is replaced by U+FFFD so the
// output is always valid JSON.
//
// Two writers produce the same bytes:
//  - CanonicalWriter appends straight into one string; the caller names the
//    members already in canonical order (debug builds assert it). The codec
//    and the hash envelope use it: every event is written once per append,
//    so this is on the hot path.
//  - CanonicalObject collects members in any order and sorts them; it is the
//    reference the tests compare the fast writer against.
// Thread-safety: plain values and reentrant functions.
#pragma once

#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sowflow/engine/time.hpp"

namespace sowflow::engine::detail {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if the bytes
// there are not valid UTF-8 (overlong forms, surrogates, past U+10FFFF).
// REQUIRES: i < text.size().
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

// How many leading bytes of `text` are plain printable ASCII (0x20..0x7F
// except '"' and '\\'): text JSON writes as is and reads without unescaping.
// Eight bytes at a time, since ids, hashes and names are nothing else and
// every event sealed or replayed scans a few hundred such bytes.
inline std::size_t plainAsciiPrefix(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  // A byte's high bit is set in the mask when the byte ends the run. Each
  // test is exact at the lowest such byte (a borrow only travels upwards
  // from a byte that matched), so on a little-endian load the lowest set
  // bit says where the run ends.
  const auto zeroBytes = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // a byte >= 0x80, or < 0x20, or equal to '"' or '\\'
    const std::uint64_t stop = (w & kHigh) | ((w - kOnes * 0x20) & ~w & kHigh) |
                               zeroBytes(w ^ (kOnes * '"')) | zeroBytes(w ^ (kOnes * '\\'));
    if (stop != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return i + static_cast<std::size_t>(std::countr_zero(stop)) / 8;
      }
      break;
    }
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
  }
  return i;
}

// Append forms: the value's canonical text added to `out`.
void appendJsonString(std::string& out, std::string_view text);
void appendJsonInteger(std::string& out, std::int64_t value);
// "YYYY-MM-DD" / "YYYY-MM-DDTHH:MM:SSZ", quoted, byte-identical to
// formatDate / formatInstantUtc.
void appendJsonDate(std::string& out, Date day);
void appendJsonInstant(std::string& out, Instant at);
// Unquoted "YYYY-MM-DDTHH:MM:SSZ", as formatInstantUtc.
void appendInstantUtc(std::string& out, Instant at);

// A quoted, escaped JSON string.
std::string jsonString(std::string_view text);
std::string jsonInteger(std::int64_t value);
inline std::string jsonBool(bool value) { return value ? "true" : "false"; }
// `elements` are canonical JSON values, written in order.
std::string jsonArray(const std::vector<std::string>& elements);
std::string jsonStringArray(const std::vector<std::string>& strings);

// Writes one object member by member into `out`. Keys must be given in
// canonical (byte) order, each once, and must be plain ASCII that needs no
// escaping (they are the codec's own field names).
class CanonicalWriter {
 public:
  explicit CanonicalWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  CanonicalWriter(const CanonicalWriter&) = delete;
  CanonicalWriter& operator=(const CanonicalWriter&) = delete;

  CanonicalWriter& str(std::string_view key, std::string_view text) {
    appendJsonString(key_(key), text);
    return *this;
  }
  CanonicalWriter& integer(std::string_view key, std::int64_t value) {
    appendJsonInteger(key_(key), value);
    return *this;
  }
  CanonicalWriter& boolean(std::string_view key, bool value) {
    key_(key).append(value ? "true" : "false");
    return *this;
  }
  CanonicalWriter& date(std::string_view key, Date day) {
    appendJsonDate(key_(key), day);
    return *this;
  }
  CanonicalWriter& instant(std::string_view key, Instant at) {
    appendJsonInstant(key_(key), at);
    return *this;
  }
  CanonicalWriter& strings(std::string_view key, const std::vector<std::string>& values);
  // Starts member `key`; the caller appends exactly one canonical value to
  // the returned string (e.g. a nested CanonicalWriter, then close()).
  std::string& member(std::string_view key) { return key_(key); }
  // Writes the closing brace. Call exactly once, last.
  void close() { out_.push_back('}'); }

 private:
  std::string& key_(std::string_view key);

  std::string& out_;
  bool first_ = true;
#ifndef NDEBUG
  std::string lastKey_;
#endif
};

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
