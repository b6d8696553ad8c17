// Milestone lifecycle (SPEC §2). One row per transition; the states below follow this order.
//
// clang-format off
//   planned     + EvStart                                    = in_progress
//   in_progress + EvSubmit    [all deliverables present]     = submitted     / open window
//   submitted   + EvAccept    [window open]                  = accepted
//   submitted   + EvObject    [window open]                  = objected
//   objected    + EvRework                                   = in_progress
//   escalated   + EvRework                                   = in_progress
//   submitted   + EvWindowEnd [on-silence = deemed]          = deemed_accepted
//   submitted   + EvWindowEnd [on-silence = escalate]        = escalated
// clang-format on
//
// Failed guards: submit -> invalid_argument, accept/object -> window_closed.
// Anything else is rejected as invalid_state (see unconsumed_event below).
//
// "/ open window": the machine only says the submission is legal; the window
// itself is the deadline that decide() fixes in MilestoneSubmitted, and being
// in `submitted` is what "the window is open" means to this machine.
// escalated + EvRework: our decision (docs/lifecycles.md) — an escalated
// window is settled by reworking and resubmitting.

#include "lifecycle/milestone_lifecycle.hpp"

#include <boost/mpl/list.hpp>
#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/event.hpp>
#include <boost/statechart/state.hpp>
#include <boost/statechart/state_machine.hpp>
#include <boost/statechart/transition.hpp>
#include <string>

#include "lifecycle/state_pool.hpp"

namespace sowflow::engine::detail {
namespace milestone_sc {

namespace sc = boost::statechart;
namespace mpl = boost::mpl;

// ---- Events: one per trigger; guarded ones carry the facts their guard reads.
struct EvStart : sc::event<EvStart> {};
struct EvSubmit : sc::event<EvSubmit> {
  explicit EvSubmit(bool present) : allDeliverablesPresent(present) {}
  bool allDeliverablesPresent;
};
struct EvAccept : sc::event<EvAccept> {
  explicit EvAccept(bool open) : windowOpen(open) {}
  bool windowOpen;
};
struct EvObject : sc::event<EvObject> {
  explicit EvObject(bool open) : windowOpen(open) {}
  bool windowOpen;
};
struct EvRework : sc::event<EvRework> {};
struct EvWindowEnd : sc::event<EvWindowEnd> {
  explicit EvWindowEnd(OnSilence rule) : onSilence(rule) {}
  OnSilence onSilence;
};

// ---- Guards, named as the table names them.
bool allDeliverablesPresent(const EvSubmit& evt) { return evt.allDeliverablesPresent; }
template <class Ev>
bool windowIsOpen(const Ev& evt) {
  return evt.windowOpen;
}
bool silenceMeansDeemed(const EvWindowEnd& evt) {
  return evt.onSilence == OnSilence::deemed_accepted;
}

// Why a trigger was refused; fire() turns it into an Error (no strings are
// built unless something is refused).
enum class Rejection { none, invalid_state, deliverables_missing, window_closed };

// ---- The machine.
struct Planned;
struct MilestoneMachine
    : sc::state_machine<MilestoneMachine, Planned, StatePoolAllocator<sc::none>> {
  // The library's default silently drops an event no state reacts to.
  void unconsumed_event(const sc::event_base&) { rejection = Rejection::invalid_state; }

  MilestoneState state = MilestoneState::planned;  // kept by the states' constructors
  Rejection rejection = Rejection::none;
};

// Every state records itself in the machine on entry, so state() is a read.
template <class Derived, MilestoneState kState, class Reactions = mpl::list<>>
struct MilestoneStateOf : sc::state<Derived, MilestoneMachine> {
  using reactions = Reactions;
  using Base = sc::state<Derived, MilestoneMachine>;
  explicit MilestoneStateOf(typename Base::my_context ctx) : Base(ctx) {
    this->outermost_context().state = kState;
  }
  sc::result reject(Rejection why) {
    this->outermost_context().rejection = why;
    return this->discard_event();
  }
};

// ---- States, in table order.
struct InProgress;
struct Submitted;
struct Accepted;
struct DeemedAccepted;
struct Objected;
struct Escalated;

//   planned + EvStart = in_progress
struct Planned
    : MilestoneStateOf<Planned, MilestoneState::planned, sc::transition<EvStart, InProgress>> {
  using MilestoneStateOf::MilestoneStateOf;
};

//   in_progress + EvSubmit [all deliverables present] = submitted / open window
struct InProgress
    : MilestoneStateOf<InProgress, MilestoneState::in_progress, sc::custom_reaction<EvSubmit>> {
  using MilestoneStateOf::MilestoneStateOf;
  sc::result react(const EvSubmit& evt);
};

//   submitted + EvAccept [window open] = accepted
//   submitted + EvObject [window open] = objected
//   submitted + EvWindowEnd [on-silence = deemed | escalate] = deemed_accepted | escalated
struct Submitted
    : MilestoneStateOf<Submitted, MilestoneState::submitted,
                       mpl::list<sc::custom_reaction<EvAccept>, sc::custom_reaction<EvObject>,
                                 sc::custom_reaction<EvWindowEnd>>> {
  using MilestoneStateOf::MilestoneStateOf;
  sc::result react(const EvAccept& evt);
  sc::result react(const EvObject& evt);
  sc::result react(const EvWindowEnd& evt);
};

//   objected + EvRework = in_progress
struct Objected
    : MilestoneStateOf<Objected, MilestoneState::objected, sc::transition<EvRework, InProgress>> {
  using MilestoneStateOf::MilestoneStateOf;
};

//   escalated + EvRework = in_progress
struct Escalated
    : MilestoneStateOf<Escalated, MilestoneState::escalated, sc::transition<EvRework, InProgress>> {
  using MilestoneStateOf::MilestoneStateOf;
};

// Closed: nothing leaves them.
struct Accepted : MilestoneStateOf<Accepted, MilestoneState::accepted> {
  using MilestoneStateOf::MilestoneStateOf;
};
struct DeemedAccepted : MilestoneStateOf<DeemedAccepted, MilestoneState::deemed_accepted> {
  using MilestoneStateOf::MilestoneStateOf;
};

sc::result InProgress::react(const EvSubmit& evt) {
  if (!allDeliverablesPresent(evt)) return reject(Rejection::deliverables_missing);
  return transit<Submitted>();
}

sc::result Submitted::react(const EvAccept& evt) {
  if (!windowIsOpen(evt)) return reject(Rejection::window_closed);
  return transit<Accepted>();
}

sc::result Submitted::react(const EvObject& evt) {
  if (!windowIsOpen(evt)) return reject(Rejection::window_closed);
  return transit<Objected>();
}

sc::result Submitted::react(const EvWindowEnd& evt) {
  if (silenceMeansDeemed(evt)) return transit<DeemedAccepted>();
  return transit<Escalated>();
}

}  // namespace milestone_sc

struct MilestoneLifecycle::Machine {
  Machine() { sm.initiate(); }
  milestone_sc::MilestoneMachine sm;

  // Machines are rebuilt for every command; keep their own allocation pooled too.
  static void* operator new(std::size_t) { return StatePoolAllocator<Machine>().allocate(1); }
  static void operator delete(void* p) {
    StatePoolAllocator<Machine>().deallocate(static_cast<Machine*>(p), 1);
  }
};

const char* toString(MilestoneTrigger trigger) {
  switch (trigger) {
    case MilestoneTrigger::start:
      return "start";
    case MilestoneTrigger::submit:
      return "submit";
    case MilestoneTrigger::accept:
      return "accept";
    case MilestoneTrigger::object:
      return "object";
    case MilestoneTrigger::rework:
      return "rework";
    case MilestoneTrigger::window_end:
      return "window_end";
  }
  return "?";
}

namespace {

Error rejectionError(milestone_sc::Rejection why, MilestoneTrigger trigger, MilestoneState state) {
  using milestone_sc::Rejection;
  const std::string triggerName = toString(trigger);
  const std::string current = engine::toString(state);
  switch (why) {
    case Rejection::deliverables_missing:
      return makeError(ErrorCode::invalid_argument,
                       "Expected every deliverable slot of the milestone to be filled before "
                       "submitting",
                       "deliverables");
    case Rejection::window_closed:
      return makeError(ErrorCode::window_closed, "Expected the acceptance window to be open to '" +
                                                     triggerName + "', but it is closed");
    case Rejection::none:
    case Rejection::invalid_state:
      break;
  }
  return makeError(ErrorCode::invalid_state, "Expected milestone to be in a state that allows '" +
                                                 triggerName + "', but it is '" + current + "'");
}

}  // namespace

MilestoneLifecycle::MilestoneLifecycle() : machine_(new Machine) {}
MilestoneLifecycle::~MilestoneLifecycle() = default;
MilestoneLifecycle::MilestoneLifecycle(MilestoneLifecycle&&) noexcept = default;
MilestoneLifecycle& MilestoneLifecycle::operator=(MilestoneLifecycle&&) noexcept = default;

Result<MilestoneState> MilestoneLifecycle::fire(MilestoneTrigger trigger,
                                                const MilestoneGuards& guards) {
  using namespace milestone_sc;
  MilestoneMachine& sm = machine_->sm;
  sm.rejection = Rejection::none;
  switch (trigger) {
    case MilestoneTrigger::start:
      sm.process_event(EvStart());
      break;
    case MilestoneTrigger::submit:
      sm.process_event(EvSubmit(guards.allDeliverablesPresent));
      break;
    case MilestoneTrigger::accept:
      sm.process_event(EvAccept(guards.windowOpen));
      break;
    case MilestoneTrigger::object:
      sm.process_event(EvObject(guards.windowOpen));
      break;
    case MilestoneTrigger::rework:
      sm.process_event(EvRework());
      break;
    case MilestoneTrigger::window_end:
      sm.process_event(EvWindowEnd(guards.onSilence));
      break;
  }
  if (sm.rejection != Rejection::none) return rejectionError(sm.rejection, trigger, sm.state);
  return sm.state;
}

MilestoneState MilestoneLifecycle::state() const { return machine_->sm.state; }

namespace {

// The outcome a recorded decision names; window_end needs the rule that produced it.
void fireDecision(MilestoneLifecycle& machine, Decision::Kind kind) {
  MilestoneGuards guards;  // the decision was legal when it was recorded
  switch (kind) {
    case Decision::Kind::accepted:
      (void)machine.fire(MilestoneTrigger::accept, guards);
      return;
    case Decision::Kind::objected:
      (void)machine.fire(MilestoneTrigger::object, guards);
      return;
    case Decision::Kind::deemed_accepted:
      guards.onSilence = OnSilence::deemed_accepted;
      (void)machine.fire(MilestoneTrigger::window_end, guards);
      return;
    case Decision::Kind::escalated:
      guards.onSilence = OnSilence::escalate;
      (void)machine.fire(MilestoneTrigger::window_end, guards);
      return;
  }
}

}  // namespace

// The recorded decision kind already says which way the window ended, so
// `onSilence` (the milestone's current rule) is not consulted: replay follows
// what happened, not what the rule would say today.
MilestoneLifecycle MilestoneLifecycle::replay(const MilestoneProgress& progress,
                                              OnSilence /*onSilence*/) {
  MilestoneLifecycle machine;
  if (progress.state == MilestoneState::planned) return machine;
  const MilestoneGuards guards;
  // Results are ignored: the projection only holds transitions that were
  // accepted when they happened; tests/engine/lifecycle checks the outcome.
  (void)machine.fire(MilestoneTrigger::start, guards);
  const auto& submissions = progress.submissions;
  for (std::size_t i = 0; i < submissions.size(); ++i) {
    (void)machine.fire(MilestoneTrigger::submit, guards);
    const auto& decision = submissions[i].decision;
    if (!decision) continue;
    fireDecision(machine, decision->kind);
    const bool laterSubmission = i + 1 < submissions.size();
    const bool reworking =
        progress.state == MilestoneState::in_progress &&
        (decision->kind == Decision::Kind::objected || decision->kind == Decision::Kind::escalated);
    if (laterSubmission || reworking) (void)machine.fire(MilestoneTrigger::rework, guards);
  }
  return machine;
}

}  // namespace sowflow::engine::detail
