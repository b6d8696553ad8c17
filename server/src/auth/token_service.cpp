#include "auth/token_service.hpp"

#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "auth/secure_random.hpp"

namespace sowflow::server {

namespace {

using engine::ErrorCode;
using engine::makeError;

constexpr const char* kTokenKind = "owner-token";
constexpr const char* kSessionKind = "owner-session";
constexpr auto kRememberFor = std::chrono::seconds(1);
constexpr std::size_t kRememberAtMost = 10000;

std::int64_t wallSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return nullptr;
  }
}

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

}  // namespace

const char* toString(Role role) {
  switch (role) {
    case Role::viewer: return "viewer";
    case Role::owner: return "owner";
    case Role::admin: return "admin";
  }
  return "viewer";
}

std::optional<Role> parseRole(std::string_view text) {
  if (text == "viewer") return Role::viewer;
  if (text == "owner") return Role::owner;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

TokenService::TokenService(engine::Store& store, std::chrono::seconds sessionLifetime)
    : store_(store),
      sessionLifetime_(sessionLifetime),
      foundTokens_(kRememberFor, kRememberAtMost),
      foundSessions_(kRememberFor, kRememberAtMost) {}

engine::Result<std::string> TokenService::createToken(const std::string& name, Role role,
                                                      engine::Instant now) {
  if (name.empty() || name.size() > 100) {
    return makeError(ErrorCode::invalid_argument,
                     "Expected a token name of 1..100 characters, found " +
                         std::to_string(name.size()) + " characters",
                     "name");
  }
  const std::string token = randomToken();
  const std::string hash = sha256Hex(token);
  Poco::JSON::Object value(Poco::JSON_PRESERVE_KEY_ORDER);
  value.set("name", name);
  value.set("role", std::string(toString(role)));
  value.set("hash", hash);
  value.set("created_at", engine::formatInstantUtc(now));
  if (auto status = store_.insertRecord(kTokenKind, hash, stringify(value)); !status) {
    return status.error();
  }
  return token;
}

std::optional<Principal> TokenService::authenticateToken(const std::string& token) const {
  if (!looksLikeToken(token)) return std::nullopt;
  const std::string hash = sha256Hex(token);
  if (auto found = foundTokens_.get(hash)) return found;
  const auto record = store_.getRecord(kTokenKind, hash);
  if (!record) return std::nullopt;
  const auto object = parseObject(*record);
  if (!object) return std::nullopt;
  if (!constantTimeEquals(object->optValue<std::string>("hash", ""), hash)) return std::nullopt;
  if (object->optValue<bool>("revoked", false)) return std::nullopt;
  const auto role = parseRole(object->optValue<std::string>("role", ""));
  if (!role) return std::nullopt;
  Principal principal{object->optValue<std::string>("name", ""), *role, false, {}};
  foundTokens_.put(hash, principal);
  return principal;
}

engine::Result<Session> TokenService::createSession(const std::string& token) {
  if (!authenticateToken(token)) {
    return makeError(ErrorCode::unauthorized, "Expected a valid owner token", "token");
  }
  Session session{randomToken(), randomToken()};
  Poco::JSON::Object value(Poco::JSON_PRESERVE_KEY_ORDER);
  value.set("token_hash", sha256Hex(token));
  value.set("csrf", session.csrfToken);
  value.set("expires", wallSeconds() + sessionLifetime_.count());
  if (auto status = store_.insertRecord(kSessionKind, sha256Hex(session.id), stringify(value));
      !status) {
    return status.error();
  }
  return session;
}

std::optional<Principal> TokenService::authenticateSession(const std::string& sessionId) const {
  if (!looksLikeToken(sessionId)) return std::nullopt;
  const std::string key = sha256Hex(sessionId);
  if (auto found = foundSessions_.get(key)) {
    if (found->expires <= wallSeconds()) return std::nullopt;
    return found->principal;
  }
  const auto record = store_.getRecord(kSessionKind, key);
  if (!record) return std::nullopt;
  const auto object = parseObject(*record);
  if (!object || object->optValue<bool>("ended", false)) return std::nullopt;
  const auto expires = object->optValue<Poco::Int64>("expires", 0);
  if (expires <= wallSeconds()) return std::nullopt;
  const auto tokenRecord =
      store_.getRecord(kTokenKind, object->optValue<std::string>("token_hash", ""));
  if (!tokenRecord) return std::nullopt;
  const auto token = parseObject(*tokenRecord);
  if (!token || token->optValue<bool>("revoked", false)) return std::nullopt;
  const auto role = parseRole(token->optValue<std::string>("role", ""));
  if (!role) return std::nullopt;
  Principal principal{token->optValue<std::string>("name", ""), *role, true,
                      object->optValue<std::string>("csrf", "")};
  foundSessions_.put(key, FoundSession{principal, expires});
  return principal;
}

void TokenService::endSession(const std::string& sessionId) {
  if (!looksLikeToken(sessionId)) return;
  const std::string key = sha256Hex(sessionId);
  foundSessions_.erase(key);
  const auto record = store_.getRecord(kSessionKind, key);
  if (!record) return;
  auto object = parseObject(*record);
  if (!object) return;
  object->set("ended", true);
  (void)store_.updateRecord(kSessionKind, key, stringify(*object));
  foundSessions_.erase(key);  // again: a request may have remembered it meanwhile
}

}  // namespace sowflow::server
