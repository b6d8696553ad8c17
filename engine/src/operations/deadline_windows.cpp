// Open windows: the index the scheduler reads, and ending the due ones.
#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "operations/engine_state.hpp"

namespace sowflow::engine {

std::size_t Engine::Impl::endWindows(std::vector<WindowKey> due) {
  static const std::string kActor = "system:deadline";
  // Entries are locked in engagement-id order, so two callers cannot deadlock.
  std::sort(due.begin(), due.end(),
            [](const WindowKey& a, const WindowKey& b) { return std::get<1>(a) < std::get<1>(b); });
  struct Work {
    Entry* entry;
    std::vector<detail::PendingEvent> pending;
  };
  std::vector<std::unique_lock<std::mutex>> locks;
  std::vector<Work> work;
  std::vector<AppendBatch> batches;
  locks.reserve(due.size());
  work.reserve(due.size());
  batches.reserve(due.size());
  const Instant now = clock.now();
  for (const auto& [deadline, id, milestone, version] : due) {
    Entry* entry = lookup(id);
    if (!entry) continue;  // indexed windows always have an entry
    locks.emplace_back(entry->mutex);
    // Decided exactly as run() decides one EndWindow, except that the store is
    // not re-read per window: appendMany checks every batch against the
    // stored head, and if another process wrote to one of these engagements
    // the whole chunk is redone below through run(), which catches up first.
    const Engagement& e = *entry->engagement;
    const auto calendar = catalog->calendar(e.calendar);
    if (!e.workflow || !calendar) continue;
    detail::DecideContext cx{e, *e.workflow, *calendar, now};
    auto primary = detail::decide(cx, EndWindow{milestone, version});
    if (!primary || primary->empty()) continue;  // refused, or ended already
    auto follow = detail::followUps(cx, *primary);
    primary->insert(primary->end(), std::make_move_iterator(follow.begin()),
                    std::make_move_iterator(follow.end()));
    batches.push_back(AppendBatch{id, e.lastSeq, seal(e, *primary, kActor, now)});
    work.push_back(Work{entry, std::move(*primary)});
  }
  if (batches.empty()) return 0;
  if (auto appended = store->appendMany(batches); !appended) {
    // Another process wrote to one of these engagements (or a batch was
    // refused): nothing was stored, so redo the chunk one window at a time,
    // where each append is checked and retried on its own.
    locks.clear();
    std::size_t ended = 0;
    for (const auto& [deadline, id, milestone, version] : due) {
      auto result = run(id, EndWindow{milestone, version}, kActor);
      if (result && !result->events.empty()) ++ended;
    }
    return ended;
  }
  bool anyListener = false;
  {
    std::lock_guard lock(listenersMutex);
    anyListener = !listeners.empty();
  }
  std::vector<CommandResult> results;  // for listeners only: nobody else sees them
  if (anyListener) results.reserve(work.size());
  for (std::size_t i = 0; i < work.size(); ++i) {
    Engagement& e = writable(*work[i].entry);
    auto& sealed = batches[i].events;
    for (std::size_t k = 0; k < sealed.size(); ++k) {
      apply(e, sealed[k], std::move(work[i].pending[k].event), e.workflow);
    }
    reindexWindows(*work[i].entry);
    if (anyListener) results.push_back(CommandResult{work[i].entry->engagement, std::move(sealed)});
  }
  locks.clear();
  for (const auto& result : results) notify(*result.snapshot, result.events);
  return work.size();
}

std::vector<OpenWindow> Engine::openWindows() const {
  std::lock_guard lock(impl_->windowsMutex);
  std::vector<OpenWindow> out;
  out.reserve(impl_->windows.size());
  for (const auto& [deadline, id, milestone, version] : impl_->windows) {
    out.push_back({id, milestone, version, deadline});
  }
  return out;
}

std::optional<Instant> Engine::nextDeadline() const {
  std::lock_guard lock(impl_->windowsMutex);
  if (impl_->windows.empty()) return std::nullopt;
  return std::get<0>(*impl_->windows.begin());
}

// Group commit: due windows are ended a chunk at a time, every chunk's
// deemed acceptances (with their follow-ups) stored in one transaction, so a
// start-up after long downtime pays one fsync per chunk, not per window.
// A chunk holds at most one window per engagement (its batch is decided
// against that engagement's head); the others wait for a later round.
std::size_t Engine::endDueWindows(Instant now) {
  constexpr std::size_t kChunk = 1000;
  std::set<WindowKey> tried;  // never retried in this call, ended or not
  std::size_t ended = 0;
  for (;;) {
    // One snapshot of the due windows, then chunks cut from it in deadline
    // order; re-scanning the index per chunk made catch-up quadratic.
    std::vector<WindowKey> pending;
    {
      std::lock_guard lock(impl_->windowsMutex);
      for (const auto& key : impl_->windows) {
        if (std::get<0>(key) > now) break;
        if (tried.count(key) == 0) pending.push_back(key);
      }
    }
    if (pending.empty()) break;
    tried.insert(pending.begin(), pending.end());
    std::vector<WindowKey> later;  // a second window of an engagement already in the chunk
    std::size_t next = 0;
    while (next < pending.size() || !later.empty()) {
      if (next == pending.size()) {
        pending = std::move(later);
        later.clear();
        next = 0;
      }
      std::vector<WindowKey> chunk;
      chunk.reserve(std::min(kChunk, pending.size() - next));
      std::unordered_set<std::string_view> engagements;  // views of ids in `chunk`
      while (next < pending.size() && chunk.size() < kChunk) {
        WindowKey& key = pending[next++];
        if (engagements.count(std::get<1>(key)) != 0) {
          later.push_back(std::move(key));
          continue;
        }
        chunk.push_back(std::move(key));
        engagements.insert(std::get<1>(chunk.back()));  // chunk never reallocates: reserved
      }
      ended += impl_->endWindows(std::move(chunk));
    }
  }
  return ended;
}

}  // namespace sowflow::engine
