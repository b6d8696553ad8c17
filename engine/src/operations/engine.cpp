// The Engine: decide -> append -> apply, with projections held in memory and
// an index of open windows for the deadline scheduler. See engine.hpp.
#include "sowflow/engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <shared_mutex>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "journal/hash_chain.hpp"
#include "operations/decide.hpp"

namespace sowflow::engine {
namespace {

using WindowKey = std::tuple<Instant, std::string, std::string, int>;  // deadline, engagement, milestone, version

std::string newEngagementId() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id = "eng-";
  for (int i = 0; i < 16; ++i, bits >>= 4) id += kHex[bits & 0xf];
  return id;
}

bool isConflict(const Error& error) {
  return error.code == ErrorCode::invalid_state && error.message.rfind("conflict", 0) == 0;
}

}  // namespace

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
  Status applyStored(Entry& entry, const StoredEvent& stored) {
    const Engagement& e = *entry.engagement;
    if (stored.seq <= e.lastSeq) return Ok{};  // already applied (our own append)
    // A view, not `cond ? std::string(...) : headHash`, which copied the head
    // hash for every replayed event.
    const std::string_view prev = e.lastSeq == 0 ? std::string_view(kGenesisHash) : std::string_view(e.headHash);
    if (stored.seq != e.lastSeq + 1 || stored.prevHash != prev || !detail::hashMatches(stored)) {
      return makeError(ErrorCode::internal, "engagement " + stored.engagementId + ": event " +
                                                std::to_string(stored.seq) +
                                                " does not continue the hash chain; run `sowflow audit verify`");
    }
    auto event = decodeEvent(stored.type, stored.schemaVersion, stored.payload);
    if (!event) return event.error();
    WorkflowPtr workflow = e.workflow;
    if (const auto* created = std::get_if<EngagementCreated>(&*event)) {
      workflow = catalog->workflow(created->workflow, created->workflowVersion);
      if (!workflow) {
        return makeError(ErrorCode::internal, "engagement " + stored.engagementId + " uses workflow '" +
                                                  created->workflow + "' version " +
                                                  std::to_string(created->workflowVersion) +
                                                  ", which is not loaded");
      }
    }
    apply(writable(entry), stored, std::move(*event), workflow);
    return Ok{};
  }

  Status catchUp(Entry& entry, const std::string& id) {
    for (const auto& stored : store->load(id, entry.engagement->lastSeq + 1)) {
      if (auto applied = applyStored(entry, stored); !applied) return applied;
    }
    reindexWindows(entry);
    return Ok{};
  }

  // Calls f(deadline, milestone, version) for each open window of `e`.
  template <class F>
  static void forEachWindow(const Engagement& e, F&& f) {
    if (e.state != EngagementState::active) return;
    for (const auto& m : e.milestones) {
      const auto* s = m.current();
      if (m.state == MilestoneState::submitted && s && !s->decision) f(s->deadline, m, s->version);
    }
  }

  void reindexWindows(Entry& entry) {
    const Engagement& e = *entry.engagement;
    // Compared in place first: most commands open or close no window, and
    // building the keys (two strings each) after every command showed up.
    // Then the entry's old keys are erased by position and its new ones
    // built once, in the index.
    std::size_t count = 0;
    bool same = true;
    forEachWindow(e, [&](Instant deadline, const MilestoneProgress& m, int version) {
      if (!same) return;
      if (count == entry.windows.size()) {
        same = false;
        return;
      }
      const auto& [oldDeadline, oldId, oldMilestone, oldVersion] = *entry.windows[count++];
      same = oldDeadline == deadline && oldVersion == version && oldMilestone == m.id && oldId == e.id;
    });
    if (same && count == entry.windows.size()) return;
    std::lock_guard lock(windowsMutex);
    for (const auto it : entry.windows) windows.erase(it);
    entry.windows.clear();
    forEachWindow(e, [&](Instant deadline, const MilestoneProgress& m, int version) {
      // Keys hold the engagement id, so no other entry has this one.
      entry.windows.push_back(windows.emplace(deadline, e.id, m.id, version).first);
    });
  }

  void notify(const Engagement& engagement, const std::vector<StoredEvent>& events) {
    std::vector<Listener> copy;
    {
      std::lock_guard lock(listenersMutex);
      copy = listeners;
    }
    for (const auto& listener : copy) listener(engagement, events);
  }

  std::vector<StoredEvent> seal(const Engagement& e, const std::vector<detail::PendingEvent>& pending,
                                const std::string& actor, Instant recordedAt) const {
    std::vector<StoredEvent> sealed;
    sealed.reserve(pending.size());
    // A view of the previous hash, not a copy per command and per event:
    // `sealed` is reserved, so its events (and their hashes) stay put.
    std::string_view prev = e.lastSeq == 0 ? std::string_view(kGenesisHash) : std::string_view(e.headHash);
    std::int64_t seq = e.lastSeq;
    for (const auto& p : pending) {
      sealed.push_back(detail::sealEvent(e.id, ++seq, p.event, p.effectiveAt, recordedAt, actor, prev));
      prev = sealed.back().hash;
    }
    return sealed;
  }

  Result<CommandResult> run(const std::string& id, const Command& command, const std::string& actor);
  // Ends `due` (at most one window per engagement) with one appendMany;
  // returns how many ended. Falls back to run() one by one on a conflict.
  std::size_t endWindows(std::vector<WindowKey> due);
};

Result<CommandResult> Engine::Impl::run(const std::string& id, const Command& command,
                                        const std::string& actor) {
  Entry* entry = lookup(id);
  if (!entry) {  // perhaps created by another process sharing the store
    if (store->load(id, 1).empty()) {
      return makeError(ErrorCode::not_found, "Expected a known engagement, got '" + id + "'", "engagement");
    }
    entry = lookupOrInsert(id);
  }
  CommandResult result;
  {
    std::unique_lock lock(entry->mutex);
    if (auto caught = catchUp(*entry, id); !caught) return caught.error();
    for (int attempt = 0;; ++attempt) {
      const Engagement& e = *entry->engagement;
      const auto calendar = catalog->calendar(e.calendar);
      if (!e.workflow || !calendar) {
        return makeError(ErrorCode::internal, "engagement " + id + " has no workflow or calendar loaded");
      }
      const Instant now = clock.now();
      detail::DecideContext cx{e, *e.workflow, *calendar, now};
      auto primary = detail::decide(cx, command);
      if (!primary) return primary.error();
      if (primary->empty()) break;  // an idempotent repeat: nothing to append
      auto follow = detail::followUps(cx, *primary);
      primary->insert(primary->end(), std::make_move_iterator(follow.begin()),
                    std::make_move_iterator(follow.end()));
      if (const auto* upload = std::get_if<UploadDeliverable>(&command)) {
        const auto& file = std::get<DeliverableUploaded>(primary->front().event).file;
        if (auto put = store->putBlob(file.sha256, upload->bytes); !put) return put.error();
      }
      auto sealed = seal(e, *primary, actor, now);
      auto appended = store->append(id, e.lastSeq, sealed);
      if (!appended) {
        if (attempt == 0 && isConflict(appended.error())) {  // another process got there first
          if (auto caught = catchUp(*entry, id); !caught) return caught.error();
          continue;
        }
        return appended.error();
      }
      Engagement& next = writable(*entry);  // `e` and `cx` are not used below
      for (std::size_t i = 0; i < sealed.size(); ++i) {
        apply(next, sealed[i], std::move((*primary)[i].event), next.workflow);
      }
      reindexWindows(*entry);
      result.events = std::move(sealed);
      break;
    }
    result.snapshot = entry->engagement;
  }
  if (!result.events.empty()) notify(*result.snapshot, result.events);
  return result;
}

std::size_t Engine::Impl::endWindows(std::vector<WindowKey> due) {
  static const std::string kActor = "system:deadline";
  // Entries are locked in engagement-id order, so two callers cannot deadlock.
  std::sort(due.begin(), due.end(), [](const WindowKey& a, const WindowKey& b) {
    return std::get<1>(a) < std::get<1>(b);
  });
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

Engine::Engine(std::shared_ptr<Store> store, std::shared_ptr<const Catalog> catalog, const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(store), std::move(catalog), clock)) {}

Engine::~Engine() = default;

Status Engine::open() {
  // Small batches: the SQL store materialises each batch as a vector of row
  // tuples, and 10,000-row batches made malloc churn (rebuild 3-4x slower).
  constexpr std::size_t kBatch = 256;
  // One buffer for every batch: the store refills its rows in place, reusing
  // their strings (an allocation per text column per event otherwise).
  std::vector<Store::Positioned> rows;
  // An engagement's events mostly come in runs; the entry of the previous
  // row is reused without a look-up.
  std::string entryId;
  Impl::Entry* entry = nullptr;
  std::unique_lock<std::mutex> runLock;  // held over a run within a batch, not taken per row
  for (;;) {
    std::int64_t after;
    {
      std::lock_guard lock(impl_->positionMutex);
      after = impl_->lastPosition;
    }
    impl_->store->readAllInto(after, kBatch, rows);
    for (const auto& row : rows) {
      if (entry == nullptr || row.event.engagementId != entryId) {
        if (runLock) runLock.unlock();
        entry = impl_->lookupOrInsert(row.event.engagementId);
        entryId = row.event.engagementId;
        runLock = std::unique_lock(entry->mutex);
      }
      if (auto applied = impl_->applyStored(*entry, row.event); !applied) return applied;
    }
    if (runLock) runLock.unlock();  // not held while the store reads
    entry = nullptr;
    if (!rows.empty()) {
      std::lock_guard lock(impl_->positionMutex);
      impl_->lastPosition = std::max(impl_->lastPosition, rows.back().position);
    }
    if (rows.size() < kBatch) break;
  }
  std::shared_lock lock(impl_->entriesMutex);
  for (auto& [id, each] : impl_->entries) {
    std::lock_guard entryLock(each->mutex);
    impl_->reindexWindows(*each);
  }
  return Ok{};
}

Result<CommandResult> Engine::create(const CreateEngagement& command, const std::string& actor) {
  auto created = detail::decideCreate(command, *impl_->catalog);
  if (!created) return created.error();
  const Instant now = impl_->clock.now();
  const WorkflowPtr workflow = impl_->catalog->workflow(created->workflow, created->workflowVersion);
  // The event is moved into the batch and, once stored, into the projection:
  // no copy of the engagement's texts.
  std::vector<detail::PendingEvent> pending;
  pending.push_back({std::move(*created), now});
  for (int attempt = 0; attempt < 3; ++attempt) {
    const std::string id = newEngagementId();
    auto* entry = impl_->insert(id);
    std::unique_lock lock(entry->mutex);
    if (entry->engagement->lastSeq != 0) continue;  // id collision: draw again
    Engagement blank;
    blank.id = id;
    auto sealed = impl_->seal(blank, pending, actor, now);
    auto appended = impl_->store->append(id, 0, sealed);
    if (!appended) {
      if (isConflict(appended.error())) continue;
      return appended.error();
    }
    // Applied from the event in hand: no need to decode what was just encoded.
    apply(Impl::writable(*entry), sealed.front(), std::move(pending.front().event), workflow);
    impl_->reindexWindows(*entry);
    CommandResult result{entry->engagement, std::move(sealed)};
    lock.unlock();
    impl_->notify(*result.snapshot, result.events);
    return result;
  }
  return makeError(ErrorCode::internal, "could not allocate an engagement id");
}

Result<CommandResult> Engine::execute(const std::string& engagementId, const Command& command,
                                      const std::string& actor) {
  return impl_->run(engagementId, command, actor);
}

std::optional<Engagement> Engine::find(const std::string& engagementId) const {
  auto* entry = impl_->lookup(engagementId);
  if (!entry) return std::nullopt;
  std::lock_guard lock(entry->mutex);
  if (entry->engagement->lastSeq == 0) return std::nullopt;
  return *entry->engagement;
}

std::shared_ptr<const Engagement> Engine::snapshot(const std::string& engagementId) const {
  auto* entry = impl_->lookup(engagementId);
  if (!entry) return nullptr;
  std::lock_guard lock(entry->mutex);
  if (entry->engagement->lastSeq == 0) return nullptr;
  return entry->engagement;
}

std::vector<Engagement> Engine::list() const {
  std::vector<Engagement> out;
  std::shared_lock lock(impl_->entriesMutex);
  out.reserve(impl_->entries.size());
  for (const auto& [id, entry] : impl_->entries) {
    std::lock_guard entryLock(entry->mutex);
    if (entry->engagement->lastSeq > 0) out.push_back(*entry->engagement);
  }
  std::sort(out.begin(), out.end(), [](const Engagement& a, const Engagement& b) {
    return std::tie(a.createdAt, a.id) < std::tie(b.createdAt, b.id);
  });
  return out;
}

void Engine::refresh(const std::string& engagementId) {
  auto* entry = impl_->lookupOrInsert(engagementId);
  std::lock_guard lock(entry->mutex);
  (void)impl_->catchUp(*entry, engagementId);
}

void Engine::refreshAll() {
  for (const auto& id : impl_->store->engagementIds()) refresh(id);
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

const Catalog& Engine::catalog() const { return *impl_->catalog; }
Store& Engine::store() const { return *impl_->store; }
const Clock& Engine::clock() const { return impl_->clock; }

void Engine::subscribe(Listener listener) {
  std::lock_guard lock(impl_->listenersMutex);
  impl_->listeners.push_back(std::move(listener));
}

}  // namespace sowflow::engine
