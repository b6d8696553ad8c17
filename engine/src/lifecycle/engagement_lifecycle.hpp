// The engagement lifecycle machine (SPEC §2), built with Boost.Statechart:
// draft -> active{survey -> design -> delivery -> acceptance} -> completed,
// or cancelled from draft or active. The table is at the top of
// engagement_lifecycle.cpp. Same contract as MilestoneLifecycle: rebuilt by
// replay, never throws, unhandled triggers come back as typed errors.
// Thread-safety: one instance per thread.
#pragma once

#include <memory>
#include <optional>

#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/workflow.hpp"

namespace sowflow::engine::detail {

enum class EngagementTrigger { activate, cancel, stage_complete, complete };
const char* toString(EngagementTrigger trigger);

struct EngagementPosition {
  EngagementState state = EngagementState::draft;
  std::optional<Stage> stage;  // set while active
};

struct EngagementGuards {
  bool finalMilestoneClosed = false;  // the final acceptance milestone is (deemed) accepted
  bool reasonGiven = true;            // cancel needs a reason
};

class EngagementLifecycle {
 public:
  EngagementLifecycle();  // in `draft`
  ~EngagementLifecycle();
  EngagementLifecycle(EngagementLifecycle&&) noexcept;
  EngagementLifecycle& operator=(EngagementLifecycle&&) noexcept;

  static EngagementLifecycle replay(const Engagement& engagement);

  Result<EngagementPosition> fire(EngagementTrigger trigger, const EngagementGuards& guards);
  EngagementPosition position() const;

 private:
  struct Machine;
  std::unique_ptr<Machine> machine_;
};

}  // namespace sowflow::engine::detail
