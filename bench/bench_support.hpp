// What several benchmarks share: the shipped workflows, and the floor under
// any durable append (a bare single-row commit loop with the store's own
// settings, on the disk being measured).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "sowflow/engine/definition_loader.hpp"

namespace sowflow::bench {

inline std::shared_ptr<const engine::Catalog> loadCatalog() {
  auto catalog = engine::Catalog::loadDirectory(std::string(SOWFLOW_SOURCE_DIR) + "/workflows");
  if (!catalog) throw std::runtime_error(catalog.error().message);
  return std::make_shared<const engine::Catalog>(std::move(*catalog));
}

// Commits/s of `rows` one-row transactions (WAL, synchronous=FULL) into a
// fresh `file`, removed afterwards.
inline double bareCommitsPerSecond(const std::filesystem::path& file, int rows) {
  const auto removeFiles = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  };
  Poco::Data::SQLite::Connector::registerConnector();
  removeFiles();
  double seconds = 0;
  {
    Poco::Data::Session session("SQLite", file.string());
    using namespace Poco::Data::Keywords;
    session << "PRAGMA journal_mode=WAL", now;
    session << "PRAGMA synchronous=FULL", now;
    session << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", now;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rows; ++i) {
      session.begin();
      std::string value = "row " + std::to_string(i);
      session << "INSERT INTO t (v) VALUES (?)", use(value), now;
      session.commit();
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  removeFiles();
  return rows / seconds;
}

}  // namespace sowflow::bench
