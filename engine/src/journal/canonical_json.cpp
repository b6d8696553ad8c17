#include "journal/canonical_json.hpp"

#include <cassert>

namespace sowflow::engine::detail {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t len = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) { len = 2; cp = lead & 0x1Fu; min = 0x80; }
  else if (lead >= 0xE0 && lead <= 0xEF) { len = 3; cp = lead & 0x0Fu; min = 0x800; }
  else if (lead >= 0xF0 && lead <= 0xF4) { len = 4; cp = lead & 0x07u; min = 0x10000; }
  else return 0;
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string jsonString(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      ++i;
    } else if (c < 0x80) {
      // Copy the whole run of plain ASCII at once: most text is nothing else.
      std::size_t end = i + 1;
      while (end < text.size()) {
        const auto next = static_cast<unsigned char>(text[end]);
        if (next < 0x20 || next >= 0x80 || next == '"' || next == '\\') break;
        ++end;
      }
      out.append(text.data() + i, end - i);
      i = end;
    } else if (const std::size_t len = utf8SequenceLength(text, i); len > 0) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  out.push_back('"');
  return out;
}

std::string jsonInteger(std::int64_t value) { return std::to_string(value); }

std::string jsonArray(const std::vector<std::string>& elements) {
  std::string out = "[";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += elements[i];
  }
  out.push_back(']');
  return out;
}

std::string jsonStringArray(const std::vector<std::string>& strings) {
  std::vector<std::string> elements;
  elements.reserve(strings.size());
  for (const auto& s : strings) elements.push_back(jsonString(s));
  return jsonArray(elements);
}

CanonicalObject& CanonicalObject::raw(const std::string& key, std::string json) {
  // Two members with one key would make the output ambiguous: a coding error.
  [[maybe_unused]] const bool inserted = members_.emplace(key, std::move(json)).second;
  assert(inserted && "duplicate key in a canonical object");
  return *this;
}

std::string CanonicalObject::str() const {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : members_) {
    if (!first) out.push_back(',');
    first = false;
    out += jsonString(key);
    out.push_back(':');
    out += value;
  }
  out.push_back('}');
  return out;
}

}  // namespace sowflow::engine::detail
