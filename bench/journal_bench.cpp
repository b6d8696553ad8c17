// Journal append throughput on a real disk (SPEC §5: durable before the 2xx).
//
// Prints events/s for the SQLite store (WAL, synchronous=FULL) with one event
// per append and with 100 events per append, and, in the same run and
// folder, a bare sqlite3 C-API loop with the same PRAGMAs and one row per
// committed transaction: the floor any SQLite journal pays for fsync. The
// ratio store/bare is the store's own overhead (target >= 0.8). Also the
// memory store and sealing (canonical JSON + SHA-256) for scale.
//   journal_bench [DIR] [SINGLE_EVENTS]   DIR defaults to /var/tmp (a real
//   disk here; /tmp may be tmpfs elsewhere, which would hide fsync).
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sowflow/engine/store.hpp"

using namespace sowflow::engine;
using WallClock = std::chrono::steady_clock;

namespace {

std::vector<StoredEvent> chain(const std::string& id, int count) {
  std::vector<StoredEvent> out;
  std::string prev = kGenesisHash;
  const Instant when = *parseInstant("2025-02-10T01:00:00Z");
  for (int seq = 1; seq <= count; ++seq) {
    const Event event = MilestoneDeemedAccepted{"m" + std::to_string(seq % 7), seq, when};
    out.push_back(sealEvent(id, seq, event, when, when, "system", prev));
    prev = out.back().hash;
  }
  return out;
}

double secondsSince(WallClock::time_point start) {
  return std::chrono::duration<double>(WallClock::now() - start).count();
}

// One event per append(): the shape of an HTTP command.
double appendSingles(Store& store, const std::vector<StoredEvent>& events) {
  const auto start = WallClock::now();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto ok = store.append(events[i].engagementId, static_cast<std::int64_t>(i), {events[i]});
    if (!ok) throw std::runtime_error(ok.error().message);
  }
  return static_cast<double>(events.size()) / secondsSince(start);
}

double appendBatches(Store& store, const std::vector<StoredEvent>& events, std::size_t batch) {
  const auto start = WallClock::now();
  for (std::size_t i = 0; i < events.size(); i += batch) {
    const std::vector<StoredEvent> slice(events.begin() + static_cast<std::ptrdiff_t>(i),
                                         events.begin() + static_cast<std::ptrdiff_t>(i + batch));
    const auto ok = store.append(slice.front().engagementId, static_cast<std::int64_t>(i), slice);
    if (!ok) throw std::runtime_error(ok.error().message);
  }
  return static_cast<double>(events.size()) / secondsSince(start);
}

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

// The floor: prepared INSERT of the same row shape, BEGIN IMMEDIATE/COMMIT each.
class BareLoop {
 public:
  explicit BareLoop(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open " + path);
    exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
    exec(db_, "CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, engagement_id TEXT,"
              " seq INTEGER, type TEXT, schema_version INTEGER, payload TEXT, effective_at TEXT,"
              " recorded_at TEXT, actor TEXT, prev_hash TEXT, hash TEXT, UNIQUE(engagement_id, seq))");
    sqlite3_prepare_v2(db_,
                       "INSERT INTO events (engagement_id, seq, type, schema_version, payload,"
                       " effective_at, recorded_at, actor, prev_hash, hash)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?)",
                       -1, &insert_, nullptr);
  }
  ~BareLoop() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  BareLoop(const BareLoop&) = delete;
  BareLoop& operator=(const BareLoop&) = delete;

  void insert(const StoredEvent& e) {
    exec(db_, "BEGIN IMMEDIATE");
    text(1, e.engagementId);
    sqlite3_bind_int64(insert_, 2, e.seq);
    text(3, e.type);
    sqlite3_bind_int(insert_, 4, e.schemaVersion);
    text(5, e.payload);
    text(6, formatInstantUtc(e.effectiveAt));
    text(7, formatInstantUtc(e.recordedAt));
    text(8, e.actor);
    text(9, e.prevHash);
    text(10, e.hash);
    if (sqlite3_step(insert_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(insert_);
    exec(db_, "COMMIT");
  }

 private:
  void text(int column, const std::string& value) {
    sqlite3_bind_text(insert_, column, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

// Bare loop and store take turns in blocks of 50 commits, so that the shared
// disk's ups and downs hit both alike. Returns {bare rows/s, store events/s}.
std::pair<double, double> interleaved(const std::filesystem::path& dir,
                                      const std::vector<StoredEvent>& events) {
  BareLoop bare((dir / "bare.db").string());
  auto opened = openStore("sqlite:" + (dir / "store.db").string());
  if (!opened) throw std::runtime_error(opened.error().message);
  Store& store = **opened;
  double bareSeconds = 0, storeSeconds = 0;
  constexpr std::size_t kBlock = 50;
  for (std::size_t from = 0; from < events.size(); from += kBlock) {
    const std::size_t to = std::min(events.size(), from + kBlock);
    auto start = WallClock::now();
    for (std::size_t i = from; i < to; ++i) bare.insert(events[i]);
    bareSeconds += secondsSince(start);
    start = WallClock::now();
    for (std::size_t i = from; i < to; ++i) {
      const auto ok = store.append(events[i].engagementId, static_cast<std::int64_t>(i), {events[i]});
      if (!ok) throw std::runtime_error(ok.error().message);
    }
    storeSeconds += secondsSince(start);
  }
  const auto n = static_cast<double>(events.size());
  return {n / bareSeconds, n / storeSeconds};
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path base = argc > 1 ? argv[1] : "/var/tmp";
  const int singles = argc > 2 ? std::atoi(argv[2]) : 1000;
  std::string pattern = (base / "sowflow-journal-bench.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::filesystem::path dir = pattern;
  int status = 0;
  try {
    auto sealStart = WallClock::now();
    const auto single = chain("bench-single", singles);
    const double sealRate = singles / secondsSince(sealStart);
    const auto batched = chain("bench-batch", 10000);

    const auto [bare, store] = interleaved(dir, single);
    auto sqlite = openStore("sqlite:" + (dir / "batch.db").string());
    if (!sqlite) throw std::runtime_error(sqlite.error().message);
    const double batchRate = appendBatches(**sqlite, batched, 100);
    auto memory = openStore("memory:");
    const double memoryRate = appendSingles(**memory, single);

    std::printf("journal_bench: folder %s, %d single-event commits each, interleaved\n",
                dir.c_str(), singles);
    std::printf("  sealEvent (canonical JSON + SHA-256)        %10.0f events/s\n", sealRate);
    std::printf("  bare sqlite3 loop, 1 row/commit (WAL, FULL) %10.0f rows/s\n", bare);
    std::printf("  SQLite store, 1 event/append                %10.0f events/s\n", store);
    std::printf("  ratio store / bare                          %10.2f  (target >= 0.80)\n",
                store / bare);
    std::printf("  SQLite store, 100 events/append             %10.0f events/s\n", batchRate);
    std::printf("  memory store, 1 event/append                %10.0f events/s\n", memoryRate);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "journal_bench: %s\n", e.what());
    status = 1;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return status;
}
