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
// up to max_wal_size. Past Options::boundPages the thread runs its
// checkpoints back to back, each leaving only what was committed while it
// ran, and as soon as that rest is short (Options::shortRestPages) the
// committing connection copies it itself, so the WAL can start over: a
// stall of a few milliseconds, where copying the whole backlog took ~80.
// At twice the bound it copies whatever is left, short or not, so the bound
// holds even if the disk cannot keep up.
//
// Starting over does not shrink the file: the next frames overwrite the old
// ones in place (journal_size_limit is off, sqlite_store.cpp). Cutting the
// file back there, under load, freed hundreds of MiB of blocks in the
// middle of the commits and stalled every decision for ~90 ms. The file is
// cut back instead after a lull (Options::lull) with no commit at all, by a
// TRUNCATE checkpoint; a write that arrives meanwhile waits for it.
// Thread-safety: the hook runs in the committing thread; counts() from any.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace sowflow::engine::detail {

class WalCheckpointer {
 public:
  struct Options {
    // A quarter of SQLite's own 1,000: each checkpoint's fsync of the
    // database file is smaller, and so is the delay it adds to the commits'
    // fsyncs beside it (decisions' p99 26-33 ms against 28-38 ms in four
    // alternating pairs), for ~10% fewer decisions per second at saturation.
    int thresholdPages = 250;
    int boundPages = 64000;     // ~256 MiB of 4 KiB pages
    int shortRestPages = 250;   // ~1 MiB: copied and synced in a few ms
    std::chrono::milliseconds lull{std::chrono::seconds(30)};
    std::uintmax_t keepWalBytes = 64u << 20;  // a WAL file up to this size is left as it is after a lull
  };

  // What a commit that left `walPages` in the WAL leads to.
  enum class Step { nothing, wakeThread, checkpointHere };
  struct Progress {
    int backfilled = 0;  // WAL frames the last checkpoint copied
    int inlineAt = 0;    // WAL frames at the writer's last checkpoint (0: none since the WAL started over)
    bool requested = false;  // a background checkpoint is asked for or running
  };
  static Step stepAfterCommit(int walPages, const Progress& progress, const Options& options);

  // Opens its own connection to `path` and installs the hook on `writer`,
  // whose commits it follows. Throws std::runtime_error naming the path if
  // the connection cannot be opened.
  WalCheckpointer(sqlite3* writer, const std::string& path, Options options);
  WalCheckpointer(sqlite3* writer, const std::string& path) : WalCheckpointer(writer, path, Options{}) {}
  // Removes the hook and stops the thread; the writer must be idle.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  struct Counts {
    std::uint64_t background = 0;  // checkpoints run by the thread
    std::uint64_t inline_ = 0;     // ... by the committing connection, past the bound
    std::uint64_t truncated = 0;   // WAL files cut back after a lull
  };
  Counts counts() const;

 private:
  static int onCommit(void* self, sqlite3* db, const char* schema, int walPages);
  void run();
  // In a lull: the WAL file back to empty if it grew past keepWalBytes.
  void truncateIfLarge();

  sqlite3* writer_;
  sqlite3* own_ = nullptr;
  const std::string walPath_;
  const Options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  Progress progress_;
  std::chrono::steady_clock::time_point lastCommit_;
  bool stopping_ = false;
  Counts counts_;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace sowflow::engine::detail
