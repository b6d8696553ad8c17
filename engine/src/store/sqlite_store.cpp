// The SQLite store: one file, WAL, synchronous=FULL, shared by a running
// server and CLI commands (busy_timeout makes a second writer wait).
//
// Reads use a second connection (see sql_store.hpp).
// Every append runs in BEGIN IMMEDIATE, which takes SQLite's write lock
// before the seq check, so the check and the inserts are atomic across
// threads and processes alike.
#include <filesystem>

#include <Poco/Data/SQLite/SQLiteException.h>

#include "store/sql_store.hpp"
#include "store/stores.hpp"

namespace sowflow::engine::detail {

using namespace Poco::Data::Keywords;

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kSynchronousFull = 2;  // PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA

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

class SqliteStore final : public SqlStore {
 public:
  SqliteStore(Poco::Data::Session session, Poco::Data::Session reader, const std::string& path)
      : SqlStore(std::move(session), std::move(reader), false, "sqlite:" + path) {}

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
    return std::unique_ptr<Store>(
        std::make_unique<SqliteStore>(std::move(session), std::move(reader), path));
  } catch (const Poco::Exception& e) {
    return openError(path, e.displayText());
  } catch (const std::exception& e) {
    return openError(path, e.what());
  }
}

}  // namespace sowflow::engine::detail
