// The milestone lifecycle machine (SPEC §2), built with Boost.Statechart.
// The transition table is at the top of milestone_lifecycle.cpp.
//
// The machine decides; it is not stored. Engine code rebuilds it from a
// milestone's projection (replay) and asks it whether a trigger is legal.
// fire() never throws: a trigger the current state does not handle, or a
// failed guard, comes back as an Error naming the state and the trigger.
// Thread-safety: one instance per thread.
#pragma once

#include <memory>

#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/workflow.hpp"

namespace sowflow::engine::detail {

enum class MilestoneTrigger { start, submit, accept, object, rework, window_end };
const char* toString(MilestoneTrigger trigger);

// The facts guards look at, gathered by the caller from the projection.
struct MilestoneGuards {
  bool allDeliverablesPresent = true;
  bool windowOpen = true;
  OnSilence onSilence = OnSilence::deemed_accepted;
};

class MilestoneLifecycle {
 public:
  MilestoneLifecycle();  // in `planned`
  ~MilestoneLifecycle();
  MilestoneLifecycle(MilestoneLifecycle&&) noexcept;
  MilestoneLifecycle& operator=(MilestoneLifecycle&&) noexcept;

  // Rebuilds the machine by replaying the triggers that led to `progress`
  // (start, then per submission: submit, its decision, rework if one followed).
  static MilestoneLifecycle replay(const MilestoneProgress& progress, OnSilence onSilence);

  // Errors: invalid_state for a trigger not in the table for the current state
  // ("Expected milestone to be in a state that allows 'accept', but it is
  // 'planned'"), invalid_argument / window_closed for failed guards. A refused
  // trigger leaves the machine where it was.
  // REQUIRES: *this was not moved from.
  Result<MilestoneState> fire(MilestoneTrigger trigger, const MilestoneGuards& guards);
  MilestoneState state() const;

 private:
  struct Machine;
  std::unique_ptr<Machine> machine_;
};

}  // namespace sowflow::engine::detail
