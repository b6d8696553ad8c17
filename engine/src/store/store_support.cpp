#include "store/store_support.hpp"

#include <unordered_set>

#include "journal/sha256.hpp"

namespace sowflow::engine::detail {

Error conflictError(const std::string& engagementId, std::int64_t expectedLastSeq,
                    std::int64_t foundLastSeq) {
  return makeError(ErrorCode::invalid_state,
                   "conflict: expected engagement " + engagementId + " at seq " +
                       std::to_string(expectedLastSeq) + ", found " + std::to_string(foundLastSeq),
                   engagementId);
}

Status validateBatch(const std::string& engagementId, std::int64_t expectedLastSeq,
                     const std::vector<StoredEvent>& events) {
  if (expectedLastSeq < 0) {
    return makeError(ErrorCode::invalid_argument, "expectedLastSeq must not be negative",
                     engagementId);
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const StoredEvent& e = events[i];
    const std::int64_t seq = expectedLastSeq + 1 + static_cast<std::int64_t>(i);
    if (e.engagementId != engagementId) {
      return makeError(ErrorCode::invalid_argument,
                       "event seq " + std::to_string(e.seq) + " belongs to engagement " +
                           e.engagementId + ", not " + engagementId,
                       engagementId);
    }
    if (e.seq != seq) {
      return makeError(ErrorCode::invalid_argument,
                       "expected event seq " + std::to_string(seq) + " in the batch for engagement " +
                           engagementId + ", found " + std::to_string(e.seq),
                       engagementId);
    }
    if (i > 0 && e.prevHash != events[i - 1].hash) {
      return makeError(ErrorCode::invalid_argument,
                       "event seq " + std::to_string(e.seq) +
                           " does not link to the hash of the event before it",
                       engagementId);
    }
  }
  return Ok{};
}

Status validateBatches(const std::vector<AppendBatch>& batches) {
  std::unordered_set<std::string> seen;
  for (const AppendBatch& b : batches) {
    if (!seen.insert(b.engagementId).second) {
      return makeError(ErrorCode::invalid_argument,
                       "engagement " + b.engagementId + " appears in more than one batch",
                       b.engagementId);
    }
    if (auto valid = validateBatch(b.engagementId, b.expectedLastSeq, b.events); !valid) {
      return valid;
    }
  }
  return Ok{};
}

Status validateLink(const StoredEvent& first, const std::string& headHash) {
  if (first.prevHash == headHash) return Ok{};
  return makeError(ErrorCode::invalid_argument,
                   "event seq " + std::to_string(first.seq) + " of engagement " +
                       first.engagementId + " links to " + first.prevHash +
                       ", but the stored head hash is " + headHash,
                   first.engagementId);
}

Instant instantFromText(std::string_view text) {
  const auto parsed = parseInstant(text);
  return parsed ? *parsed : Instant{};
}

std::string sha256Hex(const std::string& bytes) { return sha256HexOf(bytes); }

}  // namespace sowflow::engine::detail
