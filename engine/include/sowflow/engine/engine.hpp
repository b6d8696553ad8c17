// The Engine: the one entry point through which engagements change.
//
//   command -> decide(const Engagement&, command, now) -> events
//           -> Store::append (one transaction, hash chain)
//           -> apply() each event to the in-memory projection -> result
//
// The Engine keeps every engagement's projection in memory, loaded by
// replaying the store at open(). Writes from other processes sharing the store
// are picked up by refresh() (called before every command on that engagement,
// so a conflict is detected by the store and retried once against fresh state).
// Time comes from the injected Clock.
// Thread-safety: all methods may be called from any thread; commands on one
// engagement are serialised, commands on different engagements run in parallel.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sowflow/engine/commands.hpp"
#include "sowflow/engine/definition_loader.hpp"
#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/store.hpp"

namespace sowflow::engine {

struct CommandResult {
  // The state after the command: an immutable snapshot shared with the
  // engine, not a copy (copying the projection after every command was most
  // of a command's cost). It stays as it is while held; the engine copies
  // the projection before its next change only if a snapshot is still held.
  std::shared_ptr<const Engagement> snapshot;
  std::vector<StoredEvent> events;  // what was appended (empty if idempotent repeat)

  const Engagement& engagement() const { return *snapshot; }
};

// A window that ends at `deadline` unless decided before.
struct OpenWindow {
  std::string engagementId;
  std::string milestone;
  int version = 1;
  Instant deadline;
};

class Engine {
 public:
  Engine(std::shared_ptr<Store> store, std::shared_ptr<const Catalog> catalog, const Clock& clock);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Replays the store into memory. Fails with internal on a broken chain.
  Status open();

  Result<CommandResult> create(const CreateEngagement& command, const std::string& actor);
  Result<CommandResult> execute(const std::string& engagementId, const Command& command,
                                const std::string& actor);

  std::optional<Engagement> find(const std::string& engagementId) const;
  // As find(), without the copy: the current state as an immutable shared
  // snapshot (see CommandResult), or null when unknown.
  std::shared_ptr<const Engagement> snapshot(const std::string& engagementId) const;
  std::vector<Engagement> list() const;
  // As list(), without the copies: every engagement's current snapshot, in
  // the same order (creation time, then id). Exports of the whole portfolio
  // read these, so their memory does not grow with a copy per engagement.
  std::vector<std::shared_ptr<const Engagement>> snapshots() const;
  // Reads newer events appended by other processes into memory.
  void refresh(const std::string& engagementId);
  void refreshAll();

  std::vector<OpenWindow> openWindows() const;
  // The earliest deadline among open windows, for the scheduler to sleep until.
  std::optional<Instant> nextDeadline() const;
  // Ends every window whose deadline is at or before `now` (EndWindow command,
  // effective at the deadline). Returns how many ended.
  std::size_t endDueWindows(Instant now);

  const Catalog& catalog() const;
  Store& store() const;
  const Clock& clock() const;

  // Called after events are appended and applied (read models, metrics,
  // the scheduler). Runs under no engine lock.
  using Listener = std::function<void(const Engagement&, const std::vector<StoredEvent>&)>;
  void subscribe(Listener listener);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sowflow::engine
