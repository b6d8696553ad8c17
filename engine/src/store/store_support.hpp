// Rules every Store implementation shares: what a valid append batch is and
// how a lost race is reported, so SQLite, PostgreSQL and memory agree word
// for word (the conformance suite in tests/engine/store/ checks that).
// Thread-safety: reentrant free functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sowflow/engine/journal.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/store.hpp"

namespace sowflow::engine::detail {

// invalid_state "conflict: expected engagement X at seq N, found M".
Error conflictError(const std::string& engagementId, std::int64_t expectedLastSeq,
                    std::int64_t foundLastSeq);

// Checks the batch on its own: every event belongs to `engagementId`, seqs
// run expectedLastSeq+1, +2, ... and each prevHash is its predecessor's hash.
Status validateBatch(const std::string& engagementId, std::int64_t expectedLastSeq,
                     const std::vector<StoredEvent>& events);

// validateBatch for each of appendMany's batches, plus: no engagement
// appears in two batches.
Status validateBatches(const std::vector<AppendBatch>& batches);

// Checks that the batch's first event links to the stored head
// (`headHash` is kGenesisHash for an empty chain).
Status validateLink(const StoredEvent& first, const std::string& headHash);

// Stored instants are RFC 3339 text; an unparsable one (a hand-edited row)
// becomes the epoch so that verifyChain reports the hash mismatch.
Instant instantFromText(std::string_view text);

// SHA-256 hex of `bytes`, for checking a blob against its key.
std::string sha256Hex(const std::string& bytes);

}  // namespace sowflow::engine::detail
