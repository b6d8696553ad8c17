// Reads fields out of a parsed JSON payload with errors that name the field.
//
// JsonDocument is a small strict JSON parser (RFC 8259) written for the
// journal's replay path, where Poco::JSON's Var-based tree cost more than
// everything else put together. It accepts any valid JSON, not only the
// canonical form (hand-edited or older rows may carry whitespace or escapes
// we never write), keeps the parsed values as a flat vector of nodes whose
// strings point into the payload text, and refuses malformed input with a
// PayloadError saying what was wrong and at which byte.
//
// A PayloadReader is a view of one object node of a document plus its path
// ("files[1]"), so nested readers report "files[1].sha256". Every getter
// throws PayloadError when the field is missing or has the wrong JSON type;
// decodeEvent catches it and turns it into an invalid_argument Error.
// Exceptions stay inside the codec. Members the reader is not asked about are
// ignored; if a key repeats, the first occurrence is read.
// Thread-safety: a document and its readers belong to one thread.
// REQUIRES: the payload text outlives the document and its readers.
#pragma once

#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sowflow/engine/time.hpp"

namespace sowflow::engine::detail {

struct PayloadError : std::runtime_error {
  PayloadError(std::string fieldPath, const std::string& what)
      : std::runtime_error(what), field(std::move(fieldPath)) {}
  std::string field;
};

class JsonDocument {
 public:
  enum class Kind : std::uint8_t { null, boolean, integer, number, string, array, object };
  static constexpr std::uint32_t kNone = 0;  // node 0 is the root, never a child

  struct Node {
    Kind kind = Kind::null;
    bool boolean = false;
    bool outOfRange = false;      // an integer too large for int64
    std::uint32_t next = kNone;   // the next element/member of the parent
    std::uint32_t first = kNone;  // the first element/member (arrays, objects)
    std::uint32_t size = 0;       // element/member count (arrays, objects)
    std::int64_t integer = 0;
    std::string_view key;   // member name (members of objects)
    std::string_view text;  // string value, unescaped
  };

  // Replaces the content with `json` parsed. Throws PayloadError("",
  // "payload is not valid JSON: ... at byte N") on malformed input.
  void parse(std::string_view json);
  const Node& node(std::uint32_t index) const { return nodes_[index]; }

 private:
  class Parser;
  std::vector<Node> nodes_;
  std::deque<std::string> unescaped_;  // strings that held escapes; stable addresses
};

class PayloadReader {
 public:
  // Reads the root of `document`, which must be an object.
  // Throws PayloadError("", "payload must be a JSON object") otherwise.
  explicit PayloadReader(const JsonDocument& document);

  std::string string(std::string_view key) const;
  std::int64_t int64(std::string_view key) const;
  int int32(std::string_view key) const;
  bool boolean(std::string_view key) const;
  Date date(std::string_view key) const;
  Instant instant(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key) const;
  PayloadReader object(std::string_view key) const;
  std::vector<PayloadReader> objects(std::string_view key) const;

 private:
  PayloadReader(const JsonDocument& document, std::uint32_t node, std::string path)
      : document_(&document), node_(node), path_(std::move(path)) {}
  std::string pathOf(std::string_view key) const;
  std::uint32_t requireIndex(std::string_view key) const;
  const JsonDocument::Node& require(std::string_view key) const {
    return document_->node(requireIndex(key));
  }
  std::string_view text(std::string_view key) const;

  const JsonDocument* document_;
  std::uint32_t node_;
  std::string path_;
};

}  // namespace sowflow::engine::detail
