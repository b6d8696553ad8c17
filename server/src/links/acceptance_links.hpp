// Acceptance links (SPEC §2 "Acceptance link").
//
// issue() makes one 256-bit random token per recipient of a submission and
// stores only its SHA-256 (records kind "acceptance-link", key = the hash,
// value JSON {engagement, milestone, version, recipient, deadline, revoked}).
// find() maps a presented token back to its record, or nothing for anything
// malformed or unknown. Whether a found link is still usable (a newer version
// revokes it; the deadline ends it) is decided by the caller against the
// engagement's current projection, so a crash between a resubmission and any
// bookkeeping can never leave an old link alive. Found records are remembered
// for a second (RecentLookups: hits only; unknown tokens always reach the
// store), so a page reload does not cost a store read.
// Thread-safety: every method may be called from any thread (the Store is).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/recent_lookups.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/store.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::server {

struct AcceptanceLink {
  std::string engagement;
  std::string milestone;
  int version = 1;
  std::string recipient;
  engine::Instant deadline;
  bool revoked = false;
};

struct IssuedLink {
  std::string recipient;
  std::string token;
  std::string url;
};

class AcceptanceLinks {
 public:
  AcceptanceLinks(engine::Store& store, std::string publicUrl);

  engine::Result<std::vector<IssuedLink>> issue(const std::string& engagement,
                                                const std::string& milestone, int version,
                                                const std::vector<std::string>& recipients,
                                                engine::Instant deadline);
  std::optional<AcceptanceLink> find(const std::string& token) const;
  std::string urlFor(const std::string& token) const;

 private:
  engine::Store& store_;
  std::string publicUrl_;  // no trailing slash
  mutable RecentLookups<AcceptanceLink> found_;
};

// For logs and echoed paths: replaces by "****" the token segment of a
// target starting "/a/", and every run of 43 or more base64url characters
// (a token's length; %XX escapes of such characters count) anywhere, so a
// token is hidden however the target spells it ("http://host/a/T", "//a/T",
// "/a/../a/T", "/%61/T", "/a/%54...").
std::string maskLinkTokens(const std::string& uri);

}  // namespace sowflow::server
