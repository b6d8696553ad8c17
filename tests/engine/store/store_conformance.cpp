#include "store_conformance.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <barrier>
#include <cstdlib>
#include <thread>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "../journal/sample_events.hpp"

namespace sowflow::engine::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sowflow-test.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::unique_ptr<Store> requireOpen(Result<std::unique_ptr<Store>> opened) {
  INFO((opened.ok() ? std::string() : opened.error().message));
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

void requireSameEvents(const std::vector<StoredEvent>& actual,
                       const std::vector<StoredEvent>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const StoredEvent& a = actual[i];
    const StoredEvent& e = expected[i];
    CAPTURE(i);
    CHECK(a.engagementId == e.engagementId);
    CHECK(a.seq == e.seq);
    CHECK(a.type == e.type);
    CHECK(a.schemaVersion == e.schemaVersion);
    CHECK(a.payload == e.payload);
    CHECK(a.effectiveAt == e.effectiveAt);
    CHECK(a.recordedAt == e.recordedAt);
    CHECK(a.actor == e.actor);
    CHECK(a.prevHash == e.prevHash);
    CHECK(a.hash == e.hash);
  }
}

namespace {

void checkEvents(Store& store) {
  const auto first = sealedChain("eng-a", 3);
  REQUIRE(store.append("eng-a", 0, first).ok());
  const auto more = sealedChain("eng-a", 2, 4, first.back().hash);
  REQUIRE(store.append("eng-a", 3, more).ok());
  auto all = first;
  all.insert(all.end(), more.begin(), more.end());
  requireSameEvents(store.load("eng-a"), all);
  requireSameEvents(store.load("eng-a", 4), more);
  CHECK(store.load("eng-a", 6).empty());
  CHECK(store.load("nobody").empty());
  REQUIRE(store.head("eng-a"));
  CHECK(store.head("eng-a")->seq == 5);
  CHECK(store.head("eng-a")->hash == all.back().hash);
  CHECK_FALSE(store.head("nobody"));
  CHECK_FALSE(verifyChain(store.load("eng-a")).has_value());
  CHECK(store.append("eng-a", 5, {}).ok());  // nothing to append is fine
  CHECK_FALSE(store.describe().empty());
}

void checkConflicts(Store& store) {
  const auto chain = sealedChain("eng-c", 4);
  REQUIRE(store.append("eng-c", 0, {chain[0], chain[1]}).ok());

  const auto stale = store.append("eng-c", 1, {chain[1]});
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == ErrorCode::invalid_state);
  CHECK(stale.error().message == "conflict: expected engagement eng-c at seq 1, found 2");

  const auto ahead = store.append("eng-c", 3, sealedChain("eng-c", 1, 4, chain[2].hash));
  REQUIRE_FALSE(ahead.ok());
  CHECK(ahead.error().message == "conflict: expected engagement eng-c at seq 3, found 2");

  SECTION("a batch whose seqs do not follow expectedLastSeq is refused") {
    const auto bad = store.append("eng-c", 2, {chain[3]});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::invalid_argument);
  }
  SECTION("a batch that does not link to the stored head is refused") {
    const auto forged = sealedChain("eng-c", 1, 3, std::string(64, 'e'));
    const auto bad = store.append("eng-c", 2, forged);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::invalid_argument);
  }
  SECTION("events of another engagement are refused") {
    const auto bad = store.append("eng-c", 2, sealedChain("eng-x", 1, 3, chain[1].hash));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::invalid_argument);
  }
  // Nothing of a refused append was stored.
  CHECK(store.head("eng-c")->seq == 2);
  CHECK(store.load("eng-c").size() == 2);
}

void checkAppendMany(Store& store) {
  const auto a = sealedChain("eng-a", 4);
  const auto b = sealedChain("eng-b", 3);
  const auto c = sealedChain("eng-c", 1);
  REQUIRE(store.append("eng-a", 0, {a[0], a[1]}).ok());
  REQUIRE(store.appendMany({}).ok());  // nothing to append is fine
  const auto requireNothingStored = [&] {
    CHECK(store.head("eng-a")->seq == 2);
    CHECK_FALSE(store.head("eng-b"));
    CHECK_FALSE(store.head("eng-c"));
    CHECK(store.readAll(0, 100).size() == 2);
  };

  SECTION("batches of several engagements are stored together") {
    REQUIRE(store.appendMany({{"eng-a", 2, {a[2], a[3]}}, {"eng-b", 0, b}, {"eng-z", 0, {}},
                              {"eng-c", 0, c}})
                .ok());
    requireSameEvents(store.load("eng-a"), a);
    requireSameEvents(store.load("eng-b"), b);
    requireSameEvents(store.load("eng-c"), c);
    CHECK(store.engagementIds() == std::vector<std::string>{"eng-a", "eng-b", "eng-c"});
    const auto rows = store.readAll(0, 100);
    REQUIRE(rows.size() == 8);
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i].position > rows[i - 1].position);
  }
  SECTION("a conflict in one batch stores nothing for any") {
    const auto stale = store.appendMany({{"eng-b", 0, b}, {"eng-a", 1, {a[1]}}, {"eng-c", 0, c}});
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == ErrorCode::invalid_state);
    CHECK(stale.error().message == "conflict: expected engagement eng-a at seq 1, found 2");
    requireNothingStored();
  }
  SECTION("a batch that does not link to its stored head stores nothing for any") {
    const auto forged = sealedChain("eng-a", 1, 3, std::string(64, 'e'));
    const auto bad = store.appendMany({{"eng-b", 0, b}, {"eng-a", 2, forged}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::invalid_argument);
    requireNothingStored();
  }
  SECTION("one engagement in two batches is refused") {
    const auto twice = store.appendMany({{"eng-b", 0, {b[0]}}, {"eng-b", 1, {b[1]}}});
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code == ErrorCode::invalid_argument);
    requireNothingStored();
  }
}

void checkGlobalOrder(Store& store) {
  const auto a = sealedChain("eng-b", 2);
  const auto b = sealedChain("eng-a", 3);
  REQUIRE(store.append("eng-b", 0, {a[0]}).ok());
  REQUIRE(store.append("eng-a", 0, b).ok());
  REQUIRE(store.append("eng-b", 1, {a[1]}).ok());
  CHECK(store.engagementIds() == std::vector<std::string>{"eng-a", "eng-b"});

  const auto rows = store.readAll(0, 100);
  REQUIRE(rows.size() == 5);
  const std::vector<std::pair<std::string, std::int64_t>> order = {
      {"eng-b", 1}, {"eng-a", 1}, {"eng-a", 2}, {"eng-a", 3}, {"eng-b", 2}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    CHECK(rows[i].event.engagementId == order[i].first);
    CHECK(rows[i].event.seq == order[i].second);
    if (i > 0) CHECK(rows[i].position > rows[i - 1].position);
  }
  requireSameEvents({rows[1].event, rows[2].event, rows[3].event}, b);
  const auto page = store.readAll(rows[1].position, 2);
  REQUIRE(page.size() == 2);
  CHECK(page[0].position == rows[2].position);
  CHECK(page[1].position == rows[3].position);
  CHECK(store.readAll(rows[4].position, 10).empty());

  // readAllInto refills a reused buffer: rows beyond the page go, and every
  // field of a refilled row is the stored one, whatever the row held before.
  std::vector<Store::Positioned> buffer = rows;
  std::swap(buffer[0], buffer[3]);
  store.readAllInto(rows[1].position, 2, buffer);
  REQUIRE(buffer.size() == 2);
  CHECK(buffer[0].position == rows[2].position);
  CHECK(buffer[1].position == rows[3].position);
  requireSameEvents({buffer[0].event, buffer[1].event}, {b[1], b[2]});
  store.readAllInto(0, 100, buffer);
  REQUIRE(buffer.size() == 5);
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    CAPTURE(i);
    CHECK(buffer[i].position == rows[i].position);
    requireSameEvents({buffer[i].event}, {rows[i].event});
  }
  store.readAllInto(rows[4].position, 10, buffer);
  CHECK(buffer.empty());
}

// Text of any size, and empty text, loads back byte for byte: the memory
// store packs every event's text into shared blocks (a large payload gets a
// block of its own) and rebuilds prevHash from the event before.
void checkLargeAndEmptyText(Store& store) {
  const std::string big = "{\"text\":\"" + std::string(300 * 1024, 'x') + "\"}";
  const std::string medium = "{\"text\":\"" + std::string(20 * 1024, 'y') + "\"}";
  const Instant at = *parseInstant("2025-03-03T09:00:00Z");
  std::vector<StoredEvent> events;
  std::string prev = kGenesisHash;
  for (int i = 0; i < 40; ++i) {  // 800 KB: more than one block
    StoredEvent e;
    e.engagementId = "eng-big";
    e.seq = i + 1;
    e.type = "Note";
    e.payload = i == 3 ? big : i == 5 ? "" : medium;
    e.effectiveAt = at;
    e.recordedAt = at;
    e.actor = i % 2 == 0 ? "" : "owner:x";
    e.prevHash = prev;
    e.hash = computeHash(e);
    prev = e.hash;
    events.push_back(std::move(e));
  }
  REQUIRE(store.append("eng-big", 0, {events.begin(), events.begin() + 10}).ok());
  REQUIRE(store.append("eng-big", 10, {events.begin() + 10, events.end()}).ok());
  requireSameEvents(store.load("eng-big"), events);
  requireSameEvents(store.load("eng-big", 11), {events.begin() + 10, events.end()});
  std::vector<StoredEvent> read;
  for (auto& row : store.readAll(0, 100)) read.push_back(std::move(row.event));
  requireSameEvents(read, events);
  CHECK_FALSE(verifyChain(store.load("eng-big")).has_value());
}

std::string sha256Of(const std::string& bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

void checkBlobs(Store& store) {
  const std::string bytes("PK\x03\x04\0\xff binary \0 bytes", 22);
  const std::string key = sha256Of(bytes);
  const auto wrong = store.putBlob(std::string(64, '0'), bytes);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == ErrorCode::invalid_argument);

  CHECK_FALSE(store.getBlob(key));
  REQUIRE(store.putBlob(key, bytes).ok());
  REQUIRE(store.putBlob(key, bytes).ok());  // content-addressed: idempotent
  CHECK(store.getBlob(key) == bytes);
  REQUIRE(store.putBlob(sha256Of(""), "").ok());
  CHECK(store.getBlob(sha256Of("")) == std::string());
}

void checkRecords(Store& store) {
  REQUIRE(store.insertRecord("token", "h1", "owner").ok());
  REQUIRE(store.insertRecord("token", "h0", "viewer").ok());
  REQUIRE(store.insertRecord("link", "h1", "{\"m\":\"m1\"}").ok());
  const auto dup = store.insertRecord("token", "h1", "admin");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().code == ErrorCode::already_exists);
  CHECK(store.getRecord("token", "h1") == std::string("owner"));

  REQUIRE(store.updateRecord("token", "h1", "admin").ok());
  CHECK(store.getRecord("token", "h1") == std::string("admin"));
  REQUIRE(store.updateRecord("position", "exporter", "42").ok());  // update creates
  CHECK(store.getRecord("position", "exporter") == std::string("42"));
  CHECK_FALSE(store.getRecord("token", "nope"));
  using Rows = std::vector<std::pair<std::string, std::string>>;
  CHECK(store.listRecords("token") == Rows{{"h0", "viewer"}, {"h1", "admin"}});
  CHECK(store.listRecords("link") == Rows{{"h1", "{\"m\":\"m1\"}"}});
  CHECK(store.listRecords("none").empty());
}

// Eight threads race on the same expectedLastSeq, round after round: exactly
// one append wins each seq and the others get the conflict.
}  // namespace

void checkConcurrentAppends(const std::vector<Store*>& stores, int rounds) {
  constexpr int kThreads = 8;
  std::barrier sync(kThreads);
  std::vector<std::atomic<int>> wins(static_cast<std::size_t>(rounds) + 1);
  std::atomic<int> conflicts{0}, otherErrors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = *stores[static_cast<std::size_t>(t) % stores.size()];
      for (int round = 1; round <= rounds; ++round) {
        sync.arrive_and_wait();  // everyone has seen seq round-1 committed
        const auto headNow = store.head("race");
        const std::int64_t last = headNow ? headNow->seq : 0;
        sync.arrive_and_wait();  // everyone read the same head
        const Event event = MilestoneStarted{"m" + std::to_string(t), false};
        const Instant when = at("2025-01-01T00:00:00Z");
        const auto sealed = sealEvent("race", last + 1, event, when, when, "t" + std::to_string(t),
                                      headNow ? headNow->hash : kGenesisHash);
        const auto result = store.append("race", last, {sealed});
        if (result.ok()) {
          ++wins[static_cast<std::size_t>(round)];
        } else if (result.error().code == ErrorCode::invalid_state) {
          ++conflicts;
        } else {
          ++otherErrors;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int round = 1; round <= rounds; ++round) {
    CAPTURE(round);
    CHECK(wins[static_cast<std::size_t>(round)] == 1);
  }
  CHECK(conflicts == rounds * (kThreads - 1));
  CHECK(otherErrors == 0);
  const auto chain = stores.front()->load("race");
  CHECK(static_cast<int>(chain.size()) == rounds);
  CHECK_FALSE(verifyChain(chain).has_value());
}

void checkStoreConformance(const StoreFactory& open) {
  auto store = open();
  REQUIRE(store);
  SECTION("appended events load back field for field, in seq order") { checkEvents(*store); }
  SECTION("an append against a stale or future seq is a conflict and stores nothing") {
    checkConflicts(*store);
  }
  SECTION("appendMany stores several engagements' batches in one all-or-nothing step") {
    checkAppendMany(*store);
  }
  SECTION(
      "readAll and readAllInto return every engagement's events in append order with positions") {
    checkGlobalOrder(*store);
  }
  SECTION("large and empty text fields load back byte for byte") { checkLargeAndEmptyText(*store); }
  SECTION("blobs are content-addressed and keep binary bytes") { checkBlobs(*store); }
  SECTION("records: insert refuses duplicates, update overwrites, list by kind") {
    checkRecords(*store);
  }
  SECTION("concurrent appends racing on one seq: exactly one wins each") {
    checkConcurrentAppends({store.get()}, 12);
  }
}

}  // namespace sowflow::engine::testing
