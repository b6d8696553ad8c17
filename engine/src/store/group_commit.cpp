#include "store/group_commit.hpp"

namespace sowflow::engine::detail {

Status GroupCommit::submit(PendingAppend& mine) {
  std::unique_lock lock(mutex_);
  queued_.push_back(&mine);
  if (writing_) {
    mine.wake.wait(lock, [&] { return mine.done || mine.lead; });
  } else {
    writing_ = true;
  }
  if (!mine.done) {
    // Lead the group of everything queued, ourselves included.
    std::vector<PendingAppend*> group;
    group.swap(queued_);
    lock.unlock();
    write_(group);
    lock.lock();
    // Notified under the lock: a member may return (and its PendingAppend
    // go away) only once it holds the lock again, after we let go of it.
    // The next leader is woken before the members: the writer stood idle
    // between groups for as long as that thread waited for a core behind
    // the members it was woken after (a quarter of the time at 64
    // connections on two cores; this cut it by about a sixth).
    if (queued_.empty()) {
      writing_ = false;
    } else {
      PendingAppend* next = queued_.front();  // writing_ stays true: it is taken
      next->lead = true;
      next->wake.notify_one();
    }
    for (PendingAppend* member : group) {
      member->done = true;
      if (member != &mine) member->wake.notify_one();
    }
    ++counts_.groups;
    counts_.appends += group.size();
  }
  lock.unlock();
  if (mine.failure) std::rethrow_exception(mine.failure);
  return mine.result;
}

GroupCommit::Counts GroupCommit::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

std::size_t GroupCommit::queued() const {
  std::lock_guard lock(mutex_);
  return queued_.size();
}

}  // namespace sowflow::engine::detail
