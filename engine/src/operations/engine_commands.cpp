// Commands: decide against the current projection, seal, append, apply.
// create() draws a fresh id; run() serves every other command and retries
// once after catching up when another process appended first.
#include <random>

#include "operations/engine_state.hpp"

namespace sowflow::engine {
namespace {

std::string newEngagementId() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id = "eng-";
  for (int i = 0; i < 16; ++i, bits >>= 4) id += kHex[bits & 0xf];
  return id;
}

}  // namespace

Result<CommandResult> Engine::Impl::run(const std::string& id, const Command& command,
                                        const std::string& actor) {
  Entry* entry = lookup(id);
  if (!entry) {  // perhaps created by another process sharing the store
    if (store->load(id, 1).empty()) {
      return makeError(ErrorCode::not_found, "Expected a known engagement, got '" + id + "'",
                       "engagement");
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
        return makeError(ErrorCode::internal,
                         "engagement " + id + " has no workflow or calendar loaded");
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

Result<CommandResult> Engine::create(const CreateEngagement& command, const std::string& actor) {
  auto created = detail::decideCreate(command, *impl_->catalog);
  if (!created) return created.error();
  const Instant now = impl_->clock.now();
  const WorkflowPtr workflow =
      impl_->catalog->workflow(created->workflow, created->workflowVersion);
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

}  // namespace sowflow::engine
