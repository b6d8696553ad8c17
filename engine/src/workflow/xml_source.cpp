#include "workflow/xml_source.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace sowflow::engine::detail {
namespace {

constexpr std::size_t kNone = std::string::npos;

// What a light lexical pass finds that pugixml either drops or tolerates.
// It runs over the raw text, skipping comments, CDATA and processing
// instructions, and tracks element depth so deep nesting is refused before
// anything walks the DOM recursively.
struct Findings {
  std::size_t doctypeAt = kNone;
  bool entityDeclaration = false;
  std::size_t textOutsideRootAt = kNone;
  std::size_t tooDeepAt = kNone;
  std::vector<std::pair<std::size_t, std::string>> badReferences;  // offset, message
};

bool startsWith(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.compare(at, prefix.size(), prefix) == 0;
}

std::size_t skipPast(std::string_view text, std::size_t from, std::string_view end) {
  const auto found = text.find(end, from);
  return found == kNone ? text.size() : found + end.size();
}

void checkReference(std::string_view text, std::size_t at, Findings& findings) {
  if (findings.badReferences.size() >= 20) return;  // enough to make the point
  std::size_t end = at + 1;
  if (end < text.size() && text[end] == '#') return;  // numeric; pugixml checks it
  while (end < text.size() && end - at < 64 &&
         (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' ||
          text[end] == '-' || text[end] == '.' || text[end] == ':')) {
    ++end;
  }
  if (end >= text.size() || text[end] != ';') {
    findings.badReferences.emplace_back(at, "unescaped '&' (write &amp;)");
    return;
  }
  const std::string_view entity = text.substr(at + 1, end - at - 1);
  static constexpr std::string_view kPredefined[] = {"amp", "lt", "gt", "quot", "apos"};
  if (std::find(std::begin(kPredefined), std::end(kPredefined), entity) == std::end(kPredefined)) {
    findings.badReferences.emplace_back(
        at, "undefined entity reference '&" + std::string(entity) +
                ";' (only &amp; &lt; &gt; &quot; &apos; and numeric references are allowed)");
  }
}

// Scans a tag from its '<' to its '>', honouring quoted attribute values.
// Returns the offset after '>' and whether the tag closed itself ("/>").
std::size_t scanTag(std::string_view text, std::size_t at, bool& selfClosing, Findings& findings) {
  char quote = 0;
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '&') checkReference(text, i, findings);
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      selfClosing = text[i - 1] == '/';
      return i + 1;
    }
  }
  selfClosing = false;
  return text.size();
}

Findings scan(std::string_view text) {
  Findings findings;
  int depth = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '<') {
      if (startsWith(text, i, "<!--")) {
        i = skipPast(text, i + 4, "-->");
      } else if (startsWith(text, i, "<![CDATA[")) {
        i = skipPast(text, i + 9, "]]>");
      } else if (startsWith(text, i, "<?")) {
        i = skipPast(text, i + 2, "?>");
      } else if (startsWith(text, i, "<!")) {
        // DOCTYPE (or junk pugixml will reject): refused outright, nothing after it matters.
        findings.doctypeAt = i;
        findings.entityDeclaration = text.find("<!ENTITY", i) != kNone;
        return findings;
      } else if (startsWith(text, i, "</")) {
        depth = std::max(0, depth - 1);
        i = skipPast(text, i + 2, ">");
      } else {
        bool selfClosing = false;
        ++depth;
        if (depth > kMaxDepth) {
          findings.tooDeepAt = i;
          return findings;
        }
        i = scanTag(text, i, selfClosing, findings);
        if (selfClosing) --depth;
      }
      continue;
    }
    if (c == '&') {
      checkReference(text, i, findings);
    } else if (depth == 0 && findings.textOutsideRootAt == kNone &&
               !std::isspace(static_cast<unsigned char>(c))) {
      findings.textOutsideRootAt = i;
    }
    ++i;
  }
  return findings;
}

// Offset of the first byte that breaks UTF-8 (RFC 3629), or kNone.
std::size_t firstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (b < 0x80) { ++i; continue; }
    if ((b & 0xE0) == 0xC0) { length = 2; min = 0x80; }
    else if ((b & 0xF0) == 0xE0) { length = 3; min = 0x800; }
    else if ((b & 0xF8) == 0xF0) { length = 4; min = 0x10000; }
    else return i;
    if (i + length > text.size()) return i;
    std::uint32_t cp = b & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += length;
  }
  return kNone;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string lowerFirst(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

void XmlSource::indexLines() {
  lineStarts_.assign(1, 0);
  for (std::size_t i = 0; i < buffer_.size(); ++i) {
    if (buffer_[i] == '\n') lineStarts_.push_back(i + 1);
  }
}

int XmlSource::lineOfOffset(std::size_t offset) const {
  const auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  return static_cast<int>(it - lineStarts_.begin());
}

int XmlSource::lineOfPointer(const char* p) const {
  const char* begin = buffer_.data();
  if (p == nullptr || p < begin || p >= begin + buffer_.size()) return 0;
  return lineOfOffset(static_cast<std::size_t>(p - begin));
}

int XmlSource::lineOf(pugi::xml_node node) const { return node ? lineOfPointer(node.name()) : 0; }

int XmlSource::lineOf(pugi::xml_attribute attribute) const {
  return attribute ? lineOfPointer(attribute.name()) : 0;
}

pugi::xml_node XmlSource::root() const { return document_.document_element(); }

bool XmlSource::parse(std::string_view text, const std::string& name,
                      std::vector<Diagnostic>& out) {
  name_ = name;
  const auto report = [&](std::size_t offset, std::string message) {
    out.push_back(Diagnostic{name_, lineOfOffset(offset), std::move(message)});
  };
  if (text.size() > kMaxFileBytes) {
    out.push_back(Diagnostic{name_, 0, "file is larger than 4 MiB"});
    return false;
  }
  if (startsWith(text, 0, "\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM holds no newline
  buffer_.assign(text);
  indexLines();

  if (const auto nul = buffer_.find('\0'); nul != kNone) {
    report(nul, "NUL byte in file: not a UTF-8 text file");
    return false;
  }
  if (const auto bad = firstInvalidUtf8(buffer_); bad != kNone) {
    report(bad, "invalid UTF-8 byte sequence (files must be UTF-8)");
    return false;
  }
  const Findings findings = scan(buffer_);
  if (findings.doctypeAt != kNone) {
    report(findings.doctypeAt,
           findings.entityDeclaration
               ? "DOCTYPE with ENTITY declarations is refused: entities are never expanded"
               : "DOCTYPE declarations are not allowed (workflow files are DTD-free)");
    return false;
  }
  const auto parsed = document_.load_buffer_inplace(
      buffer_.data(), buffer_.size(), pugi::parse_default | pugi::parse_declaration,
      pugi::encoding_utf8);
  if (!parsed) {
    report(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, parsed.offset)),
           "malformed XML: " + lowerFirst(parsed.description()));
    return false;
  }
  if (findings.tooDeepAt != kNone) {
    report(findings.tooDeepAt,
           "elements nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return false;
  }
  const auto declaration = document_.first_child();
  if (declaration.type() == pugi::node_declaration) {
    const auto encoding = declaration.attribute("encoding");
    if (encoding && !equalsIgnoreCase(encoding.value(), "UTF-8")) {
      out.push_back(Diagnostic{name_, lineOf(encoding), "encoding '" + std::string(encoding.value()) +
                                                            "' is not supported; files must be UTF-8"});
    }
  }
  if (findings.textOutsideRootAt != kNone) {
    report(findings.textOutsideRootAt, "text outside the root element");
  }
  for (const auto& [offset, message] : findings.badReferences) report(offset, message);

  pugi::xml_node first;
  for (auto child : document_.children()) {
    if (child.type() != pugi::node_element) continue;
    if (!first) {
      first = child;
      continue;
    }
    out.push_back(Diagnostic{name_, lineOf(child), "more than one root element: <" +
                                                       std::string(child.name()) + "> follows <" +
                                                       first.name() + ">"});
  }
  // Depth is bounded above, so an explicit stack is only for symmetry with the lexer.
  std::vector<pugi::xml_node> pending{first};
  while (!pending.empty()) {
    const auto node = pending.back();
    pending.pop_back();
    std::set<std::string_view> seen;
    for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
      if (!seen.insert(a.name()).second) {
        out.push_back(Diagnostic{name_, lineOf(a), "duplicate attribute '" +
                                                       std::string(a.name()) + "' on <" +
                                                       node.name() + ">"});
      }
    }
    for (auto child : node.children()) {
      if (child.type() == pugi::node_element) pending.push_back(child);
    }
  }
  return true;
}

}  // namespace sowflow::engine::detail
