// WalCheckpointer: copies the SQLite write-ahead log back into the database
// file on a thread and connection of its own, instead of inside a commit.
//
// Why: SQLite's automatic checkpoint runs in the connection that commits
// past 1,000 WAL pages, so under load about every twentieth group of
// decisions also wrote ~1,000 pages back and fsynced the database file
// before its members (and everyone queued behind them) were answered:
// ~25 ms stalls, regular enough to weigh on the decisions' p99. Here the
// write connection's WAL hook (which replaces the automatic checkpoint)
// only wakes this thread, for every further `thresholdPages` pages, and the
// thread runs a PASSIVE checkpoint, which blocks neither the writer nor
// readers.
//
// The WAL starts over from its beginning only when a write begins after a
// checkpoint has copied all of it. In a lull that happens by itself; under
// unbroken writes it does not (each group commits while the last
// checkpoint runs), so the WAL grows through a burst, as PostgreSQL's does
// up to max_wal_size. At kInlineFactor thresholds (about 256 MiB of 4 KiB
// pages) the committing connection checkpoints the rest itself, once, so
// the WAL can start over: the bound on its size. journal_size_limit
// (sqlite_store.cpp) then cuts the file back.
// Thread-safety: the hook runs in the committing thread; counts() from any.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace sowflow::engine::detail {

class WalCheckpointer {
 public:
  static constexpr int kDefaultThresholdPages = 1000;  // SQLite's own default
  static constexpr int kInlineFactor = 64;  // 64,000 pages

  // Opens its own connection to `path` and installs the hook on `writer`,
  // whose commits it follows. Throws std::runtime_error naming the path if
  // the connection cannot be opened.
  WalCheckpointer(sqlite3* writer, const std::string& path,
                  int thresholdPages = kDefaultThresholdPages);
  // Removes the hook and stops the thread; the writer must be idle.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  struct Counts {
    std::uint64_t background = 0;  // checkpoints run by the thread
    std::uint64_t inline_ = 0;     // ... by the committing connection (WAL far too long)
  };
  Counts counts() const;

 private:
  static int onCommit(void* self, sqlite3* db, const char* schema, int walPages);
  void run();

  sqlite3* writer_;
  sqlite3* own_ = nullptr;
  const int thresholdPages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;   // a background checkpoint is asked for or running
  int backfilled_ = 0;        // WAL frames the last checkpoint copied
  int inlineAt_ = 0;          // WAL frames at the writer's last checkpoint (0: none since the WAL started over)
  bool stopping_ = false;
  Counts counts_;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace sowflow::engine::detail
