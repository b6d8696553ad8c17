// JsonWriter: compact JSON appended to one string, for hot responses.
//
// Building a Poco::JSON::Object tree and stringifying it cost an allocation
// per key and value and a virtual stream call per character run; an
// engagement answer spent most of its time there. The writer emits the same
// bytes Poco's Object::stringify does for a key-ordered object (no spaces;
// strings escaped by Poco::toJSON with JSON_WRAP_STRINGS, as Poco's
// Stringifier does), which tests/server/engagement_json_test.cpp checks by a
// round trip through Poco.
// The caller keeps the nesting right; the writer only places commas and colons.
// Thread-safety: one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sowflow::server::json {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(4096); }

  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }

  // The next value belongs to `name`.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& null();

  // Pre-serialised JSON (e.g. another writer's result), placed as one value.
  JsonWriter& raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void beforeValue();
  void appendString(std::string_view text);

  std::string out_;
  std::vector<bool> empty_;  // per open container: nothing written yet
  bool afterKey_ = false;
};

}  // namespace sowflow::server::json
