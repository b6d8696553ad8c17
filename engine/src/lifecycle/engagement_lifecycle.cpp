// Engagement lifecycle (SPEC §2). One row per transition; the states below follow this order.
// `active` has nested stages, entered at `survey`.
//
// clang-format off
//   draft             + EvActivate                               = active.survey
//   draft             + EvCancel        [reason given]           = cancelled
//   active (any)      + EvCancel        [reason given]           = cancelled
//   active.survey     + EvStageComplete                          = active.design
//   active.design     + EvStageComplete                          = active.delivery
//   active.delivery   + EvStageComplete                          = active.acceptance
//   active (any)      + EvComplete      [final milestone closed] = completed
// clang-format on
//
// Failed guards: cancel -> invalid_argument naming `reason`; complete ->
// invalid_state. Anything else is rejected as invalid_state (see
// unconsumed_event below). The engine fires EvComplete only once the final
// acceptance milestone is closed; the guard checks it anyway.

#include "lifecycle/engagement_lifecycle.hpp"

#include <boost/mpl/list.hpp>
#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/event.hpp>
#include <boost/statechart/state.hpp>
#include <boost/statechart/state_machine.hpp>
#include <boost/statechart/transition.hpp>
#include <string>

#include "lifecycle/state_pool.hpp"

namespace sowflow::engine::detail {
namespace engagement_sc {

namespace sc = boost::statechart;
namespace mpl = boost::mpl;

// ---- Events: one per trigger; guarded ones carry the facts their guard reads.
struct EvActivate : sc::event<EvActivate> {};
struct EvCancel : sc::event<EvCancel> {
  explicit EvCancel(bool given) : reasonGiven(given) {}
  bool reasonGiven;
};
struct EvStageComplete : sc::event<EvStageComplete> {};
struct EvComplete : sc::event<EvComplete> {
  explicit EvComplete(bool closed) : finalMilestoneClosed(closed) {}
  bool finalMilestoneClosed;
};

// ---- Guards, named as the table names them.
bool reasonGiven(const EvCancel& evt) { return evt.reasonGiven; }
bool finalMilestoneClosed(const EvComplete& evt) { return evt.finalMilestoneClosed; }

enum class Rejection { none, invalid_state, reason_missing, final_milestone_open };

// ---- The machine.
struct Draft;
struct EngagementMachine
    : sc::state_machine<EngagementMachine, Draft, StatePoolAllocator<sc::none>> {
  // The library's default silently drops an event no state reacts to.
  void unconsumed_event(const sc::event_base&) { rejection = Rejection::invalid_state; }

  EngagementPosition position;  // kept by the states' constructors
  Rejection rejection = Rejection::none;
};

// An outer state records its EngagementState on entry (and clears the stage);
// a stage inside `active` records its Stage.
template <class Derived, EngagementState kState, class Reactions = mpl::list<>,
          class Initial = mpl::list<>>
struct EngagementStateOf : sc::state<Derived, EngagementMachine, Initial> {
  using reactions = Reactions;
  using Base = sc::state<Derived, EngagementMachine, Initial>;
  explicit EngagementStateOf(typename Base::my_context ctx) : Base(ctx) {
    this->outermost_context().position = EngagementPosition{kState, std::nullopt};
  }
  sc::result reject(Rejection why) {
    this->outermost_context().rejection = why;
    return this->discard_event();
  }
};

template <class Derived, class Parent, Stage kStage, class Reactions = mpl::list<>>
struct StageOf : sc::state<Derived, Parent> {
  using reactions = Reactions;
  using Base = sc::state<Derived, Parent>;
  explicit StageOf(typename Base::my_context ctx) : Base(ctx) {
    this->outermost_context().position.stage = kStage;
  }
};

// ---- States, in table order; stages indented under `active`.
struct Active;
struct Cancelled;
struct Completed;
struct Survey;
struct Design;
struct Delivery;
struct Acceptance;

//   draft + EvActivate = active.survey
//   draft + EvCancel [reason given] = cancelled
struct Draft : EngagementStateOf<
                   Draft, EngagementState::draft,
                   mpl::list<sc::transition<EvActivate, Active>, sc::custom_reaction<EvCancel>>> {
  using EngagementStateOf::EngagementStateOf;
  sc::result react(const EvCancel& evt);
};

//   active (any) + EvCancel [reason given] = cancelled
//   active (any) + EvComplete [final milestone closed] = completed
struct Active
    : EngagementStateOf<Active, EngagementState::active,
                        mpl::list<sc::custom_reaction<EvCancel>, sc::custom_reaction<EvComplete>>,
                        Survey> {
  using EngagementStateOf::EngagementStateOf;
  sc::result react(const EvCancel& evt);
  sc::result react(const EvComplete& evt);
};

// The stages stay indented under `active`.
// clang-format off
  //   active.survey + EvStageComplete = active.design
  struct Survey
      : StageOf<Survey, Active, Stage::survey, sc::transition<EvStageComplete, Design>> {
    using StageOf::StageOf;
  };

  //   active.design + EvStageComplete = active.delivery
  struct Design
      : StageOf<Design, Active, Stage::design, sc::transition<EvStageComplete, Delivery>> {
    using StageOf::StageOf;
  };

  //   active.delivery + EvStageComplete = active.acceptance
  struct Delivery
      : StageOf<Delivery, Active, Stage::delivery, sc::transition<EvStageComplete, Acceptance>> {
    using StageOf::StageOf;
  };

  // The last stage: only `active (any)` rows apply.
  struct Acceptance : StageOf<Acceptance, Active, Stage::acceptance> {
    using StageOf::StageOf;
  };
// clang-format on

// Closed: nothing leaves them.
struct Completed : EngagementStateOf<Completed, EngagementState::completed> {
  using EngagementStateOf::EngagementStateOf;
};
struct Cancelled : EngagementStateOf<Cancelled, EngagementState::cancelled> {
  using EngagementStateOf::EngagementStateOf;
};

sc::result Draft::react(const EvCancel& evt) {
  if (!reasonGiven(evt)) return reject(Rejection::reason_missing);
  return transit<Cancelled>();
}

sc::result Active::react(const EvCancel& evt) {
  if (!reasonGiven(evt)) return reject(Rejection::reason_missing);
  return transit<Cancelled>();
}

sc::result Active::react(const EvComplete& evt) {
  if (!finalMilestoneClosed(evt)) return reject(Rejection::final_milestone_open);
  return transit<Completed>();
}

}  // namespace engagement_sc

struct EngagementLifecycle::Machine {
  Machine() { sm.initiate(); }
  engagement_sc::EngagementMachine sm;

  static void* operator new(std::size_t) { return StatePoolAllocator<Machine>().allocate(1); }
  static void operator delete(void* p) {
    StatePoolAllocator<Machine>().deallocate(static_cast<Machine*>(p), 1);
  }
};

const char* toString(EngagementTrigger trigger) {
  switch (trigger) {
    case EngagementTrigger::activate:
      return "activate";
    case EngagementTrigger::cancel:
      return "cancel";
    case EngagementTrigger::stage_complete:
      return "stage_complete";
    case EngagementTrigger::complete:
      return "complete";
  }
  return "?";
}

namespace {

// "draft", "active.delivery", ...
std::string positionName(const EngagementPosition& position) {
  if (position.state == EngagementState::active && position.stage) {
    return std::string("active.") + engine::toString(*position.stage);
  }
  return engine::toString(position.state);
}

Error rejectionError(engagement_sc::Rejection why, EngagementTrigger trigger,
                     const EngagementPosition& position) {
  using engagement_sc::Rejection;
  const std::string triggerName = toString(trigger);
  const std::string current = positionName(position);
  switch (why) {
    case Rejection::reason_missing:
      return makeError(ErrorCode::invalid_argument,
                       "Expected a non-empty `reason` to cancel the engagement, but none was given",
                       "reason");
    case Rejection::final_milestone_open:
      return makeError(ErrorCode::invalid_state,
                       "Expected the final acceptance milestone to be closed to '" + triggerName +
                           "' the engagement, but it is still open (engagement is '" + current +
                           "')");
    case Rejection::none:
    case Rejection::invalid_state:
      break;
  }
  return makeError(ErrorCode::invalid_state, "Expected engagement to be in a state that allows '" +
                                                 triggerName + "', but it is '" + current + "'");
}

}  // namespace

EngagementLifecycle::EngagementLifecycle() : machine_(new Machine) {}
EngagementLifecycle::~EngagementLifecycle() = default;
EngagementLifecycle::EngagementLifecycle(EngagementLifecycle&&) noexcept = default;
EngagementLifecycle& EngagementLifecycle::operator=(EngagementLifecycle&&) noexcept = default;

Result<EngagementPosition> EngagementLifecycle::fire(EngagementTrigger trigger,
                                                     const EngagementGuards& guards) {
  using namespace engagement_sc;
  EngagementMachine& sm = machine_->sm;
  sm.rejection = Rejection::none;
  switch (trigger) {
    case EngagementTrigger::activate:
      sm.process_event(EvActivate());
      break;
    case EngagementTrigger::cancel:
      sm.process_event(EvCancel(guards.reasonGiven));
      break;
    case EngagementTrigger::stage_complete:
      sm.process_event(EvStageComplete());
      break;
    case EngagementTrigger::complete:
      sm.process_event(EvComplete(guards.finalMilestoneClosed));
      break;
  }
  if (sm.rejection != Rejection::none) return rejectionError(sm.rejection, trigger, sm.position);
  return sm.position;
}

EngagementPosition EngagementLifecycle::position() const { return machine_->sm.position; }

namespace {

// Stage-completes until the machine stands at `stage` (stages are in order).
void advanceTo(EngagementLifecycle& machine, Stage stage, const EngagementGuards& guards) {
  while (machine.position().stage && *machine.position().stage < stage) {
    if (!machine.fire(EngagementTrigger::stage_complete, guards)) return;
  }
}

}  // namespace

// Rebuilds from the projection, which keeps the outcome rather than the
// journal's events: the path below is the one the engine takes to get there.
EngagementLifecycle EngagementLifecycle::replay(const Engagement& engagement) {
  EngagementLifecycle machine;
  EngagementGuards guards;  // every recorded transition passed its guard
  guards.finalMilestoneClosed = true;
  guards.reasonGiven = true;
  switch (engagement.state) {
    case EngagementState::draft:
      break;
    case EngagementState::active:
      (void)machine.fire(EngagementTrigger::activate, guards);
      if (engagement.stage) advanceTo(machine, *engagement.stage, guards);
      break;
    case EngagementState::completed:
      (void)machine.fire(EngagementTrigger::activate, guards);
      advanceTo(machine, Stage::acceptance, guards);
      (void)machine.fire(EngagementTrigger::complete, guards);
      break;
    case EngagementState::cancelled:
      if (engagement.activatedAt) {
        (void)machine.fire(EngagementTrigger::activate, guards);
        if (engagement.stage) advanceTo(machine, *engagement.stage, guards);
      }
      (void)machine.fire(EngagementTrigger::cancel, guards);
      break;
  }
  return machine;
}

}  // namespace sowflow::engine::detail
