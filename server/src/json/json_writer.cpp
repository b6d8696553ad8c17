#include "json/json_writer.hpp"

#include <Poco/JSONString.h>

namespace sowflow::server::json {

JsonWriter& JsonWriter::open(char bracket) {
  beforeValue();
  out_.push_back(bracket);
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_.push_back(bracket);
  if (!empty_.empty()) empty_.pop_back();
  return *this;
}

void JsonWriter::beforeValue() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!empty_.empty()) {
    if (!empty_.back()) out_.push_back(',');
    empty_.back() = false;
  }
}

void JsonWriter::appendString(std::string_view text) {
  // Plain printable ASCII without quote, backslash or slash is written as is;
  // anything else goes through Poco's own escaper so the bytes stay Poco's.
  bool plain = true;
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '/') {
      plain = false;
      break;
    }
  }
  if (plain) {
    out_.push_back('"');
    out_.append(text);
    out_.push_back('"');
    return;
  }
  out_ += Poco::toJSON(std::string(text), Poco::JSON_WRAP_STRINGS);
}

JsonWriter& JsonWriter::key(std::string_view name) {
  beforeValue();
  appendString(name);
  out_.push_back(':');
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  beforeValue();
  appendString(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  beforeValue();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  beforeValue();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::null() {
  beforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  beforeValue();
  out_.append(json);
  return *this;
}

}  // namespace sowflow::server::json
