#include "store/wal_checkpointer.hpp"

#include <filesystem>
#include <stdexcept>

#include <sqlite3.h>

namespace sowflow::engine::detail {

namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path, Options options)
    : writer_(writer),
      walPath_(path + "-wal"),
      options_(options),
      lastCommit_(std::chrono::steady_clock::now()) {
  const int rc = sqlite3_open_v2(path.c_str(), &own_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = own_ != nullptr ? sqlite3_errmsg(own_) : sqlite3_errstr(rc);
    sqlite3_close(own_);
    throw std::runtime_error("checkpoint connection to " + path + ": " + why);
  }
  sqlite3_busy_timeout(own_, kBusyTimeoutMs);
  // A connection opens the WAL on its first read; until then a checkpoint
  // through it finds no WAL and does nothing.
  sqlite3_exec(own_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  thread_ = std::thread([this] { run(); });
  sqlite3_wal_hook(writer_, &WalCheckpointer::onCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(own_);
}

WalCheckpointer::Step WalCheckpointer::stepAfterCommit(int walPages, const Progress& progress,
                                                       const Options& options) {
  const int thresholdPages = options.thresholdPages;
  const int bound = options.boundPages;
  const int rest = walPages - progress.backfilled;
  if (walPages < bound) {
    return rest >= thresholdPages && !progress.requested ? Step::wakeThread : Step::nothing;
  }
  // After a checkpoint here that worked, a reader may still have kept the
  // WAL from starting over: not again for a threshold's worth of pages.
  const bool triedLately = progress.inlineAt != 0 && walPages - progress.inlineAt < thresholdPages;
  const bool restIsShort = rest <= options.shortRestPages;
  if (!triedLately && (restIsShort || walPages >= 2 * bound)) return Step::checkpointHere;
  return progress.requested ? Step::nothing : Step::wakeThread;
}

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int walPages) {
  auto& me = *static_cast<WalCheckpointer*>(self);
  std::unique_lock lock(me.mutex_);
  me.lastCommit_ = std::chrono::steady_clock::now();
  if (walPages < me.progress_.backfilled) {  // the WAL started over
    me.progress_.backfilled = me.progress_.inlineAt = 0;
  }
  switch (stepAfterCommit(walPages, me.progress_, me.options_)) {
    case Step::nothing:
      break;
    case Step::wakeThread:
      me.progress_.requested = true;
      me.wake_.notify_one();
      break;
    case Step::checkpointHere: {
      // While the thread's checkpoint runs this one fails at once
      // (SQLITE_BUSY) and a later commit tries again. This commit has
      // succeeded either way.
      lock.unlock();
      int copied = 0;
      const int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
      lock.lock();
      if (rc == SQLITE_OK) {
        me.progress_.backfilled = copied;
        me.progress_.inlineAt = walPages;
        ++me.counts_.inline_;
      }
      break;
    }
  }
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  // lastCommit_ as of the last lull handled: one try per lull, however it went.
  std::chrono::steady_clock::time_point lullHandledFor{};
  while (true) {
    const bool handled = lullHandledFor == lastCommit_;
    const auto until = (handled ? std::chrono::steady_clock::now() : lastCommit_) + options_.lull;
    const bool asked = wake_.wait_until(lock, until, [&] { return progress_.requested || stopping_; });
    if (stopping_) return;
    if (!asked) {
      if (lullHandledFor == lastCommit_ || std::chrono::steady_clock::now() - lastCommit_ < options_.lull) continue;
      lullHandledFor = lastCommit_;
      lock.unlock();
      truncateIfLarge();
      lock.lock();
      continue;
    }
    lock.unlock();
    // SQLITE_BUSY (another connection's checkpoint is running) is fine: the
    // next commit past the threshold asks again.
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
    lock.lock();
    if (rc == SQLITE_OK) progress_.backfilled = copied;
    progress_.requested = false;
    ++counts_.background;
  }
}

void WalCheckpointer::truncateIfLarge() {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(walPath_, error);
  if (error || bytes <= options_.keepWalBytes) return;
  // Waits (busy_timeout) for the writer and the readers to let go; a
  // failure leaves the file as it is until the lull after the next write.
  if (sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) != SQLITE_OK) return;
  std::lock_guard lock(mutex_);
  progress_.backfilled = progress_.inlineAt = 0;
  ++counts_.truncated;
}

WalCheckpointer::Counts WalCheckpointer::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace sowflow::engine::detail
