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

namespace {

// A raw connection in WAL mode to a file holding table t (x BLOB).
sqlite3* openWalTable(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE t (x BLOB)", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  return db;
}

// `rows` commits one after another, each a row of about two pages.
void insertTwoPageRows(sqlite3* db, int rows) {
  for (int i = 0; i < rows; ++i) {
    REQUIRE(sqlite3_exec(db, "INSERT INTO t VALUES (zeroblob(6000))", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
}

}  // namespace

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
  sqlite3* db = openWalTable(file);
  const detail::WalCheckpointer::Options options{.thresholdPages = 16, .boundPages = 1024, .shortRestPages = 4};
  {
    detail::WalCheckpointer checkpointer(db, file.string(), options);
    // About 3,000 pages, one commit after another with no pause in between.
    insertTwoPageRows(db, 1500);
    const auto counts = checkpointer.counts();
    CHECK(counts.background + counts.inline_ >= 1);
    // Never much past twice the bound (frames of 4 KiB and a header each);
    // without checkpoints it would hold all ~3,000 pages.
    const auto wal = std::filesystem::path(file.string() + "-wal");
    CHECK(std::filesystem::file_size(wal) < static_cast<std::uintmax_t>(2 * options.boundPages + 128) * 4200);
  }
  sqlite3_close(db);
}

TEST_CASE("past the bound the writer copies only a short rest of the WAL itself", "[engine][store][wal]") {
  using Step = detail::WalCheckpointer::Step;
  using Progress = detail::WalCheckpointer::Progress;
  const detail::WalCheckpointer::Options options{.thresholdPages = 1000, .boundPages = 64000, .shortRestPages = 250};
  const int bound = options.boundPages;
  const auto step = [&](int walPages, Progress progress) {
    return detail::WalCheckpointer::stepAfterCommit(walPages, progress, options);
  };

  // Below the bound: the thread, once per threshold of pages.
  CHECK(step(999, {}) == Step::nothing);
  CHECK(step(1000, {}) == Step::wakeThread);
  CHECK(step(5000, {.backfilled = 4500}) == Step::nothing);
  CHECK(step(5000, {.backfilled = 3000, .requested = true}) == Step::nothing);

  // Past it: the thread again and again while the rest is long ...
  CHECK(step(bound, {.backfilled = bound - 3000}) == Step::wakeThread);
  CHECK(step(bound + 10, {.backfilled = bound - 3000, .requested = true}) == Step::nothing);
  CHECK(step(bound + 500, {.backfilled = bound - 3000}) == Step::wakeThread);
  // ... the writer once it is short,
  CHECK(step(bound + 500, {.backfilled = bound + 300}) == Step::checkpointHere);
  // not again soon after a try that left the WAL in use by a reader,
  CHECK(step(bound + 600, {.backfilled = bound + 500, .inlineAt = bound + 500}) == Step::wakeThread);
  CHECK(step(bound + 1600, {.backfilled = bound + 1500, .inlineAt = bound + 500}) == Step::checkpointHere);
  // and at twice the bound whatever is left.
  CHECK(step(2 * bound, {.backfilled = 2 * bound - 5000}) == Step::checkpointHere);
  CHECK(step(2 * bound - 1, {.backfilled = 2 * bound - 5000}) == Step::wakeThread);
}

TEST_CASE("after a lull with no commit a long WAL file is cut back", "[engine][store][wal]") {
  TempDir dir;
  const auto file = dir.path() / "lull.db";
  const auto wal = std::filesystem::path(file.string() + "-wal");
  sqlite3* db = openWalTable(file);
  {
    detail::WalCheckpointer::Options options;
    options.thresholdPages = 1 << 20;  // no checkpoint while writing: the WAL keeps every page
    options.lull = std::chrono::milliseconds(300);
    options.keepWalBytes = 1 << 20;
    detail::WalCheckpointer checkpointer(db, file.string(), options);
    // About 1,000 pages (~4 MiB of WAL): the file outgrows keepWalBytes.
    insertTwoPageRows(db, 500);
    REQUIRE(std::filesystem::file_size(wal) > options.keepWalBytes);
    for (int i = 0; i < 100 && checkpointer.counts().truncated == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(checkpointer.counts().truncated == 1);
    CHECK(std::filesystem::file_size(wal) == 0);
    // Everything written is in the database file itself.
    sqlite3_stmt* count = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &count, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(count) == SQLITE_ROW);
    CHECK(sqlite3_column_int(count, 0) == 500);
    sqlite3_finalize(count);
  }
  sqlite3_close(db);
}
