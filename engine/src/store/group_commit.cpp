#include "store/group_commit.hpp"

namespace sowflow::engine::detail {

Status GroupCommit::submit(PendingAppend& mine) {
  std::unique_lock lock(mutex_);
  queued_.push_back(&mine);
  while (!mine.done) {
    if (writing_) {
      written_.wait(lock);
      continue;
    }
    // No group in flight and we are not done, so no leader has taken us:
    // lead the group of everything queued, ourselves included.
    writing_ = true;
    std::vector<PendingAppend*> group;
    group.swap(queued_);
    lock.unlock();
    write_(group);
    lock.lock();
    for (PendingAppend* member : group) member->done = true;
    writing_ = false;
    ++counts_.groups;
    counts_.appends += group.size();
    written_.notify_all();
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
