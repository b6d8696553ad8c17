// The event journal: an append-only, hash-chained list of events per
// engagement (SPEC §2 "Audit trail"; format in docs/journal-format.md).
//
// Envelope fields, canonical JSON payloads and the hash are computed here so
// every Store implementation chains identically. `verifyChain` finds the first
// broken link (edited, deleted, reordered event) of one engagement's events.
// Thread-safety: free functions are reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sowflow/engine/events.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::engine {

// The hash the first event of a chain links to.
inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct StoredEvent {
  std::string engagementId;
  std::int64_t seq = 0;  // 1, 2, 3, ... per engagement
  std::string type;
  int schemaVersion = 1;
  std::string payload;  // canonical JSON
  Instant effectiveAt;
  Instant recordedAt;
  std::string actor;
  std::string prevHash;
  std::string hash;  // SHA-256 hex of the canonical envelope, see the docs
};

// Canonical JSON for an event payload and back. decodeEvent fails with
// invalid_argument naming the type/field when the payload does not parse.
std::string encodePayload(const Event& event);
Result<Event> decodeEvent(const std::string& type, int schemaVersion, const std::string& payload);

// Builds the stored form of `event` as the successor of `prevHash`.
StoredEvent sealEvent(const std::string& engagementId, std::int64_t seq, const Event& event,
                      Instant effectiveAt, Instant recordedAt, const std::string& actor,
                      const std::string& prevHash);
std::string computeHash(const StoredEvent& event);

struct ChainBreak {
  std::int64_t seq = 0;
  std::string what;
};

// Checks sequence continuity from 1, prev-hash links and each hash.
// `expectedHead` (from a checkpoint) also catches a lost tail.
struct ChainHead {
  std::int64_t seq = 0;
  std::string hash;
};
std::optional<ChainBreak> verifyChain(const std::vector<StoredEvent>& events,
                                      const std::optional<ChainHead>& expectedHead = {});

}  // namespace sowflow::engine
