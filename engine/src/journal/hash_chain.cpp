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

namespace {

// "YYYY-MM-DDTHH:MM:SSZ" written digit by digit: this runs twice per event
// sealed or verified, and snprintf/date::format dominated the profile.
void appendInstantUtc(std::string& out, Instant at) {
  const auto day = date::floor<date::days>(at);
  const date::year_month_day ymd{day};
  const auto secondsOfDay = (at - day).count();
  const auto put = [&out](long value, int digits) {
    char buffer[8];
    for (int i = digits - 1; i >= 0; --i, value /= 10) buffer[i] = static_cast<char>('0' + value % 10);
    out.append(buffer, static_cast<std::size_t>(digits));
  };
  put(static_cast<int>(ymd.year()), 4);
  out.push_back('-');
  put(static_cast<unsigned>(ymd.month()), 2);
  out.push_back('-');
  put(static_cast<unsigned>(ymd.day()), 2);
  out.push_back('T');
  put(secondsOfDay / 3600, 2);
  out.push_back(':');
  put(secondsOfDay / 60 % 60, 2);
  out.push_back(':');
  put(secondsOfDay % 60, 2);
  out.push_back('Z');
}

}  // namespace

std::string computeHash(const StoredEvent& event) {
  // The envelope's keys are fixed and written here already in canonical
  // (byte) order, so no sorting container is needed; the output is identical
  // to a CanonicalObject with the same members (tested in hash_chain_test).
  std::string envelope;
  envelope.reserve(event.payload.size() + event.actor.size() + event.engagementId.size() + 320);
  envelope += "{\"actor\":";
  envelope += detail::jsonString(event.actor);
  envelope += ",\"effective_at\":\"";
  appendInstantUtc(envelope, event.effectiveAt);
  envelope += "\",\"engagement_id\":";
  envelope += detail::jsonString(event.engagementId);
  envelope += ",\"payload\":";
  envelope += event.payload;
  envelope += ",\"prev_hash\":";
  envelope += detail::jsonString(event.prevHash);
  envelope += ",\"recorded_at\":\"";
  appendInstantUtc(envelope, event.recordedAt);
  envelope += "\",\"schema_version\":";
  envelope += std::to_string(event.schemaVersion);
  envelope += ",\"seq\":";
  envelope += std::to_string(event.seq);
  envelope += ",\"type\":";
  envelope += detail::jsonString(event.type);
  envelope += "}";
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
