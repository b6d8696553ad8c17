// Reading request bodies field by field, with errors that name the field
// (STYLE §4: "JSON errors name the field", e.g. `owners.customer.email`).
// Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "sowflow/engine/result.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::server::json {

inline constexpr std::size_t kMaxStringLength = 10000;

// A present, non-empty string of at most kMaxStringLength characters.
engine::Result<std::string> requiredString(const Poco::JSON::Object::Ptr& object,
                                           const std::string& key, const std::string& field);
// Absent or null -> fallback; present must be a string.
engine::Result<std::string> optionalString(const Poco::JSON::Object::Ptr& object,
                                           const std::string& key, const std::string& field,
                                           const std::string& fallback = {});
engine::Result<engine::Date> requiredDate(const Poco::JSON::Object::Ptr& object,
                                          const std::string& key, const std::string& field);
engine::Result<engine::Instant> requiredInstant(const Poco::JSON::Object::Ptr& object,
                                                const std::string& key, const std::string& field);
engine::Result<Poco::JSON::Object::Ptr> requiredObject(const Poco::JSON::Object::Ptr& object,
                                                       const std::string& key,
                                                       const std::string& field);
// A non-empty array of non-empty strings.
engine::Result<std::vector<std::string>> requiredStringArray(const Poco::JSON::Object::Ptr& object,
                                                             const std::string& key,
                                                             const std::string& field);

// "a@b.c"-shaped: one '@', something on each side, no spaces or control chars.
bool looksLikeEmail(const std::string& text);

}  // namespace sowflow::server::json
