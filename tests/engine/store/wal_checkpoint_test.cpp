// The SQLite store's WAL is checkpointed on a thread of its own, never by the
// connection that commits (store/wal_checkpointer.hpp): the database file
// itself takes in what was written, SQLite's automatic checkpoint is off,
// and no commit had to checkpoint.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include <sqlite3.h>

#include "journal/sha256.hpp"
#include "store/stores.hpp"
#include "store/wal_checkpointer.hpp"
#include "store_conformance.hpp"

using namespace sowflow::engine;
using namespace sowflow::engine::testing;

TEST_CASE("the SQLite WAL is checkpointed in the background, not by a commit", "[engine][store][wal]") {
  TempDir dir;
  const auto file = dir.path() / "journal.db";
  auto store = requireOpen(openStore("sqlite:" + file.string()));
  REQUIRE(detail::sqliteSettings(*store)->walAutocheckpoint == 0);

  // 96 blobs of 64 KiB: about 1,600 pages, past the 1,000-page threshold.
  constexpr int kBlobs = 96;
  constexpr std::size_t kBlobBytes = 64 * 1024;
  for (int i = 0; i < kBlobs; ++i) {
    std::string bytes(kBlobBytes, static_cast<char>('a' + i % 26));
    bytes.replace(0, 8, std::to_string(10000000 + i));
    REQUIRE(store->putBlob(detail::sha256HexOf(bytes), bytes).ok());
  }
  for (int i = 0; i < 100 && detail::sqliteSettings(*store)->backgroundCheckpoints == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto settings = detail::sqliteSettings(*store);
  CHECK(settings->backgroundCheckpoints >= 1);
  CHECK(settings->inlineCheckpoints == 0);
  // Without a checkpoint the blobs would live only in the -wal file.
  CHECK(std::filesystem::file_size(file) >= kBlobBytes * kBlobs / 2);
}

TEST_CASE("under unbroken writes the WAL stays bounded near its threshold", "[engine][store][wal]") {
  TempDir dir;
  const auto file = dir.path() / "bounded.db";
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t (x BLOB)", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  constexpr int kThresholdPages = 16;
  {
    detail::WalCheckpointer checkpointer(db, file.string(), kThresholdPages);
    // About 3,000 pages, one commit after another with no pause in between.
    for (int i = 0; i < 1500; ++i) {
      REQUIRE(sqlite3_exec(db, "INSERT INTO t VALUES (zeroblob(6000))", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    const auto counts = checkpointer.counts();
    CHECK(counts.background + counts.inline_ >= 1);
    // Never much past kInlineFactor thresholds (frames of 4 KiB and a header
    // each); without checkpoints it would hold all ~3,000 pages.
    const auto wal = std::filesystem::path(file.string() + "-wal");
    CHECK(std::filesystem::file_size(wal) <
          static_cast<std::uintmax_t>(kThresholdPages) * (detail::WalCheckpointer::kInlineFactor + 8) * 4200);
  }
  sqlite3_close(db);
}
