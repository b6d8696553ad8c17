// GroupCommit: appends arriving from many threads at once share one
// transaction, so one fsync acknowledges all of them (the classic leader /
// follower group commit of database logs).
//
// A caller enqueues its append and waits. If no group is being written, it
// becomes the leader: it takes every append queued so far and hands them to
// the `write` function (one transaction), then wakes each caller with its own
// result. Appends that arrive while a group is being written form the next
// group, so under load groups grow by themselves and with one caller nothing
// waits. Each caller returns only after the transaction holding its events
// committed (or failed): "durable before acknowledged" is unchanged.
//
// Each waiter sleeps on its own condition variable: a finished group wakes
// only its members, and the first append queued meanwhile is handed the lead
// directly. One shared variable woke every waiter after every group (dozens
// under load, on two cores), and most of them only went back to sleep.
// Thread-safety: submit() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "sowflow/engine/journal.hpp"
#include "sowflow/engine/result.hpp"

namespace sowflow::engine::detail {

// One caller's append, owned by the caller's stack frame while it waits.
struct PendingAppend {
  const std::string* engagementId = nullptr;
  std::int64_t expectedLastSeq = 0;
  const std::vector<StoredEvent>* events = nullptr;
  // Set by the group's writer: the append's own outcome, or the database
  // failure (disk full, server gone) to rethrow in the caller's thread.
  Status result = Ok{};
  std::exception_ptr failure;
  // Guarded by GroupCommit's mutex: written (done), or asked to lead the
  // next group (lead); `wake` is signalled for either.
  bool done = false;
  bool lead = false;
  std::condition_variable wake;
};

class GroupCommit {
 public:
  // Writes a whole group in one transaction, setting each member's result or
  // failure; it must not throw.
  using Writer = std::function<void(const std::vector<PendingAppend*>& group)>;

  explicit GroupCommit(Writer write) : write_(std::move(write)) {}

  // Returns once `mine` is written; rethrows its failure, if any.
  Status submit(PendingAppend& mine);

  // How many groups and appends were written, for benchmarks and tests.
  struct Counts {
    std::uint64_t groups = 0;
    std::uint64_t appends = 0;
  };
  Counts counts() const;
  // Appends waiting for the next group (lets tests line callers up).
  std::size_t queued() const;

 private:
  Writer write_;
  mutable std::mutex mutex_;
  std::vector<PendingAppend*> queued_;
  bool writing_ = false;  // a group is being written, or its leader is handed the lead
  Counts counts_;
};

}  // namespace sowflow::engine::detail
