// Transitions per second through the Boost.Statechart lifecycles, in memory.
// The issue asks for at least 5 million milestone transitions/s. Prints its
// figures (per CPU-second of this thread, and per wall-clock second); asserts
// nothing about time (STYLE §9).
//
//   lifecycle_bench [seconds-per-case]   (default 1.0)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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

// This thread's CPU time: the machine is shared, so wall-clock rates mostly
// measure the neighbours. Both are printed.
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Runs `body` (which performs `transitionsPerCall` transitions) for about
// `seconds` of CPU time, then prints the rates.
template <class Body>
void measure(const char* label, double seconds, long transitionsPerCall, const char* unit,
             Body body) {
  long calls = 0;
  const auto wallStart = Clock::now();
  const double cpuStart = threadCpuSeconds();
  double cpu = 0;
  while (cpu < seconds) {
    for (int i = 0; i < 4096; ++i) body();
    calls += 4096;
    cpu = threadCpuSeconds() - cpuStart;
  }
  const double wall = std::chrono::duration<double>(Clock::now() - wallStart).count();
  const double count = static_cast<double>(calls) * static_cast<double>(transitionsPerCall);
  std::printf("%-56s %11.0f %s/s cpu (%4.0f ns each), %11.0f/s wall\n", label, count / cpu, unit,
              cpu * 1e9 / count, count / wall);
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
    measure("milestone: submit/object/rework, one reused machine", seconds, 3, "transitions", [&] {
      fireOrDie(machine, MilestoneTrigger::submit, pass);
      fireOrDie(machine, MilestoneTrigger::object, pass);
      fireOrDie(machine, MilestoneTrigger::rework, pass);
    });
  }

  {
    MilestoneLifecycle machine;
    measure("milestone: refused trigger (builds the error message)", seconds, 1, "refusals", [&] {
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
  measure("engagement: draft to completed, new machine per cycle", seconds, 5, "transitions", [&] {
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
