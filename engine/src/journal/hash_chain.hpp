// Internal companion of computeHash (sowflow/engine/journal.hpp): the check
// of one stored event's hash without building the hex string, for replay
// and verifyChain, which check every stored event.
// Thread-safety: reentrant.
#pragma once

#include "sowflow/engine/journal.hpp"

namespace sowflow::engine::detail {

// True when `event.hash` is what computeHash(event) returns.
bool hashMatches(const StoredEvent& event);

}  // namespace sowflow::engine::detail
