// Engine::Impl: the engine's in-memory state -- one projection per
// engagement (copy-on-write snapshots), the index of open windows the
// deadline scheduler reads, the listeners -- and the steps that commands
// (engine_commands.cpp), replay (engine.cpp) and deadlines
// (deadline_windows.cpp) share. Internal to the engine library.
//
// Locking: an entry's mutex guards its projection and its window positions;
// entriesMutex guards the map of entries (entries are never erased, so an
// Entry* stays valid); windowsMutex guards the index. Never take an entry's
// mutex while holding windowsMutex.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "operations/decide.hpp"
#include "sowflow/engine/engine.hpp"

namespace sowflow::engine {

using WindowKey =
    std::tuple<Instant, std::string, std::string, int>;  // deadline, engagement, milestone, version

bool isConflict(const Error& error);

struct Engine::Impl {
  std::shared_ptr<Store> store;
  std::shared_ptr<const Catalog> catalog;
  const Clock& clock;

  struct Entry {
    std::mutex mutex;
    // Shared with the snapshots handed out (CommandResult, snapshot()); only
    // changed through writable() below. Never null.
    std::shared_ptr<Engagement> engagement = std::make_shared<Engagement>();
    // This engagement's entries in the index `windows` below, by position:
    // removed without a look-up, compared without a copy of the key. Only
    // reindexWindows, under this entry's mutex, inserts or erases them, and a
    // set node's key never changes, so reading them needs only that mutex
    // (other entries' inserts and erases touch the tree's links, not keys).
    std::vector<std::set<WindowKey>::iterator> windows;
  };
  mutable std::shared_mutex entriesMutex;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries;  // never erased

  mutable std::mutex windowsMutex;
  std::set<WindowKey> windows;

  std::mutex listenersMutex;
  std::vector<Listener> listeners;

  std::mutex positionMutex;
  std::int64_t lastPosition = 0;

  Impl(std::shared_ptr<Store> s, std::shared_ptr<const Catalog> c, const Clock& k)
      : store(std::move(s)), catalog(std::move(c)), clock(k) {}

  Entry* lookup(const std::string& id) const {
    std::shared_lock lock(entriesMutex);
    const auto it = entries.find(id);
    return it == entries.end() ? nullptr : it->second.get();
  }

  // The projection to apply events to; REQUIRES entry.mutex held. A snapshot
  // handed out must never change, so while one is still held the projection
  // is copied first (copy-on-write). The usual case -- the last result was
  // already dropped -- costs nothing. New references are only taken under
  // entry.mutex, so a count of 1 cannot grow while we write (nothing hands
  // out weak_ptrs that could be locked meanwhile).
  static Engagement& writable(Entry& entry) {
    if (entry.engagement.use_count() != 1) {
      entry.engagement = std::make_shared<Engagement>(*entry.engagement);
    } else {
      // Pairs with the release in the last other holder's decrement, so its
      // reads of the snapshot happen before our writes.
      std::atomic_thread_fence(std::memory_order_acquire);
    }
    return *entry.engagement;
  }

  Entry* lookupOrInsert(const std::string& id) {
    if (auto* found = lookup(id)) return found;
    return insert(id);
  }

  // The entry of `id`, made if missing, without trying the shared look-up
  // first (create()'s fresh ids are never there).
  Entry* insert(const std::string& id) {
    std::unique_lock lock(entriesMutex);
    auto& slot = entries[id];
    if (!slot) slot = std::make_unique<Entry>();
    return slot.get();
  }

  // Applies one stored event after checking it continues the chain.
  Status applyStored(Entry& entry, const StoredEvent& stored);

  Status catchUp(Entry& entry, const std::string& id);

  // Calls f(deadline, milestone, version) for each open window of `e`.
  template <class F>
  static void forEachWindow(const Engagement& e, F&& f) {
    if (e.state != EngagementState::active) return;
    for (const auto& m : e.milestones) {
      const auto* s = m.current();
      if (m.state == MilestoneState::submitted && s && !s->decision) f(s->deadline, m, s->version);
    }
  }

  void reindexWindows(Entry& entry);

  void notify(const Engagement& engagement, const std::vector<StoredEvent>& events);

  std::vector<StoredEvent> seal(const Engagement& e,
                                const std::vector<detail::PendingEvent>& pending,
                                const std::string& actor, Instant recordedAt) const;

  Result<CommandResult> run(const std::string& id, const Command& command,
                            const std::string& actor);
  // Ends `due` (at most one window per engagement) with one appendMany;
  // returns how many ended. Falls back to run() one by one on a conflict.
  std::size_t endWindows(std::vector<WindowKey> due);
};

}  // namespace sowflow::engine
