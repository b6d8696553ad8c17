// Transitions per second through the Boost.Statechart lifecycles, in memory.
// The issue asks for at least 5 million milestone transitions/s. Prints its
// figures; asserts nothing about time (STYLE §9).
//
//   lifecycle_bench [seconds-per-case]   (default 1.0)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

// engine/src is private to the engine target; the lifecycles are an internal API.
#include "../engine/src/lifecycle/engagement_lifecycle.hpp"
#include "../engine/src/lifecycle/milestone_lifecycle.hpp"

using namespace sowflow::engine;
using namespace sowflow::engine::detail;

namespace {

using Clock = std::chrono::steady_clock;

// Keeps results alive so the optimiser cannot drop the work.
volatile int gSink = 0;

void consume(MilestoneState state) { gSink = gSink + static_cast<int>(state); }

void fireOrDie(MilestoneLifecycle& machine, MilestoneTrigger trigger, const MilestoneGuards& g) {
  auto result = machine.fire(trigger, g);
  if (!result.ok()) {
    std::fprintf(stderr, "unexpected refusal: %s\n", result.error().message.c_str());
    std::exit(1);
  }
  consume(*result);
}

// Runs `body` (which performs `transitionsPerCall` transitions) for about
// `seconds`, then prints the rate.
template <class Body>
void measure(const char* label, double seconds, long transitionsPerCall, const char* unit,
             Body body) {
  long calls = 0;
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  auto now = start;
  while (now < until) {
    for (int i = 0; i < 1024; ++i) body();
    calls += 1024;
    now = Clock::now();
  }
  const double elapsed = std::chrono::duration<double>(now - start).count();
  const double count = static_cast<double>(calls) * static_cast<double>(transitionsPerCall);
  std::printf("%-58s %12.0f %s/s  (%.0f ns each)\n", label, count / elapsed, unit,
              elapsed * 1e9 / count);
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  const MilestoneGuards pass;

  // start -> submit -> object -> rework -> submit -> accept: 6 transitions.
  measure("milestone: full cycle, new machine per cycle", seconds, 6, "transitions", [&] {
    MilestoneLifecycle machine;
    fireOrDie(machine, MilestoneTrigger::start, pass);
    fireOrDie(machine, MilestoneTrigger::submit, pass);
    fireOrDie(machine, MilestoneTrigger::object, pass);
    fireOrDie(machine, MilestoneTrigger::rework, pass);
    fireOrDie(machine, MilestoneTrigger::submit, pass);
    fireOrDie(machine, MilestoneTrigger::accept, pass);
  });

  // `accepted` is final, so a reused machine loops on the rework cycle.
  {
    MilestoneLifecycle machine;
    fireOrDie(machine, MilestoneTrigger::start, pass);
    measure("milestone: submit/object/rework, one reused machine", seconds, 3, "transitions",
            [&] {
              fireOrDie(machine, MilestoneTrigger::submit, pass);
              fireOrDie(machine, MilestoneTrigger::object, pass);
              fireOrDie(machine, MilestoneTrigger::rework, pass);
            });
  }

  {
    MilestoneLifecycle machine;
    measure("milestone: refused trigger (builds the error message)", seconds, 1, "refusals",
            [&] {
              auto result = machine.fire(MilestoneTrigger::accept, pass);
              gSink = gSink + static_cast<int>(result.error().message.size());
            });
  }

  // What decide() does per command: rebuild from the projection.
  MilestoneProgress progress;
  progress.id = "m1";
  progress.state = MilestoneState::accepted;
  progress.submissions.resize(2);
  progress.submissions[0].decision.emplace();
  progress.submissions[0].decision->kind = Decision::Kind::objected;
  progress.submissions[1].version = 2;
  progress.submissions[1].decision.emplace();
  progress.submissions[1].decision->kind = Decision::Kind::accepted;
  measure("milestone: replay(objected v1, accepted v2)", seconds, 1, "replays", [&] {
    consume(MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted).state());
  });

  // draft -> active.survey -> design -> delivery -> acceptance -> completed: 5 transitions.
  EngagementGuards engagementPass;
  engagementPass.finalMilestoneClosed = true;
  measure("engagement: draft to completed, new machine per cycle", seconds, 5, "transitions",
          [&] {
            EngagementLifecycle machine;
            bool ok = machine.fire(EngagementTrigger::activate, engagementPass).ok();
            for (int i = 0; i < 3; ++i) {
              ok = machine.fire(EngagementTrigger::stage_complete, engagementPass).ok() && ok;
            }
            ok = machine.fire(EngagementTrigger::complete, engagementPass).ok() && ok;
            if (!ok) std::exit(1);
          });

  Engagement engagement;
  engagement.state = EngagementState::active;
  engagement.stage = Stage::delivery;
  measure("engagement: replay(active.delivery)", seconds, 1, "replays", [&] {
    gSink = gSink + static_cast<int>(EngagementLifecycle::replay(engagement).position().state);
  });
  return 0;
}
