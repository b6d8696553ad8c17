// The Engine: decide -> append -> apply, with projections held in memory and
// an index of open windows for the deadline scheduler. See engine.hpp; the
// state it keeps is in engine_state.hpp, commands in engine_commands.cpp and
// window ends in deadline_windows.cpp. This file holds replay and reads.
#include "sowflow/engine/engine.hpp"

#include <algorithm>
#include <tuple>

#include "operations/engine_state.hpp"

namespace sowflow::engine {

Engine::Engine(std::shared_ptr<Store> store, std::shared_ptr<const Catalog> catalog,
               const Clock& clock)
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
  const auto all = snapshots();
  out.reserve(all.size());
  for (const auto& engagement : all) out.push_back(*engagement);
  return out;
}

std::vector<std::shared_ptr<const Engagement>> Engine::snapshots() const {
  std::vector<std::shared_ptr<const Engagement>> out;
  std::shared_lock lock(impl_->entriesMutex);
  out.reserve(impl_->entries.size());
  for (const auto& [id, entry] : impl_->entries) {
    std::lock_guard entryLock(entry->mutex);
    if (entry->engagement->lastSeq > 0) out.push_back(entry->engagement);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a->createdAt, a->id) < std::tie(b->createdAt, b->id);
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

const Catalog& Engine::catalog() const { return *impl_->catalog; }
Store& Engine::store() const { return *impl_->store; }
const Clock& Engine::clock() const { return impl_->clock; }

void Engine::subscribe(Listener listener) {
  std::lock_guard lock(impl_->listenersMutex);
  impl_->listeners.push_back(std::move(listener));
}
}  // namespace sowflow::engine
