// sealEvent / computeHash / verifyChain: the hash chain of docs/journal-format.md.
//
// The hash is SHA-256 (lower-case hex) over the canonical JSON envelope
// {"actor","effective_at","engagement_id","payload","prev_hash","recorded_at",
//  "schema_version","seq","type"}, where "payload" is the stored canonical
// payload text embedded verbatim as a JSON value.
#include <Poco/Crypto/DigestEngine.h>

#include "journal/canonical_json.hpp"
#include "sowflow/engine/journal.hpp"

namespace sowflow::engine {

std::string computeHash(const StoredEvent& event) {
  const std::string envelope = detail::CanonicalObject()
                                   .str("actor", event.actor)
                                   .str("effective_at", formatInstantUtc(event.effectiveAt))
                                   .str("engagement_id", event.engagementId)
                                   .raw("payload", event.payload)
                                   .str("prev_hash", event.prevHash)
                                   .str("recorded_at", formatInstantUtc(event.recordedAt))
                                   .integer("schema_version", event.schemaVersion)
                                   .integer("seq", event.seq)
                                   .str("type", event.type)
                                   .str();
  // OpenSSL's SHA-256 (through Poco::Crypto) is several times faster than
  // Poco::SHA2Engine, and every event is hashed when sealed and on replay.
  // One engine per thread: constructing it runs OpenSSL's initializer, which
  // costs more than hashing an event. digest() resets it for the next use.
  thread_local Poco::Crypto::DigestEngine sha("SHA256");
  sha.update(envelope);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

StoredEvent sealEvent(const std::string& engagementId, std::int64_t seq, const Event& event,
                      Instant effectiveAt, Instant recordedAt, const std::string& actor,
                      const std::string& prevHash) {
  StoredEvent stored;
  stored.engagementId = engagementId;
  stored.seq = seq;
  stored.type = eventType(event);
  stored.schemaVersion = eventSchemaVersion(event);
  stored.payload = encodePayload(event);
  stored.effectiveAt = effectiveAt;
  stored.recordedAt = recordedAt;
  stored.actor = actor;
  stored.prevHash = prevHash;
  stored.hash = computeHash(stored);
  return stored;
}

std::optional<ChainBreak> verifyChain(const std::vector<StoredEvent>& events,
                                      const std::optional<ChainHead>& expectedHead) {
  std::string prevHash = kGenesisHash;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const StoredEvent& e = events[i];
    const auto expectedSeq = static_cast<std::int64_t>(i) + 1;
    if (e.seq != expectedSeq) {
      if (e.seq > expectedSeq) {
        return ChainBreak{expectedSeq, "missing: expected seq " + std::to_string(expectedSeq) +
                                           " next, found seq " + std::to_string(e.seq) +
                                           " (events deleted?)"};
      }
      return ChainBreak{e.seq, "out of order: expected seq " + std::to_string(expectedSeq) +
                                   ", found seq " + std::to_string(e.seq)};
    }
    if (e.prevHash != prevHash) {
      return ChainBreak{e.seq, "expected seq " + std::to_string(e.seq) + " to link to the hash " +
                                   (i == 0 ? std::string("of genesis (") + kGenesisHash + ")"
                                           : "of seq " + std::to_string(e.seq - 1) + " (" + prevHash + ")") +
                                   ", found " + e.prevHash + " (events reordered, removed or edited?)"};
    }
    if (computeHash(e) != e.hash) {
      return ChainBreak{e.seq, "hash mismatch: content was edited (stored " + e.hash +
                                   ", recomputed " + computeHash(e) + ")"};
    }
    prevHash = e.hash;
  }
  if (expectedHead && expectedHead->seq > 0) {
    const auto have = static_cast<std::int64_t>(events.size());
    if (have < expectedHead->seq) {
      return ChainBreak{have + 1, "missing events after seq " + std::to_string(have) +
                                      " (checkpoint head is seq " +
                                      std::to_string(expectedHead->seq) + ")"};
    }
    const StoredEvent& atHead = events[static_cast<std::size_t>(expectedHead->seq - 1)];
    if (atHead.hash != expectedHead->hash) {
      return ChainBreak{atHead.seq, "history rewritten: hash at seq " + std::to_string(atHead.seq) +
                                        " is " + atHead.hash + ", checkpoint says " +
                                        expectedHead->hash};
    }
  }
  return std::nullopt;
}

}  // namespace sowflow::engine
