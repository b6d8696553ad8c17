#include "operations/engine_state.hpp"

#include <string_view>

#include "journal/hash_chain.hpp"

namespace sowflow::engine {

bool isConflict(const Error& error) {
  return error.code == ErrorCode::invalid_state && error.message.rfind("conflict", 0) == 0;
}

Status Engine::Impl::applyStored(Entry& entry, const StoredEvent& stored) {
  const Engagement& e = *entry.engagement;
  if (stored.seq <= e.lastSeq) return Ok{};  // already applied (our own append)
  // A view, not `cond ? std::string(...) : headHash`, which copied the head
  // hash for every replayed event.
  const std::string_view prev =
      e.lastSeq == 0 ? std::string_view(kGenesisHash) : std::string_view(e.headHash);
  if (stored.seq != e.lastSeq + 1 || stored.prevHash != prev || !detail::hashMatches(stored)) {
    return makeError(ErrorCode::internal,
                     "engagement " + stored.engagementId + ": event " + std::to_string(stored.seq) +
                         " does not continue the hash chain; run `sowflow audit verify`");
  }
  auto event = decodeEvent(stored.type, stored.schemaVersion, stored.payload);
  if (!event) return event.error();
  WorkflowPtr workflow = e.workflow;
  if (const auto* created = std::get_if<EngagementCreated>(&*event)) {
    workflow = catalog->workflow(created->workflow, created->workflowVersion);
    if (!workflow) {
      return makeError(ErrorCode::internal,
                       "engagement " + stored.engagementId + " uses workflow '" +
                           created->workflow + "' version " +
                           std::to_string(created->workflowVersion) + ", which is not loaded");
    }
  }
  apply(writable(entry), stored, std::move(*event), workflow);
  return Ok{};
}

Status Engine::Impl::catchUp(Entry& entry, const std::string& id) {
  for (const auto& stored : store->load(id, entry.engagement->lastSeq + 1)) {
    if (auto applied = applyStored(entry, stored); !applied) return applied;
  }
  reindexWindows(entry);
  return Ok{};
}

void Engine::Impl::reindexWindows(Entry& entry) {
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
    same =
        oldDeadline == deadline && oldVersion == version && oldMilestone == m.id && oldId == e.id;
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

void Engine::Impl::notify(const Engagement& engagement, const std::vector<StoredEvent>& events) {
  std::vector<Listener> copy;
  {
    std::lock_guard lock(listenersMutex);
    copy = listeners;
  }
  for (const auto& listener : copy) listener(engagement, events);
}

std::vector<StoredEvent> Engine::Impl::seal(const Engagement& e,
                                            const std::vector<detail::PendingEvent>& pending,
                                            const std::string& actor, Instant recordedAt) const {
  std::vector<StoredEvent> sealed;
  sealed.reserve(pending.size());
  // A view of the previous hash, not a copy per command and per event:
  // `sealed` is reserved, so its events (and their hashes) stay put.
  std::string_view prev =
      e.lastSeq == 0 ? std::string_view(kGenesisHash) : std::string_view(e.headHash);
  std::int64_t seq = e.lastSeq;
  for (const auto& p : pending) {
    sealed.push_back(
        detail::sealEvent(e.id, ++seq, p.event, p.effectiveAt, recordedAt, actor, prev));
    prev = sealed.back().hash;
  }
  return sealed;
}

}  // namespace sowflow::engine
