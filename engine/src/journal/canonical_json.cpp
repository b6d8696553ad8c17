#include "journal/canonical_json.hpp"

#include <charconv>
#include <cstring>

namespace sowflow::engine::detail {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

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

namespace {

// Plain ASCII that is copied as is: most text is nothing else.
bool isPlainAscii(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

void putDigits(char* at, unsigned value, int digits) {
  for (int i = digits - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}

// Digit by digit into a buffer appended at once: this runs several times per
// event sealed or verified; snprintf dominated the profile, and then the
// character-by-character appends. Years outside 0..9999 (never seen in
// practice) take the reference formatter so the bytes stay identical.
constexpr std::size_t kDateLength = 10;  // YYYY-MM-DD
bool putFastDate(char* at, const date::year_month_day& ymd) {
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return false;
  putDigits(at, static_cast<unsigned>(year), 4);
  at[4] = '-';
  putDigits(at + 5, static_cast<unsigned>(ymd.month()), 2);
  at[7] = '-';
  putDigits(at + 8, static_cast<unsigned>(ymd.day()), 2);
  return true;
}

bool appendFastDate(std::string& out, const date::year_month_day& ymd) {
  char buffer[kDateLength];
  if (!putFastDate(buffer, ymd)) return false;
  out.append(buffer, kDateLength);
  return true;
}

// YYYY-MM-DDTHH:MM:SSZ, optionally in double quotes.
bool appendFastInstant(std::string& out, Instant at, bool quoted) {
  const auto day = date::floor<date::days>(at);
  char buffer[22];
  char* p = buffer;
  if (quoted) *p++ = '"';
  if (!putFastDate(p, date::year_month_day{day})) return false;
  p += kDateLength;
  const auto secondsOfDay = static_cast<unsigned>((at - day).count());
  *p++ = 'T';
  putDigits(p, secondsOfDay / 3600, 2);
  p[2] = ':';
  putDigits(p + 3, secondsOfDay / 60 % 60, 2);
  p[5] = ':';
  putDigits(p + 6, secondsOfDay % 60, 2);
  p[8] = 'Z';
  p += 9;
  if (quoted) *p++ = '"';
  out.append(buffer, static_cast<std::size_t>(p - buffer));
  return true;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t plain = plainAsciiPrefix(text);
  if (plain == text.size()) {  // nearly always (ids, hashes, names): one append
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out.push_back('"');
  out.append(text.data(), plain);
  for (std::size_t i = plain; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (isPlainAscii(c)) {
      const std::size_t end = i + plainAsciiPrefix(text.substr(i));
      out.append(text.data() + i, end - i);
      i = end;
    } else if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      ++i;
    } else if (const std::size_t len = utf8SequenceLength(text, i); len > 0) {
      out.append(text.data() + i, len);
      i += len;
    } else {
      out.append(kReplacement);
      ++i;
    }
  }
  out.push_back('"');
}

void appendJsonInteger(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void appendInstantUtc(std::string& out, Instant at) {
  if (!appendFastInstant(out, at, false)) out.append(formatInstantUtc(at));
}

void appendJsonDate(std::string& out, Date day) {
  out.push_back('"');
  const std::size_t mark = out.size();
  if (!appendFastDate(out, date::year_month_day{day})) {
    out.resize(mark);
    out.append(formatDate(day));
  }
  out.push_back('"');
}

void appendJsonInstant(std::string& out, Instant at) {
  if (appendFastInstant(out, at, true)) return;
  out.push_back('"');
  out.append(formatInstantUtc(at));
  out.push_back('"');
}

std::string jsonString(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  appendJsonString(out, text);
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
  std::string out = "[";
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i > 0) out.push_back(',');
    appendJsonString(out, strings[i]);
  }
  out.push_back(']');
  return out;
}

std::string& CanonicalWriter::key_(std::string_view key) {
#ifndef NDEBUG
  // Out-of-order or repeated keys would silently change the bytes we hash.
  assert((first_ || std::string_view(lastKey_) < key) && "canonical keys must be given in byte order");
  for (const char c : key) assert(isPlainAscii(static_cast<unsigned char>(c)) && "keys are plain ASCII");
  lastKey_.assign(key);
#endif
  // One append of `,"key":` (keys are the codec's short field names): this
  // runs for every member of every payload sealed.
  char buffer[64];
  if (key.size() + 4 <= sizeof buffer) {
    char* p = buffer;
    if (!first_) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    *p++ = '"';
    *p++ = ':';
    first_ = false;
    out_.append(buffer, static_cast<std::size_t>(p - buffer));
    return out_;
  }
  if (!first_) out_.push_back(',');
  first_ = false;
  out_.push_back('"');
  out_.append(key);
  out_.append("\":");
  return out_;
}

CanonicalWriter& CanonicalWriter::strings(std::string_view key, const std::vector<std::string>& values) {
  std::string& out = key_(key);
  out.push_back('[');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    appendJsonString(out, values[i]);
  }
  out.push_back(']');
  return *this;
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
    appendJsonString(out, key);
    out.push_back(':');
    out += value;
  }
  out.push_back('}');
  return out;
}

}  // namespace sowflow::engine::detail
