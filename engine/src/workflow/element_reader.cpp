#include "workflow/element_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <sstream>

namespace sowflow::engine::detail {
namespace {

bool listed(std::initializer_list<const char*> names, const char* name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const char* n) { return std::strcmp(n, name) == 0; });
}

bool isBlank(const char* text) {
  for (; *text; ++text) {
    if (!std::isspace(static_cast<unsigned char>(*text))) return false;
  }
  return true;
}

std::string joined(std::initializer_list<const char*> names, const char* separator) {
  std::string out;
  for (const char* n : names) {
    if (!out.empty()) out += separator;
    out += n;
  }
  return out;
}

}  // namespace

int ElementReader::line(pugi::xml_node node, const char* attribute) const {
  const auto a = node.attribute(attribute);
  return a ? source_.lineOf(a) : source_.lineOf(node);
}

void ElementReader::error(int at, std::string message) {
  out_.push_back(Diagnostic{source_.name(), at, std::move(message)});
}

std::string ElementReader::where(pugi::xml_node node, const char* attribute) const {
  return "attribute '" + std::string(attribute) + "' of <" + node.name() + ">";
}

void ElementReader::attributes(pugi::xml_node node, std::initializer_list<const char*> required,
                               std::initializer_list<const char*> optional) {
  for (auto a : node.attributes()) {
    if (!listed(required, a.name()) && !listed(optional, a.name())) {
      error(source_.lineOf(a),
            "unknown attribute '" + std::string(a.name()) + "' on <" + node.name() + ">");
    }
  }
  for (const char* name : required) {
    const auto a = node.attribute(name);
    if (!a) {
      error(line(node), "missing required attribute '" + std::string(name) + "' on <" +
                            node.name() + ">");
    } else if (isBlank(a.value())) {
      error(source_.lineOf(a), where(node, name) + " must not be empty");
    }
  }
}

void ElementReader::children(pugi::xml_node node, std::initializer_list<const char*> allowed,
                             std::initializer_list<const char*> once, bool allowText) {
  std::vector<std::string> seen;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_element) {
      if (!listed(allowed, child.name())) {
        error(line(child), "unknown element <" + std::string(child.name()) + "> in <" +
                               node.name() + ">" +
                               (allowed.size() ? " (expected " + joined(allowed, ", ") + ")"
                                               : std::string(" (expected no elements)")));
      } else if (listed(once, child.name())) {
        if (std::find(seen.begin(), seen.end(), child.name()) != seen.end()) {
          error(line(child), "element <" + std::string(child.name()) +
                                 "> appears more than once in <" + node.name() + ">");
        }
        seen.emplace_back(child.name());
      }
    } else if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
               !allowText && !isBlank(child.value())) {
      // Text nodes carry no name; report at the parent's line.
      error(line(node), "unexpected text in <" + std::string(node.name()) + ">");
    }
  }
}

std::string ElementReader::text(pugi::xml_node node, const char* attribute,
                                std::string fallback) const {
  const auto a = node.attribute(attribute);
  return a ? std::string(a.value()) : std::move(fallback);
}

std::string ElementReader::identifier(pugi::xml_node node, const char* attribute) {
  const auto a = node.attribute(attribute);
  if (!a || a.value()[0] == '\0') return {};  // attributes() reports it missing
  const std::string value = a.value();
  const bool ok =
      value.size() <= 64 && std::isalnum(static_cast<unsigned char>(value[0])) &&
      std::all_of(value.begin(), value.end(), [](char c) {
        return (static_cast<unsigned char>(c) < 0x80 && std::isalnum(static_cast<unsigned char>(c))) ||
               c == '-' || c == '_' || c == '.';
      });
  if (!ok) {
    error(source_.lineOf(a), where(node, attribute) +
                                 " must be an identifier (ASCII letters, digits, '-', '_', '.'; "
                                 "at most 64), found '" + value + "'");
  }
  return value;
}

std::string ElementReader::oneOf(pugi::xml_node node, const char* attribute, std::string fallback,
                                 std::initializer_list<const char*> allowed) {
  const auto a = node.attribute(attribute);
  if (!a) return fallback;
  if (listed(allowed, a.value())) return a.value();
  error(source_.lineOf(a), where(node, attribute) + " must be one of " + joined(allowed, "|") +
                               ", found '" + a.value() + "'");
  return fallback;
}

std::optional<int> ElementReader::optionalInteger(pugi::xml_node node, const char* attribute,
                                                  int min, int max) {
  const auto a = node.attribute(attribute);
  if (!a) return std::nullopt;
  const std::string_view value = a.value();
  int parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || ec != std::errc{} || end != value.data() + value.size() || parsed < min ||
      parsed > max) {
    error(source_.lineOf(a), where(node, attribute) + " must be an integer in " +
                                 std::to_string(min) + ".." + std::to_string(max) + ", found '" +
                                 std::string(value) + "'");
    return std::nullopt;
  }
  return parsed;
}

int ElementReader::integer(pugi::xml_node node, const char* attribute, int fallback, int min,
                           int max) {
  return optionalInteger(node, attribute, min, max).value_or(fallback);
}

bool ElementReader::boolean(pugi::xml_node node, const char* attribute, bool fallback) {
  const auto a = node.attribute(attribute);
  if (!a) return fallback;
  const std::string_view value = a.value();
  if (value == "true") return true;
  if (value == "false") return false;
  error(source_.lineOf(a),
        where(node, attribute) + " must be true or false, found '" + std::string(value) + "'");
  return fallback;
}

std::optional<Date> ElementReader::date(pugi::xml_node node, const char* attribute) {
  const auto a = node.attribute(attribute);
  if (!a) return std::nullopt;
  auto parsed = parseDate(a.value());
  if (!parsed) {
    error(source_.lineOf(a), where(node, attribute) + " must be a date YYYY-MM-DD, found '" +
                                 a.value() + "'");
  }
  return parsed;
}

std::vector<std::string> ElementReader::list(pugi::xml_node node, const char* attribute) {
  std::vector<std::string> items;
  std::istringstream words(text(node, attribute));
  for (std::string word; words >> word;) items.push_back(word);
  return items;
}

std::string ElementReader::childText(pugi::xml_node node, const char* child) {
  const auto element = node.child(child);
  if (!element) return {};
  attributes(element, {}, {});
  children(element, {}, {}, true);
  std::string value = element.text().get();
  // Trim the indentation that surrounds text written on its own lines.
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = value.find_last_not_of(" \t\r\n");
  return value.substr(first, last - first + 1);
}

}  // namespace sowflow::engine::detail
