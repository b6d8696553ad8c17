// The SQLite store: one file, WAL, synchronous=FULL, shared by a running
// server and CLI commands (busy_timeout makes a second writer wait).
//
// Reads use a second connection (see sql_store.hpp); the hot ones (replay,
// catch-up, heads, records) a third, opened here with SQLITE_OPEN_NOMUTEX:
// it is only ever used under readMutex(), and SQLite's own per-connection
// mutex (taken for every column read) was a visible share of a rebuild.
// Every append runs in BEGIN IMMEDIATE, which takes SQLite's write lock
// before the seq check, so the check and the inserts are atomic across
// threads and processes alike. The WAL is checkpointed on a thread of its
// own, not inside a commit (wal_checkpointer.hpp).
#include <filesystem>
#include <memory>

#include <sqlite3.h>

#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>

#include "store/sql_store.hpp"
#include "store/sqlite_statement.hpp"
#include "store/store_support.hpp"
#include "store/stores.hpp"
#include "store/wal_checkpointer.hpp"

namespace sowflow::engine::detail {

using namespace Poco::Data::Keywords;

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kSynchronousFull = 2;  // PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
constexpr long kJournalSizeLimitOff = -1;  // the WAL file is cut back after a lull (wal_checkpointer.hpp)

// clang-format off
constexpr const char* kSchema[] = {
  "CREATE TABLE IF NOT EXISTS events ("
  " position INTEGER PRIMARY KEY AUTOINCREMENT,"
  " engagement_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,"
  " schema_version INTEGER NOT NULL, payload TEXT NOT NULL,"
  " effective_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL,"
  " prev_hash TEXT NOT NULL, hash TEXT NOT NULL,"
  " UNIQUE (engagement_id, seq))",
  "CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, bytes BLOB)",
  "CREATE TABLE IF NOT EXISTS records ("
  " kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key))",
};
// clang-format on

constexpr const char* kSelectEvents =
    "SELECT position, engagement_id, seq, type, schema_version, payload, effective_at, "
    "recorded_at, actor, prev_hash, hash FROM events ";

// Overwrites every field of `e`, reusing its strings' capacity: on replay
// the same rows are refilled batch after batch (readAllInto), which saves
// an allocation per text column per event.
void readEventInto(const SqliteStatement& row, StoredEvent& e) {
  row.textInto(1, e.engagementId);
  e.seq = row.int64(2);
  row.textInto(3, e.type);
  e.schemaVersion = static_cast<int>(row.int64(4));
  row.textInto(5, e.payload);
  e.effectiveAt = instantFromText(row.view(6));
  e.recordedAt = instantFromText(row.view(7));
  row.textInto(8, e.actor);
  row.textInto(9, e.prevHash);
  row.textInto(10, e.hash);
}

// The hot statements of one connection, prepared once (see sqlite_statement.hpp).
struct WriteStatements {
  explicit WriteStatements(sqlite3* db)
      : head(db, "SELECT seq, hash FROM events WHERE engagement_id = ? ORDER BY seq DESC LIMIT 1"),
        insert(db,
               "INSERT INTO events (engagement_id, seq, type, schema_version, payload, "
               "effective_at, recorded_at, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {}
  SqliteStatement head, insert;
};

struct ReadStatements {
  explicit ReadStatements(sqlite3* db)
      : load(db, (std::string(kSelectEvents) + "WHERE engagement_id = ? AND seq >= ? ORDER BY seq").c_str()),
        readAll(db, (std::string(kSelectEvents) + "WHERE position > ? ORDER BY position LIMIT ?").c_str()),
        head(db, "SELECT seq, hash FROM events WHERE engagement_id = ? ORDER BY seq DESC LIMIT 1"),
        record(db, "SELECT value FROM records WHERE kind = ? AND key = ?") {}
  SqliteStatement load, readAll, head, record;
};

std::optional<ChainHead> headOf(SqliteStatement& query, const std::string& engagementId) {
  SqliteStatement::Use use(query);
  query.bind(1, engagementId);
  if (!query.step()) return std::nullopt;
  return ChainHead{query.int64(0), query.text(1)};
}

struct CloseConnection {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, CloseConnection>;

class SqliteStore final : public SqlStore {
 public:
  SqliteStore(Poco::Data::Session session, Poco::Data::Session reader, Connection hotReader,
              const std::string& path)
      : SqlStore(std::move(session), std::move(reader), false, "sqlite:" + path),
        hotReader_(std::move(hotReader)),
        checkpointer_(Poco::Data::SQLite::Utility::dbHandle(this->session()), path) {}

 protected:
  // Prepared once: on a fast disk Poco's per-statement setup is a visible
  // share of a one-event append.
  void beginWrite() override { prepared(begin_, "BEGIN IMMEDIATE").execute(); }
  void commitWrite() override { prepared(commit_, "COMMIT").execute(); }
  void rollbackWrite() override {
    try {
      session() << "ROLLBACK", now;
    } catch (const Poco::Exception&) {
      // Nothing to roll back (the failure ended the transaction already).
    }
  }
  bool isUniqueViolation(const std::exception& e) const override {
    return dynamic_cast<const Poco::Data::SQLite::ConstraintViolationException*>(&e) != nullptr;
  }

  std::optional<ChainHead> headLocked(const std::string& engagementId) const override {
    return headOf(writes().head, engagementId);
  }

  void insertLocked(const std::vector<StoredEvent>& events) override {
    auto& insert = writes().insert;
    for (const StoredEvent& e : events) {
      SqliteStatement::Use use(insert);
      insert.bind(1, e.engagementId);
      insert.bind(2, e.seq);
      insert.bind(3, e.type);
      insert.bind(4, static_cast<std::int64_t>(e.schemaVersion));
      insert.bind(5, e.payload);
      insert.bind(6, formatInstantUtc(e.effectiveAt));
      insert.bind(7, formatInstantUtc(e.recordedAt));
      insert.bind(8, e.actor);
      insert.bind(9, e.prevHash);
      insert.bind(10, e.hash);
      insert.step();
    }
  }

 public:
  std::vector<StoredEvent> load(const std::string& engagementId, std::int64_t fromSeq) const override {
    std::lock_guard lock(readMutex());
    auto& load = reads().load;
    SqliteStatement::Use use(load);
    load.bind(1, engagementId);
    load.bind(2, fromSeq);
    std::vector<StoredEvent> out;
    while (load.step()) readEventInto(load, out.emplace_back());
    return out;
  }

  std::vector<Positioned> readAll(std::int64_t afterPosition, std::size_t limit) const override {
    std::vector<Positioned> out;
    readAllInto(afterPosition, limit, out);
    return out;
  }

  void readAllInto(std::int64_t afterPosition, std::size_t limit,
                   std::vector<Positioned>& out) const override {
    std::lock_guard lock(readMutex());
    auto& readAll = reads().readAll;
    SqliteStatement::Use use(readAll);
    readAll.bind(1, afterPosition);
    readAll.bind(2, static_cast<std::int64_t>(limit));
    std::size_t count = 0;
    while (readAll.step()) {
      if (count == out.size()) out.emplace_back();
      Positioned& row = out[count++];
      row.position = readAll.int64(0);
      readEventInto(readAll, row.event);
    }
    out.resize(count);
  }

  std::optional<ChainHead> head(const std::string& engagementId) const override {
    std::lock_guard lock(readMutex());
    return headOf(reads().head, engagementId);
  }

  std::optional<std::string> getRecord(const std::string& kind, const std::string& key) const override {
    std::lock_guard lock(readMutex());
    auto& record = reads().record;
    SqliteStatement::Use use(record);
    record.bind(1, kind);
    record.bind(2, key);
    if (!record.step()) return std::nullopt;
    return record.text(0);
  }

 private:
  // Prepared on first use: the writes on the connection Poco opened, under
  // mutex(); the hot reads on hotReader_, under readMutex().
  WriteStatements& writes() const {
    if (!rawWrites_) rawWrites_ = std::make_unique<WriteStatements>(Poco::Data::SQLite::Utility::dbHandle(session()));
    return *rawWrites_;
  }
  ReadStatements& reads() const {
    if (!rawReads_) rawReads_ = std::make_unique<ReadStatements>(hotReader_.get());
    return *rawReads_;
  }
  Connection hotReader_;  // declared before rawReads_: closed after its statements are finalized
  mutable std::unique_ptr<WriteStatements> rawWrites_;
  mutable std::unique_ptr<ReadStatements> rawReads_;
  // Destroyed before the base's write connection, whose commits it follows.
  WalCheckpointer checkpointer_;

 protected:

 private:
  Poco::Data::Statement& prepared(std::optional<Poco::Data::Statement>& slot, const char* text) {
    if (!slot) {
      slot.emplace(session());
      *slot << text;
    }
    return *slot;
  }
  std::optional<Poco::Data::Statement> begin_, commit_;

 public:
  SqliteSettings settings() const {
    std::lock_guard lock(mutex());
    SqliteSettings out;
    session() << "PRAGMA journal_mode", into(out.journalMode), now;
    session() << "PRAGMA synchronous", into(out.synchronous), now;
    session() << "PRAGMA busy_timeout", into(out.busyTimeoutMs), now;
    session() << "PRAGMA wal_autocheckpoint", into(out.walAutocheckpoint), now;
    const auto checkpoints = checkpointer_.counts();
    out.backgroundCheckpoints = checkpoints.background;
    out.inlineCheckpoints = checkpoints.inline_;
    return out;
  }
};

Error openError(const std::string& path, const std::string& what) {
  return makeError(ErrorCode::internal, "cannot open sqlite:" + path + ": " + what,
                   "sqlite:" + path);
}

}  // namespace

std::optional<SqliteSettings> sqliteSettings(const Store& store) {
  const auto* sqlite = dynamic_cast<const SqliteStore*>(&store);
  if (sqlite == nullptr) return std::nullopt;
  return sqlite->settings();
}

Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path) {
  if (path.empty()) {
    return makeError(ErrorCode::invalid_argument, "sqlite: URL needs a file path (sqlite:PATH)");
  }
  try {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    Poco::Data::Session session("SQLite", path);
    int busyTimeout = 0;
    session << "PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs), into(busyTimeout), now;
    std::string journalMode;
    session << "PRAGMA journal_mode = WAL", into(journalMode), now;
    session << "PRAGMA synchronous = FULL", now;
    // SQLite's default, set so that it stays: a WAL that grew through a burst
    // keeps its file when it starts over, not cut back under load.
    session << "PRAGMA journal_size_limit = " + std::to_string(kJournalSizeLimitOff), now;
    int synchronous = -1;
    session << "PRAGMA synchronous", into(synchronous), now;
    // Read back: a setting SQLite silently ignored must not go unnoticed.
    if (journalMode != "wal") return openError(path, "journal_mode is " + journalMode + ", not wal");
    if (synchronous < kSynchronousFull) {
      return openError(path, "synchronous is " + std::to_string(synchronous) + ", weaker than FULL");
    }
    if (busyTimeout != kBusyTimeoutMs) return openError(path, "busy_timeout was not applied");
    for (const char* ddl : kSchema) session << ddl, now;
    // The read connection: WAL lets it read the last commit while the
    // writer fsyncs; busy_timeout covers a checkpoint in progress.
    Poco::Data::Session reader("SQLite", path);
    reader << "PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs), into(busyTimeout), now;
    // The hot read connection (see the top of this file); opened as Poco
    // opens its own, minus SQLite's connection mutex.
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    Connection hotReader(raw);  // closed on every path, even a failed open
    if (rc != SQLITE_OK) {
      return openError(path, std::string("read connection: ") +
                                 (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    if (sqlite3_busy_timeout(raw, kBusyTimeoutMs) != SQLITE_OK) {
      return openError(path, "busy_timeout was not applied to the read connection");
    }
    return std::unique_ptr<Store>(
        std::make_unique<SqliteStore>(std::move(session), std::move(reader), std::move(hotReader), path));
  } catch (const Poco::Exception& e) {
    return openError(path, e.displayText());
  } catch (const std::exception& e) {
    return openError(path, e.what());
  }
}

}  // namespace sowflow::engine::detail
