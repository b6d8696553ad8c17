#include "json/json_body.hpp"

#include <Poco/JSON/Array.h>

namespace sowflow::server::json {

namespace {

using engine::ErrorCode;
using engine::makeError;

engine::Error invalid(const std::string& field, const std::string& expected,
                      const std::string& found) {
  return makeError(ErrorCode::invalid_argument,
                   "Expected '" + field + "' to be " + expected + ", found " + found, field);
}

std::string describe(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return "null";
  if (value.isString()) return "a string";
  if (value.isBoolean()) return "a boolean";
  if (value.isNumeric()) return "a number";
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) return "an object";
  return "something else";
}

}  // namespace

engine::Result<std::string> requiredString(const Poco::JSON::Object::Ptr& object,
                                           const std::string& key, const std::string& field) {
  if (!object->has(key)) {
    return makeError(ErrorCode::invalid_argument, "Missing field '" + field + "'", field);
  }
  const auto value = object->get(key);
  if (!value.isString()) return invalid(field, "a string", describe(value));
  auto text = value.convert<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid(field, "a non-empty string", "an empty one");
  }
  if (text.size() > kMaxStringLength) {
    return invalid(field, "at most " + std::to_string(kMaxStringLength) + " bytes",
                   std::to_string(text.size()));
  }
  return text;
}

engine::Result<std::string> optionalString(const Poco::JSON::Object::Ptr& object,
                                           const std::string& key, const std::string& field,
                                           const std::string& fallback) {
  if (!object->has(key) || object->isNull(key)) return fallback;
  const auto value = object->get(key);
  if (!value.isString()) return invalid(field, "a string", describe(value));
  auto text = value.convert<std::string>();
  if (text.size() > kMaxStringLength) {
    return invalid(field, "at most " + std::to_string(kMaxStringLength) + " bytes",
                   std::to_string(text.size()));
  }
  return text;
}

engine::Result<engine::Date> requiredDate(const Poco::JSON::Object::Ptr& object,
                                          const std::string& key, const std::string& field) {
  auto text = requiredString(object, key, field);
  if (!text) return text.error();
  const auto date = engine::parseDate(*text);
  if (!date) return invalid(field, "a date YYYY-MM-DD", "'" + text->substr(0, 40) + "'");
  return *date;
}

engine::Result<engine::Instant> requiredInstant(const Poco::JSON::Object::Ptr& object,
                                                const std::string& key, const std::string& field) {
  auto text = requiredString(object, key, field);
  if (!text) return text.error();
  const auto at = engine::parseInstant(*text);
  if (!at) {
    return invalid(field, "an RFC 3339 instant with offset", "'" + text->substr(0, 40) + "'");
  }
  return *at;
}

engine::Result<Poco::JSON::Object::Ptr> requiredObject(const Poco::JSON::Object::Ptr& object,
                                                       const std::string& key,
                                                       const std::string& field) {
  if (!object->has(key)) {
    return makeError(ErrorCode::invalid_argument, "Missing field '" + field + "'", field);
  }
  const auto value = object->get(key);
  if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
    return invalid(field, "an object", describe(value));
  }
  return value.extract<Poco::JSON::Object::Ptr>();
}

engine::Result<std::vector<std::string>> requiredStringArray(const Poco::JSON::Object::Ptr& object,
                                                             const std::string& key,
                                                             const std::string& field) {
  if (!object->has(key)) {
    return makeError(ErrorCode::invalid_argument, "Missing field '" + field + "'", field);
  }
  const auto value = object->get(key);
  if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
    return invalid(field, "an array of strings", describe(value));
  }
  const auto array = value.extract<Poco::JSON::Array::Ptr>();
  if (array->size() == 0) return invalid(field, "a non-empty array", "an empty one");
  if (array->size() > 100) return invalid(field, "at most 100 entries", std::to_string(array->size()));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto item = array->get(static_cast<unsigned>(i));
    const std::string itemField = field + "[" + std::to_string(i) + "]";
    if (!item.isString()) return invalid(itemField, "a string", describe(item));
    auto text = item.convert<std::string>();
    if (text.empty() || text.size() > 320) {
      return invalid(itemField, "a string of 1..320 bytes", std::to_string(text.size()) + " bytes");
    }
    out.push_back(std::move(text));
  }
  return out;
}

bool looksLikeEmail(const std::string& text) {
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= text.size()) return false;
  if (text.find('@', at + 1) != std::string::npos) return false;
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"') return false;
  }
  return text.size() <= 320;
}

}  // namespace sowflow::server::json
