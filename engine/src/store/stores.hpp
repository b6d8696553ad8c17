// The concrete stores behind openStore(url) (see store.hpp for the contract).
//
// Each opener creates its schema if missing and checks durability settings:
// a store that cannot promise "durable before the 2xx" refuses to open with
// ErrorCode::internal rather than run weaker (SPEC §5).
// Thread-safety: the returned stores are safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sowflow/engine/store.hpp"

namespace sowflow::engine::detail {

// PATH of a "sqlite:PATH" URL; parent folders are created.
Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path);
// The whole "postgresql://user[:password]@host[:port]/db" URL.
Result<std::unique_ptr<Store>> openPostgresqlStore(const std::string& url);
Result<std::unique_ptr<Store>> openMemoryStore();

// What the SQLite store's own connection reports, for tests and diagnostics;
// nullopt when `store` is not a SQLite store.
struct SqliteSettings {
  std::string journalMode;
  int synchronous = 0;  // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
  int busyTimeoutMs = 0;
  int walAutocheckpoint = 0;  // 0: SQLite's own checkpoint is off (wal_checkpointer.hpp)
  std::uint64_t backgroundCheckpoints = 0;
  std::uint64_t inlineCheckpoints = 0;
};
std::optional<SqliteSettings> sqliteSettings(const Store& store);

// "postgresql://u:p@h:5432/db" -> "host=h port=5432 dbname=db user=u password=p";
// invalid_argument naming the URL when it lacks a host or database.
Result<std::string> postgresqlConnectorString(const std::string& url);

}  // namespace sowflow::engine::detail
