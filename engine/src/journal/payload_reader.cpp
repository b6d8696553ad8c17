#include "journal/payload_reader.hpp"

#include <limits>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace sowflow::engine::detail {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

PayloadReader PayloadReader::parse(const std::string& json) {
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(json);
  } catch (const Poco::Exception& e) {
    throw PayloadError("", "payload is not valid JSON: " + e.displayText());
  }
  if (root.type() != typeid(Object::Ptr) || root.extract<Object::Ptr>().isNull()) {
    throw PayloadError("", "payload must be a JSON object");
  }
  return PayloadReader(root.extract<Object::Ptr>(), "");
}

std::string PayloadReader::pathOf(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

Var PayloadReader::require(const std::string& key) const {
  if (!object_->has(key)) throw PayloadError(pathOf(key), "is missing");
  return object_->get(key);
}

std::string PayloadReader::string(const std::string& key) const {
  const Var value = require(key);
  if (!value.isString()) throw PayloadError(pathOf(key), "must be a string");
  return value.extract<std::string>();
}

std::int64_t PayloadReader::int64(const std::string& key) const {
  const Var value = require(key);
  if (!value.isInteger() || value.isBoolean()) {
    throw PayloadError(pathOf(key), "must be an integer");
  }
  try {
    return value.convert<std::int64_t>();
  } catch (const Poco::Exception&) {
    throw PayloadError(pathOf(key), "is out of range");
  }
}

int PayloadReader::int32(const std::string& key) const {
  const std::int64_t value = int64(key);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    throw PayloadError(pathOf(key), "is out of range");
  }
  return static_cast<int>(value);
}

bool PayloadReader::boolean(const std::string& key) const {
  const Var value = require(key);
  if (!value.isBoolean()) throw PayloadError(pathOf(key), "must be true or false");
  return value.extract<bool>();
}

Date PayloadReader::date(const std::string& key) const {
  const auto parsed = parseDate(string(key));
  if (!parsed) throw PayloadError(pathOf(key), "must be a date YYYY-MM-DD");
  return *parsed;
}

Instant PayloadReader::instant(const std::string& key) const {
  const auto parsed = parseInstant(string(key));
  if (!parsed) throw PayloadError(pathOf(key), "must be an RFC 3339 instant");
  return *parsed;
}

std::vector<std::string> PayloadReader::strings(const std::string& key) const {
  const Var value = require(key);
  if (value.type() != typeid(Array::Ptr)) throw PayloadError(pathOf(key), "must be an array");
  const auto array = value.extract<Array::Ptr>();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Var element = array->get(static_cast<unsigned>(i));
    if (!element.isString()) {
      throw PayloadError(pathOf(key) + "[" + std::to_string(i) + "]", "must be a string");
    }
    out.push_back(element.extract<std::string>());
  }
  return out;
}

PayloadReader PayloadReader::object(const std::string& key) const {
  const Var value = require(key);
  if (value.type() != typeid(Object::Ptr)) throw PayloadError(pathOf(key), "must be an object");
  return PayloadReader(value.extract<Object::Ptr>(), pathOf(key));
}

std::vector<PayloadReader> PayloadReader::objects(const std::string& key) const {
  const Var value = require(key);
  if (value.type() != typeid(Array::Ptr)) throw PayloadError(pathOf(key), "must be an array");
  const auto array = value.extract<Array::Ptr>();
  std::vector<PayloadReader> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = pathOf(key) + "[" + std::to_string(i) + "]";
    const Var element = array->get(static_cast<unsigned>(i));
    if (element.type() != typeid(Object::Ptr)) throw PayloadError(path, "must be an object");
    out.emplace_back(element.extract<Object::Ptr>(), path);
  }
  return out;
}

}  // namespace sowflow::engine::detail
