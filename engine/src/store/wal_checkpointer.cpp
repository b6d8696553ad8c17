#include "store/wal_checkpointer.hpp"

#include <stdexcept>

#include <sqlite3.h>

namespace sowflow::engine::detail {

namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path, int thresholdPages)
    : writer_(writer), thresholdPages_(thresholdPages) {
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

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int walPages) {
  auto& me = *static_cast<WalCheckpointer*>(self);
  std::unique_lock lock(me.mutex_);
  if (walPages < me.backfilled_) me.backfilled_ = me.inlineAt_ = 0;  // the WAL started over
  if (walPages >= me.thresholdPages_ * kInlineFactor) {
    // The bound (see the header): copied here, in the writer, the WAL is
    // whole in the database file when the next write begins and can start
    // over. While the thread's checkpoint runs this one fails at once
    // (SQLITE_BUSY) and the next commit tries again; after one that worked,
    // should a reader still keep the WAL from starting over, not again for
    // a threshold's worth of pages. This commit has succeeded either way.
    if (me.inlineAt_ != 0 && walPages - me.inlineAt_ < me.thresholdPages_) return SQLITE_OK;
    lock.unlock();
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
    lock.lock();
    if (rc == SQLITE_OK) {
      me.backfilled_ = copied;
      me.inlineAt_ = walPages;
      ++me.counts_.inline_;
    }
  } else if (walPages - me.backfilled_ >= me.thresholdPages_ && !me.requested_) {
    me.requested_ = true;
    me.wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return requested_ || stopping_; });
    if (stopping_) return;
    lock.unlock();
    // SQLITE_BUSY (another connection's checkpoint is running) is fine: the
    // next commit past the threshold asks again.
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
    lock.lock();
    if (rc == SQLITE_OK) backfilled_ = copied;
    requested_ = false;
    ++counts_.background;
  }
}

WalCheckpointer::Counts WalCheckpointer::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace sowflow::engine::detail
