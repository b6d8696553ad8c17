#include "journal/payload_reader.hpp"

#include <charconv>
#include <limits>

#include "journal/canonical_json.hpp"  // utf8SequenceLength, plainAsciiPrefix

namespace sowflow::engine::detail {

namespace {

constexpr int kMaxDepth = 64;  // payloads nest three deep; this only stops runaway input

bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

// Recursive descent over one JSON text, appending nodes in document order.
class JsonDocument::Parser {
 public:
  Parser(JsonDocument& document, std::string_view json) : doc_(document), json_(json) {}

  void run() {
    skipWhitespace();
    value(0);
    skipWhitespace();
    if (pos_ != json_.size()) fail("unexpected text after the value");
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw PayloadError("", "payload is not valid JSON: " + what + " at byte " + std::to_string(pos_));
  }

  bool atEnd() const { return pos_ >= json_.size(); }
  char peek() const { return json_[pos_]; }
  void skipWhitespace() {
    while (!atEnd() && isWhitespace(peek())) ++pos_;
  }

  std::uint32_t newNode(Kind kind) {
    doc_.nodes_.emplace_back();
    doc_.nodes_.back().kind = kind;
    return static_cast<std::uint32_t>(doc_.nodes_.size() - 1);
  }

  std::uint32_t value(int depth) {
    if (atEnd()) fail("unexpected end of input");
    switch (peek()) {
      case '{': return container(depth, Kind::object);
      case '[': return container(depth, Kind::array);
      case '"': {
        const auto text = string();
        const auto index = newNode(Kind::string);
        doc_.nodes_[index].text = text;
        return index;
      }
      case 't': return literal("true", Kind::boolean, true);
      case 'f': return literal("false", Kind::boolean, false);
      case 'n': return literal("null", Kind::null, false);
      default:
        if (peek() == '-' || isDigit(peek())) return number();
        fail(std::string("unexpected character '") + peek() + "'");
    }
  }

  std::uint32_t literal(std::string_view word, Kind kind, bool flag) {
    if (json_.substr(pos_, word.size()) != word) fail("expected '" + std::string(word) + "'");
    pos_ += word.size();
    const auto index = newNode(kind);
    doc_.nodes_[index].boolean = flag;
    return index;
  }

  std::uint32_t container(int depth, Kind kind) {
    if (depth >= kMaxDepth) fail("values nested deeper than " + std::to_string(kMaxDepth) + " levels");
    const bool isObject = kind == Kind::object;
    const char close = isObject ? '}' : ']';
    const auto index = newNode(kind);
    ++pos_;
    skipWhitespace();
    if (!atEnd() && peek() == close) {
      ++pos_;
      return index;
    }
    std::uint32_t previous = kNone;
    for (;;) {
      std::string_view key;
      if (isObject) {
        if (atEnd() || peek() != '"') fail("expected a member name in double quotes");
        key = string();
        skipWhitespace();
        if (atEnd() || peek() != ':') fail("expected ':' after a member name");
        ++pos_;
        skipWhitespace();
      }
      const auto child = value(depth + 1);
      doc_.nodes_[child].key = key;
      if (previous == kNone) {
        doc_.nodes_[index].first = child;
      } else {
        doc_.nodes_[previous].next = child;
      }
      previous = child;
      ++doc_.nodes_[index].size;
      skipWhitespace();
      if (atEnd()) fail(std::string("unexpected end of input, expected ',' or '") + close + "'");
      if (peek() == ',') {
        ++pos_;
        skipWhitespace();
        continue;
      }
      if (peek() == close) {
        ++pos_;
        return index;
      }
      fail(std::string("expected ',' or '") + close + "'");
    }
  }

  // At the opening quote. Returns the unescaped text: a view of the input
  // when there was nothing to unescape, else of a string kept in unescaped_.
  std::string_view string() {
    const std::size_t start = ++pos_;
    while (!atEnd()) {
      // Runs of plain printable ASCII (almost all of a payload) in a tight
      // loop; everything else is looked at one character at a time below.
      pos_ += plainAsciiPrefix(json_.substr(pos_));
      if (atEnd()) break;
      const auto c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++pos_;
        return json_.substr(start, pos_ - 1 - start);
      }
      if (c == '\\') return escapedString(start);
      plainCharacter(c);
    }
    fail("unterminated string");
  }

  // Advances over one character that needs no unescaping, checking it.
  void plainCharacter(unsigned char c) {
    if (c < 0x20) fail("control character in a string (it must be escaped)");
    if (c < 0x80) {
      ++pos_;
      return;
    }
    const std::size_t len = utf8SequenceLength(json_, pos_);
    if (len == 0) fail("invalid UTF-8 in a string");
    pos_ += len;
  }

  std::string_view escapedString(std::size_t start) {
    std::string out(json_.substr(start, pos_ - start));
    while (!atEnd()) {
      const auto c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++pos_;
        doc_.unescaped_.push_back(std::move(out));
        return doc_.unescaped_.back();
      }
      if (c != '\\') {
        const std::size_t from = pos_;
        plainCharacter(c);
        out.append(json_.substr(from, pos_ - from));
        continue;
      }
      ++pos_;
      if (atEnd()) break;
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail("unpaired surrogate in a \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (json_.substr(pos_, 2) != "\\u") fail("unpaired surrogate in a \\u escape");
            pos_ += 2;
            const std::uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate in a \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          fail(std::string("invalid escape '\\") + e + "'");
      }
    }
    fail("unterminated string");
  }

  std::uint32_t hex4() {
    if (pos_ + 4 > json_.size()) fail("\\u needs four hex digits");
    std::uint32_t cp = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      const char h = peek();
      cp <<= 4;
      if (isDigit(h)) cp |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<std::uint32_t>(h - 'A' + 10);
      else fail("\\u needs four hex digits");
    }
    return cp;
  }

  std::uint32_t number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (atEnd() || !isDigit(peek())) fail("expected a digit");
    if (peek() == '0') {
      ++pos_;
      if (!atEnd() && isDigit(peek())) fail("leading zero in a number");
    } else {
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    bool integral = true;
    if (!atEnd() && peek() == '.') {
      integral = false;
      ++pos_;
      if (atEnd() || !isDigit(peek())) fail("expected a digit after '.'");
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      integral = false;
      ++pos_;
      if (!atEnd() && (peek() == '+' || peek() == '-')) ++pos_;
      if (atEnd() || !isDigit(peek())) fail("expected a digit in the exponent");
      while (!atEnd() && isDigit(peek())) ++pos_;
    }
    const auto index = newNode(integral ? Kind::integer : Kind::number);
    if (integral) {
      auto& node = doc_.nodes_[index];
      const auto result = std::from_chars(json_.data() + start, json_.data() + pos_, node.integer);
      node.outOfRange = result.ec == std::errc::result_out_of_range;
    }
    return index;
  }

  JsonDocument& doc_;
  std::string_view json_;
  std::size_t pos_ = 0;
};

void JsonDocument::parse(std::string_view json) {
  nodes_.clear();
  unescaped_.clear();
  Parser(*this, json).run();
}

PayloadReader::PayloadReader(const JsonDocument& document) : document_(&document), node_(0) {
  if (document.node(0).kind != JsonDocument::Kind::object) {
    throw PayloadError("", "payload must be a JSON object");
  }
}

std::string PayloadReader::pathOf(std::string_view key) const {
  std::string path = path_;
  if (!path.empty()) path.push_back('.');
  path.append(key);
  return path;
}

std::uint32_t PayloadReader::requireIndex(std::string_view key) const {
  for (auto i = document_->node(node_).first; i != JsonDocument::kNone; i = document_->node(i).next) {
    if (document_->node(i).key == key) return i;
  }
  throw PayloadError(pathOf(key), "is missing");
}

std::string_view PayloadReader::text(std::string_view key) const {
  const auto& value = require(key);
  if (value.kind != JsonDocument::Kind::string) throw PayloadError(pathOf(key), "must be a string");
  return value.text;
}

std::string PayloadReader::string(std::string_view key) const { return std::string(text(key)); }

std::int64_t PayloadReader::int64(std::string_view key) const {
  const auto& value = require(key);
  if (value.kind != JsonDocument::Kind::integer) throw PayloadError(pathOf(key), "must be an integer");
  if (value.outOfRange) throw PayloadError(pathOf(key), "is out of range");
  return value.integer;
}

int PayloadReader::int32(std::string_view key) const {
  const std::int64_t value = int64(key);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    throw PayloadError(pathOf(key), "is out of range");
  }
  return static_cast<int>(value);
}

bool PayloadReader::boolean(std::string_view key) const {
  const auto& value = require(key);
  if (value.kind != JsonDocument::Kind::boolean) throw PayloadError(pathOf(key), "must be true or false");
  return value.boolean;
}

Date PayloadReader::date(std::string_view key) const {
  const auto parsed = parseDate(text(key));
  if (!parsed) throw PayloadError(pathOf(key), "must be a date YYYY-MM-DD");
  return *parsed;
}

Instant PayloadReader::instant(std::string_view key) const {
  const auto parsed = parseInstant(text(key));
  if (!parsed) throw PayloadError(pathOf(key), "must be an RFC 3339 instant");
  return *parsed;
}

std::vector<std::string> PayloadReader::strings(std::string_view key) const {
  const auto& value = require(key);
  if (value.kind != JsonDocument::Kind::array) throw PayloadError(pathOf(key), "must be an array");
  std::vector<std::string> out;
  out.reserve(value.size);
  std::size_t position = 0;
  for (auto i = value.first; i != JsonDocument::kNone; i = document_->node(i).next, ++position) {
    const auto& element = document_->node(i);
    if (element.kind != JsonDocument::Kind::string) {
      throw PayloadError(pathOf(key) + "[" + std::to_string(position) + "]", "must be a string");
    }
    out.emplace_back(element.text);
  }
  return out;
}

PayloadReader PayloadReader::object(std::string_view key) const {
  const auto index = requireIndex(key);
  if (document_->node(index).kind != JsonDocument::Kind::object) {
    throw PayloadError(pathOf(key), "must be an object");
  }
  return PayloadReader(*document_, index, pathOf(key));
}

std::vector<PayloadReader> PayloadReader::objects(std::string_view key) const {
  const auto& value = require(key);
  if (value.kind != JsonDocument::Kind::array) throw PayloadError(pathOf(key), "must be an array");
  std::vector<PayloadReader> out;
  out.reserve(value.size);
  std::size_t position = 0;
  for (auto i = value.first; i != JsonDocument::kNone; i = document_->node(i).next, ++position) {
    std::string path = pathOf(key) + "[" + std::to_string(position) + "]";
    if (document_->node(i).kind != JsonDocument::Kind::object) throw PayloadError(path, "must be an object");
    out.push_back(PayloadReader(*document_, i, std::move(path)));
  }
  return out;
}

}  // namespace sowflow::engine::detail
