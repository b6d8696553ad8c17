// The hash chain: sealing links each event to its predecessor, and
// verifyChain names the first broken seq for every kind of tampering.
#include <catch2/catch.hpp>

#include "sample_events.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "journal/canonical_json.hpp"

using namespace sowflow::engine;
using sowflow::engine::testing::sealedChain;

TEST_CASE("a sealed chain links each event to its predecessor and verifies", "[engine][journal]") {
  const auto chain = sealedChain("e1", 20);
  CHECK(chain.front().prevHash == kGenesisHash);
  for (std::size_t i = 1; i < chain.size(); ++i) CHECK(chain[i].prevHash == chain[i - 1].hash);
  CHECK(chain[3].hash.size() == 64);
  CHECK(chain[3].hash == computeHash(chain[3]));
  CHECK_FALSE(verifyChain(chain).has_value());
  CHECK_FALSE(verifyChain(chain, ChainHead{20, chain.back().hash}).has_value());
  CHECK_FALSE(verifyChain(chain, ChainHead{7, chain[6].hash}).has_value());  // grown since
  CHECK_FALSE(verifyChain({}).has_value());
}

TEST_CASE("the hash covers every envelope field", "[engine][journal]") {
  const StoredEvent base = sealedChain("e1", 1).front();
  std::vector<std::pair<const char*, StoredEvent>> edits;
  const auto edit = [&](const char* name, auto change) {
    StoredEvent e = base;
    change(e);
    edits.emplace_back(name, e);
  };
  edit("engagement", [](StoredEvent& e) { e.engagementId = "e2"; });
  edit("seq", [](StoredEvent& e) { e.seq = 2; });
  edit("type", [](StoredEvent& e) { e.type = "EngagementCancelled"; });
  edit("schema", [](StoredEvent& e) { e.schemaVersion = 2; });
  edit("payload", [](StoredEvent& e) { e.payload += " "; });
  edit("effective", [](StoredEvent& e) { e.effectiveAt += std::chrono::seconds{1}; });
  edit("recorded", [](StoredEvent& e) { e.recordedAt += std::chrono::seconds{1}; });
  edit("actor", [](StoredEvent& e) { e.actor = "owner:lily"; });
  edit("prev", [](StoredEvent& e) { e.prevHash = std::string(64, '1'); });
  for (const auto& [name, e] : edits) {
    CAPTURE(name);
    CHECK(computeHash(e) != base.hash);
  }
}

TEST_CASE("verifyChain names the seq where the chain breaks", "[engine][journal]") {
  auto chain = sealedChain("e1", 9);

  SECTION("an edited payload is a hash mismatch at that seq") {
    chain[3].payload = R"({"reason":"edited"})";
    const auto broken = verifyChain(chain);
    REQUIRE(broken);
    CHECK(broken->seq == 4);
    CHECK_THAT(broken->what, Catch::StartsWith("hash mismatch: content was edited"));
  }
  SECTION("an edit with a recomputed hash breaks the next link") {
    chain[3].actor = "mallory";
    chain[3].hash = computeHash(chain[3]);
    const auto broken = verifyChain(chain);
    REQUIRE(broken);
    CHECK(broken->seq == 5);
    CHECK_THAT(broken->what, Catch::StartsWith("expected seq 5 to link to the hash of seq 4"));
  }
  SECTION("a deleted middle event is a gap at its seq") {
    chain.erase(chain.begin() + 4);
    const auto broken = verifyChain(chain);
    REQUIRE(broken);
    CHECK(broken->seq == 5);
    CHECK_THAT(broken->what, Catch::Contains("expected seq 5") && Catch::Contains("found seq 6"));
  }
  SECTION("two events swapped (their seqs exchanged) break at the first of them") {
    std::swap(chain[5], chain[6]);
    std::swap(chain[5].seq, chain[6].seq);
    const auto broken = verifyChain(chain);
    REQUIRE(broken);
    CHECK(broken->seq == 6);
  }
  SECTION("a rewritten first event must still link to genesis") {
    chain[0].prevHash = std::string(64, 'f');
    const auto broken = verifyChain(chain);
    REQUIRE(broken);
    CHECK(broken->seq == 1);
    CHECK_THAT(broken->what, Catch::Contains("genesis"));
  }
  SECTION("a chain that does not start at seq 1") {
    chain.erase(chain.begin());
    const auto broken = verifyChain(chain);
    REQUIRE(broken);
    CHECK(broken->seq == 1);
  }
  SECTION("a truncated tail is only visible against a checkpoint") {
    const ChainHead checkpoint{9, chain.back().hash};
    chain.resize(7);
    CHECK_FALSE(verifyChain(chain).has_value());
    const auto broken = verifyChain(chain, checkpoint);
    REQUIRE(broken);
    CHECK(broken->seq == 8);
    CHECK(broken->what == "missing events after seq 7 (checkpoint head is seq 9)");
  }
  SECTION("a tail replaced by a different history differs at the checkpoint head") {
    const ChainHead checkpoint{9, chain.back().hash};
    auto rewritten = sealedChain("e1", 3, 7, chain[5].hash);
    chain.resize(6);
    for (auto& e : rewritten) {
      e.recordedAt += std::chrono::hours{1};
    }
    // Re-seal with a different recorded time: a self-consistent forged tail.
    std::string prev = chain.back().hash;
    for (auto& e : rewritten) {
      e.prevHash = prev;
      e.hash = computeHash(e);
      prev = e.hash;
      chain.push_back(e);
    }
    CHECK_FALSE(verifyChain(chain).has_value());
    const auto broken = verifyChain(chain, checkpoint);
    REQUIRE(broken);
    CHECK(broken->seq == 9);
    CHECK_THAT(broken->what, Catch::Contains("checkpoint"));
  }
}

TEST_CASE("the event hash is SHA-256 of the documented canonical envelope", "[engine][journal]") {
  // Rebuilds the envelope of docs/journal-format.md with the generic canonical
  // object and an independent SHA-256 (Poco's own), so the hand-written fast
  // path in computeHash cannot drift from the format.
  sowflow::engine::StoredEvent e;
  e.engagementId = "eng-0123456789abcdef";
  e.seq = 42;
  e.type = "MilestoneObjected";
  e.schemaVersion = 1;
  e.payload = R"({"comment":"= \"quoted\" 中文\n","version":2})";
  e.effectiveAt = *sowflow::engine::parseInstant("1999-12-31T23:59:59Z");
  e.recordedAt = *sowflow::engine::parseInstant("2025-02-08T00:00:00+08:00");
  e.actor = "customer:chen@acme.example";
  e.prevHash = sowflow::engine::kGenesisHash;
  const std::string envelope = sowflow::engine::detail::CanonicalObject()
                                   .str("actor", e.actor)
                                   .str("effective_at", "1999-12-31T23:59:59Z")
                                   .str("engagement_id", e.engagementId)
                                   .raw("payload", e.payload)
                                   .str("prev_hash", e.prevHash)
                                   .str("recorded_at", "2025-02-07T16:00:00Z")
                                   .integer("schema_version", 1)
                                   .integer("seq", 42)
                                   .str("type", e.type)
                                   .str();
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(envelope);
  CHECK(sowflow::engine::computeHash(e) == Poco::DigestEngine::digestToHex(sha.digest()));
}
