// sealEvent / computeHash / verifyChain: the hash chain of docs/journal-format.md.
//
// The hash is SHA-256 (lower-case hex) over the canonical JSON envelope
// {"actor","effective_at","engagement_id","payload","prev_hash","recorded_at",
//  "schema_version","seq","type"}, where "payload" is the stored canonical
// payload text embedded verbatim as a JSON value.
// OpenSSL's one-call SHA256_* functions are marked deprecated in 3.0 in
// favour of EVP, but EVP looks the algorithm up on every init (a provider
// fetch), which cost more than hashing an event; the low-level functions run
// the same assembly block function directly.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include "journal/canonical_json.hpp"
#include "journal/hash_chain.hpp"
#include "journal/sha256.hpp"
#include "sowflow/engine/journal.hpp"

namespace sowflow::engine {

namespace detail {

void sha256HexInto(std::string_view bytes, char* hex) {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, bytes.data(), bytes.size());
  SHA256_Final(digest, &context);
  for (std::size_t i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
}

std::string sha256HexOf(std::string_view bytes) {
  std::string hex(2 * SHA256_DIGEST_LENGTH, '0');
  sha256HexInto(bytes, hex.data());
  return hex;
}

namespace {

// The canonical envelope the hash is taken over. The keys are fixed and
// written here already in canonical (byte) order, so no sorting container is
// needed; the output is identical to a CanonicalObject with the same members
// (tested in hash_chain_test). One buffer per thread keeps its capacity: no
// allocation per event.
std::string_view envelopeOf(const StoredEvent& event) {
  thread_local std::string envelope;
  envelope.clear();
  envelope += "{\"actor\":";
  detail::appendJsonString(envelope, event.actor);
  envelope += ",\"effective_at\":";
  detail::appendJsonInstant(envelope, event.effectiveAt);
  envelope += ",\"engagement_id\":";
  detail::appendJsonString(envelope, event.engagementId);
  envelope += ",\"payload\":";
  envelope += event.payload;
  envelope += ",\"prev_hash\":";
  detail::appendJsonString(envelope, event.prevHash);
  envelope += ",\"recorded_at\":";
  detail::appendJsonInstant(envelope, event.recordedAt);
  envelope += ",\"schema_version\":";
  detail::appendJsonInteger(envelope, event.schemaVersion);
  envelope += ",\"seq\":";
  detail::appendJsonInteger(envelope, event.seq);
  envelope += ",\"type\":";
  detail::appendJsonString(envelope, event.type);
  envelope += "}";
  return envelope;
}

}  // namespace

bool hashMatches(const StoredEvent& event) {
  char hex[2 * SHA256_DIGEST_LENGTH];
  sha256HexInto(envelopeOf(event), hex);
  return std::string_view(hex, sizeof hex) == event.hash;
}

}  // namespace detail

std::string computeHash(const StoredEvent& event) {
  return detail::sha256HexOf(detail::envelopeOf(event));
}

StoredEvent sealEvent(const std::string& engagementId, std::int64_t seq, const Event& event,
                      Instant effectiveAt, Instant recordedAt, const std::string& actor,
                      const std::string& prevHash) {
  return detail::sealEvent(engagementId, seq, event, effectiveAt, recordedAt, actor, std::string_view(prevHash));
}

namespace detail {

StoredEvent sealEvent(const std::string& engagementId, std::int64_t seq, const Event& event,
                      Instant effectiveAt, Instant recordedAt, const std::string& actor,
                      std::string_view prevHash) {
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
  stored.hash.resize(2 * SHA256_DIGEST_LENGTH);  // filled in place: no temporary string
  sha256HexInto(envelopeOf(stored), stored.hash.data());
  return stored;
}

}  // namespace detail

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
    if (!detail::hashMatches(e)) {
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
