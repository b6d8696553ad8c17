// One conformance suite for every Store (Poco's shared SQLExecutor idea):
// memory, SQLite and PostgreSQL must behave identically, word for word in
// their errors. Each call runs every check as a Catch SECTION against fresh
// stores from `open`.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sowflow/engine/store.hpp"

namespace sowflow::engine::testing {

using StoreFactory = std::function<std::unique_ptr<Store>()>;

void checkStoreConformance(const StoreFactory& open);

// Eight threads (spread over `stores`, which share one database) race on the
// same expectedLastSeq for `rounds` rounds: exactly one wins each seq.
void checkConcurrentAppends(const std::vector<Store*>& stores, int rounds);

// Fails the test (REQUIRE) with the store's error if `opened` is not ok.
std::unique_ptr<Store> requireOpen(Result<std::unique_ptr<Store>> opened);

// Field-by-field comparison of stored events.
void requireSameEvents(const std::vector<StoredEvent>& actual,
                       const std::vector<StoredEvent>& expected);

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sowflow::engine::testing
