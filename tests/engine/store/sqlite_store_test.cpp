// The SQLite store on real files: durability settings, reopening, sharing a
// file between two connections, and tampering with the file behind the
// store's back (what `sowflow audit verify` exists to catch).
#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "store/stores.hpp"
#include "../journal/sample_events.hpp"
#include "sowflow/engine/audit.hpp"
#include "store_conformance.hpp"

using namespace sowflow::engine;
using namespace sowflow::engine::testing;
using namespace Poco::Data::Keywords;

namespace {

// Runs `sql` on the file through a connection of its own, as an attacker or
// a careless admin with the sqlite3 shell would.
void tamper(const std::filesystem::path& file, const std::vector<std::string>& sql) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", file.string());
  for (const auto& statement : sql) session << statement, now;
}

std::string reportsText(const std::vector<ChainReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    out += r.engagementId + ": event " + std::to_string(r.problem.seq) + ": " + r.problem.what + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("the SQLite store runs with WAL and synchronous=FULL, read back", "[engine][store]") {
  TempDir dir;
  const auto file = dir.path() / "nested" / "folders" / "journal.db";
  auto store = requireOpen(openStore("sqlite:" + file.string()));
  CHECK(std::filesystem::exists(file));  // parent folders created
  const auto settings = detail::sqliteSettings(*store);
  REQUIRE(settings);
  CHECK(settings->journalMode == "wal");
  CHECK(settings->synchronous == 2);  // FULL
  CHECK(settings->busyTimeoutMs == 5000);
  CHECK(store->describe() == "sqlite:" + file.string());
  CHECK_FALSE(detail::sqliteSettings(*requireOpen(openStore("memory:"))));
  // WAL is a property of the file: another connection sees it too.
  Poco::Data::Session other("SQLite", file.string());
  std::string mode;
  other << "PRAGMA journal_mode", into(mode), now;
  CHECK(mode == "wal");
}

TEST_CASE("events survive closing and reopening the SQLite file", "[engine][store]") {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "journal.db").string();
  const auto chain = sealedChain("eng-1", 5);
  {
    auto store = requireOpen(openStore(url));
    REQUIRE(store->append("eng-1", 0, chain).ok());
    REQUIRE(store->insertRecord("token", "abc", "owner").ok());
  }
  auto reopened = requireOpen(openStore(url));
  requireSameEvents(reopened->load("eng-1"), chain);
  CHECK_FALSE(verifyChain(reopened->load("eng-1")).has_value());
  CHECK(reopened->getRecord("token", "abc") == std::string("owner"));
  const auto next = sealedChain("eng-1", 1, 6, chain.back().hash);
  CHECK(reopened->append("eng-1", 5, next).ok());
  CHECK(reopened->head("eng-1")->seq == 6);
}

TEST_CASE("two connections to one SQLite file (CLI beside a server) never both win a seq",
          "[engine][store]") {
  TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "shared.db").string();
  auto server = requireOpen(openStore(url));
  auto cli = requireOpen(openStore(url));
  checkConcurrentAppends({server.get(), cli.get()}, 8);
}

TEST_CASE("tampering with a SQLite journal file is caught by the audit, naming the seq",
          "[engine][store][journal]") {
  TempDir dir;
  const auto file = dir.path() / "journal.db";
  const std::string url = "sqlite:" + file.string();
  Checkpoint checkpoint;
  {
    auto store = requireOpen(openStore(url));
    REQUIRE(store->append("e1", 0, sealedChain("e1", 9)).ok());
    REQUIRE(store->append("e2", 0, sealedChain("e2", 3)).ok());
    REQUIRE(auditStore(*store).empty());
    checkpoint = takeCheckpoint(*store);
    REQUIRE(writeCheckpointFile((dir.path() / "heads.txt").string(), checkpoint).ok());
  }
  const auto audit = [&](bool withCheckpoint) {
    auto store = requireOpen(openStore(url));
    const auto read = readCheckpointFile((dir.path() / "heads.txt").string());
    REQUIRE(read.ok());
    return auditStore(*store, std::nullopt, withCheckpoint ? std::optional(*read) : std::nullopt);
  };
  const auto expectOneBreak = [&](const std::vector<ChainReport>& reports, std::int64_t seq,
                                  const std::string& what) {
    INFO(reportsText(reports));
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].engagementId == "e1");
    CHECK(reports[0].problem.seq == seq);
    CHECK_THAT(reports[0].problem.what, Catch::Contains(what));
  };

  SECTION("an edited payload") {
    tamper(file, {R"(UPDATE events SET payload = '{"reason":"edited"}' WHERE engagement_id = 'e1' AND seq = 4)"});
    expectOneBreak(audit(false), 4, "hash mismatch: content was edited");
  }
  SECTION("an edited time, actor and recomputed-looking hash") {
    tamper(file, {"UPDATE events SET actor = 'mallory' WHERE engagement_id = 'e1' AND seq = 2"});
    expectOneBreak(audit(false), 2, "hash mismatch");
  }
  SECTION("a deleted middle event") {
    tamper(file, {"DELETE FROM events WHERE engagement_id = 'e1' AND seq = 5"});
    expectOneBreak(audit(false), 5, "expected seq 5");
  }
  SECTION("two events reordered by swapping their seqs") {
    tamper(file, {"UPDATE events SET seq = -1 WHERE engagement_id = 'e1' AND seq = 6",
                  "UPDATE events SET seq = 6 WHERE engagement_id = 'e1' AND seq = 7",
                  "UPDATE events SET seq = 7 WHERE engagement_id = 'e1' AND seq = -1"});
    expectOneBreak(audit(false), 6, "to link to the hash of seq 5");
  }
  SECTION("a truncated tail passes alone but fails against the checkpoint") {
    tamper(file, {"DELETE FROM events WHERE engagement_id = 'e1' AND seq >= 8"});
    CHECK(audit(false).empty());
    expectOneBreak(audit(true), 8, "missing events after seq 7 (checkpoint head is seq 9)");
  }
  SECTION("a whole engagement deleted is caught through the checkpoint") {
    tamper(file, {"DELETE FROM events WHERE engagement_id = 'e2'"});
    CHECK(audit(false).empty());
    const auto reports = audit(true);
    INFO(reportsText(reports));
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].engagementId == "e2");
    CHECK(reports[0].problem.seq == 1);
  }
  SECTION("untouched, everything verifies with and without the checkpoint") {
    CHECK(audit(false).empty());
    CHECK(audit(true).empty());
  }
}
