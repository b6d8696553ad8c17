// Owner tokens and owner sessions (SPEC §3 "token create", "/login").
//
// A token is 256 random bits shown once at creation; the store keeps only its
// SHA-256 (records kind "owner-token", key = the hash, value JSON {name, role,
// hash, created_at}). A request looks the hash up in the store unless the same
// hash was found there within the last second (RecentLookups: hits only), so
// a token created by another process (`sowflow token create` while a server
// runs) works at once. The stored hash is compared to the computed one in
// constant time after the store lookup.
// A session (records kind "owner-session", key = SHA-256 of the cookie value)
// points at the token's hash and carries the CSRF token every owner form must
// echo; it expires after the configured lifetime (real time, not the test
// clock, so moving the test clock does not log owners out). Found sessions are
// remembered for a second too; the expiry is checked on every request and
// endSession() forgets the session at once.
// Thread-safety: every method may be called from any thread (the Store is).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "auth/recent_lookups.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/store.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::server {

enum class Role { viewer, owner, admin };  // ordered: each includes the ones before

const char* toString(Role role);
std::optional<Role> parseRole(std::string_view text);

struct Principal {
  std::string name;
  Role role = Role::viewer;
  bool viaSession = false;
  std::string csrfToken;  // set when viaSession
};

struct Session {
  std::string id;  // the cookie value
  std::string csrfToken;
};

class TokenService {
 public:
  TokenService(engine::Store& store, std::chrono::seconds sessionLifetime);

  // Stores a new token and returns it (the only time it is ever visible).
  // invalid_argument when `name` is empty or longer than 100 characters.
  engine::Result<std::string> createToken(const std::string& name, Role role,
                                          engine::Instant now);
  std::optional<Principal> authenticateToken(const std::string& token) const;

  engine::Result<Session> createSession(const std::string& token);
  std::optional<Principal> authenticateSession(const std::string& sessionId) const;
  void endSession(const std::string& sessionId);

 private:
  struct FoundSession {
    Principal principal;
    std::int64_t expires = 0;  // wall-clock seconds
  };
  engine::Store& store_;
  std::chrono::seconds sessionLifetime_;
  mutable RecentLookups<Principal> foundTokens_;
  mutable RecentLookups<FoundSession> foundSessions_;
};

}  // namespace sowflow::server
