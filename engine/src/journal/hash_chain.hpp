// Internal companions of computeHash and sealEvent (sowflow/engine/journal.hpp):
// the check of one stored event's hash without building the hex string, for
// replay and verifyChain, which check every stored event; and sealing with a
// view of the previous hash, so the engine need not copy it per event.
// Thread-safety: reentrant.
#pragma once

#include <string_view>

#include "sowflow/engine/journal.hpp"

namespace sowflow::engine::detail {

// True when `event.hash` is what computeHash(event) returns.
bool hashMatches(const StoredEvent& event);

// sealEvent with `prevHash` as a view; the same bytes and hash.
StoredEvent sealEvent(const std::string& engagementId, std::int64_t seq, const Event& event,
                      Instant effectiveAt, Instant recordedAt, const std::string& actor,
                      std::string_view prevHash);

}  // namespace sowflow::engine::detail
