// The milestone machine against its table (STYLE §2): every row, every
// (state, trigger) pair not in the table, the guards, and replay.
#include <catch2/catch.hpp>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

// engine/src is private to the engine target; the lifecycle is an internal API.
#include "lifecycle/milestone_lifecycle.hpp"

using namespace sowflow::engine;
using namespace sowflow::engine::detail;

namespace {

const MilestoneGuards kPass{};  // every guard holds, on-silence = deemed

MilestoneGuards escalating() {
  MilestoneGuards guards;
  guards.onSilence = OnSilence::escalate;
  return guards;
}

struct Row {
  MilestoneState from;
  MilestoneTrigger trigger;
  MilestoneGuards guards;
  MilestoneState to;
};

// clang-format off
// The table of milestone_lifecycle.cpp, as data. Everything below derives from it.
const std::vector<Row> kTable = {
  {MilestoneState::planned,     MilestoneTrigger::start,      kPass,        MilestoneState::in_progress},
  {MilestoneState::in_progress, MilestoneTrigger::submit,     kPass,        MilestoneState::submitted},
  {MilestoneState::submitted,   MilestoneTrigger::accept,     kPass,        MilestoneState::accepted},
  {MilestoneState::submitted,   MilestoneTrigger::object,     kPass,        MilestoneState::objected},
  {MilestoneState::objected,    MilestoneTrigger::rework,     kPass,        MilestoneState::in_progress},
  {MilestoneState::escalated,   MilestoneTrigger::rework,     kPass,        MilestoneState::in_progress},
  {MilestoneState::submitted,   MilestoneTrigger::window_end, kPass,        MilestoneState::deemed_accepted},
  {MilestoneState::submitted,   MilestoneTrigger::window_end, escalating(), MilestoneState::escalated},
};
// clang-format on

const std::vector<MilestoneState> kStates = {
    MilestoneState::planned,   MilestoneState::in_progress,     MilestoneState::submitted,
    MilestoneState::accepted,  MilestoneState::deemed_accepted, MilestoneState::objected,
    MilestoneState::escalated,
};
const std::vector<MilestoneTrigger> kTriggers = {
    MilestoneTrigger::start,  MilestoneTrigger::submit, MilestoneTrigger::accept,
    MilestoneTrigger::object, MilestoneTrigger::rework, MilestoneTrigger::window_end,
};

const char* name(MilestoneState state) {
  switch (state) {
    case MilestoneState::planned:
      return "planned";
    case MilestoneState::in_progress:
      return "in_progress";
    case MilestoneState::submitted:
      return "submitted";
    case MilestoneState::accepted:
      return "accepted";
    case MilestoneState::deemed_accepted:
      return "deemed_accepted";
    case MilestoneState::objected:
      return "objected";
    case MilestoneState::escalated:
      return "escalated";
  }
  return "?";
}

// Shortest row path from `planned` to each state, found by walking the table.
std::map<MilestoneState, std::vector<Row>> pathsFromInitialState() {
  std::map<MilestoneState, std::vector<Row>> paths{{MilestoneState::planned, {}}};
  std::deque<MilestoneState> todo{MilestoneState::planned};
  while (!todo.empty()) {
    const MilestoneState here = todo.front();
    todo.pop_front();
    for (const Row& row : kTable) {
      if (row.from != here || paths.count(row.to)) continue;
      paths[row.to] = paths[here];
      paths[row.to].push_back(row);
      todo.push_back(row.to);
    }
  }
  return paths;
}

MilestoneLifecycle machineIn(MilestoneState state) {
  static const auto paths = pathsFromInitialState();
  MilestoneLifecycle machine;
  for (const Row& step : paths.at(state)) REQUIRE(machine.fire(step.trigger, step.guards).ok());
  REQUIRE(machine.state() == state);
  return machine;
}

bool inTable(MilestoneState state, MilestoneTrigger trigger) {
  for (const Row& row : kTable) {
    if (row.from == state && row.trigger == trigger) return true;
  }
  return false;
}

Submission submission(int version, std::optional<Decision::Kind> decision) {
  Submission s;
  s.version = version;
  if (decision) {
    s.decision.emplace();
    s.decision->kind = *decision;
  }
  return s;
}

}  // namespace

TEST_CASE("the milestone machine follows every row of its table and refuses every other trigger",
          "[engine][lifecycle]") {
  const auto paths = pathsFromInitialState();
  for (MilestoneState state : kStates) REQUIRE(paths.count(state) == 1);  // all reachable

  int rowsWalked = 0;
  int refusalsChecked = 0;
  for (MilestoneState from : kStates) {
    for (MilestoneTrigger trigger : kTriggers) {
      CAPTURE(name(from), toString(trigger));
      if (inTable(from, trigger)) {
        for (const Row& row : kTable) {
          if (row.from != from || row.trigger != trigger) continue;
          CAPTURE(name(row.to));
          MilestoneLifecycle machine = machineIn(from);
          const auto result = machine.fire(trigger, row.guards);
          REQUIRE(result.ok());
          CHECK(*result == row.to);
          CHECK(machine.state() == row.to);
          ++rowsWalked;
        }
        continue;
      }
      MilestoneLifecycle machine = machineIn(from);
      const auto result = machine.fire(trigger, kPass);
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().code == ErrorCode::invalid_state);
      CHECK(result.error().message ==
            std::string("Expected milestone to be in a state that allows '") + toString(trigger) +
                "', but it is '" + name(from) + "'");
      CHECK(machine.state() == from);  // a refusal changes nothing
      ++refusalsChecked;
    }
  }
  CHECK(rowsWalked == static_cast<int>(kTable.size()));
  // 7 states x 6 triggers, minus the 7 distinct (state, trigger) pairs in the table.
  CHECK(refusalsChecked == 7 * 6 - 7);
}

TEST_CASE(
    "submitting with an empty deliverable slot is refused and leaves the milestone in progress",
    "[engine][lifecycle]") {
  MilestoneLifecycle machine = machineIn(MilestoneState::in_progress);
  MilestoneGuards guards;
  guards.allDeliverablesPresent = false;
  const auto result = machine.fire(MilestoneTrigger::submit, guards);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::invalid_argument);
  CHECK(result.error().message ==
        "Expected every deliverable slot of the milestone to be filled before submitting");
  CHECK(machine.state() == MilestoneState::in_progress);
}

TEST_CASE("a decision after the window closed is refused as window_closed", "[engine][lifecycle]") {
  const auto trigger = GENERATE(MilestoneTrigger::accept, MilestoneTrigger::object);
  CAPTURE(toString(trigger));
  MilestoneLifecycle machine = machineIn(MilestoneState::submitted);
  MilestoneGuards guards;
  guards.windowOpen = false;
  const auto result = machine.fire(trigger, guards);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::window_closed);
  CHECK_THAT(result.error().message, Catch::Contains(toString(trigger)));
  CHECK(machine.state() == MilestoneState::submitted);
}

TEST_CASE(
    "a closed window is not checked before the state: accepting a planned milestone is "
    "invalid_state",
    "[engine][lifecycle]") {
  MilestoneLifecycle machine;
  MilestoneGuards guards;
  guards.windowOpen = false;
  const auto result = machine.fire(MilestoneTrigger::accept, guards);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::invalid_state);
}

TEST_CASE("replay rebuilds the milestone machine from its progress", "[engine][lifecycle]") {
  MilestoneProgress progress;
  progress.id = "m1";

  SECTION("a planned milestone fires nothing") {
    CHECK(MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted).state() ==
          MilestoneState::planned);
  }
  SECTION("started, nothing submitted yet") {
    progress.state = MilestoneState::in_progress;
    CHECK(MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted).state() ==
          MilestoneState::in_progress);
  }
  SECTION("objected, reworked, resubmitted and accepted") {
    progress.state = MilestoneState::accepted;
    progress.submissions = {submission(1, Decision::Kind::objected),
                            submission(2, Decision::Kind::accepted)};
    auto machine = MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted);
    CHECK(machine.state() == MilestoneState::accepted);
    CHECK_FALSE(machine.fire(MilestoneTrigger::rework, kPass).ok());
  }
  SECTION("objected and back in progress for rework, not yet resubmitted") {
    progress.state = MilestoneState::in_progress;
    progress.submissions = {submission(1, Decision::Kind::objected)};
    auto machine = MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted);
    CHECK(machine.state() == MilestoneState::in_progress);
    CHECK(machine.fire(MilestoneTrigger::submit, kPass).ok());
  }
  SECTION("objected and not yet reworked") {
    progress.state = MilestoneState::objected;
    progress.submissions = {submission(1, Decision::Kind::objected)};
    CHECK(MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted).state() ==
          MilestoneState::objected);
  }
  SECTION("resubmitted and waiting for a decision") {
    progress.state = MilestoneState::submitted;
    progress.submissions = {submission(1, Decision::Kind::objected), submission(2, std::nullopt)};
    CHECK(MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted).state() ==
          MilestoneState::submitted);
  }
  SECTION("the window passed under an escalate rule") {
    progress.state = MilestoneState::escalated;
    progress.submissions = {submission(1, Decision::Kind::escalated)};
    auto machine = MilestoneLifecycle::replay(progress, OnSilence::escalate);
    CHECK(machine.state() == MilestoneState::escalated);
    CHECK(machine.fire(MilestoneTrigger::rework, kPass).ok());
  }
  SECTION("escalated, reworked, resubmitted and accepted") {
    progress.state = MilestoneState::accepted;
    progress.submissions = {submission(1, Decision::Kind::escalated),
                            submission(2, Decision::Kind::accepted)};
    CHECK(MilestoneLifecycle::replay(progress, OnSilence::escalate).state() ==
          MilestoneState::accepted);
  }
  SECTION("the window passed in silence under a deemed rule") {
    progress.state = MilestoneState::deemed_accepted;
    progress.submissions = {submission(1, Decision::Kind::deemed_accepted)};
    CHECK(MilestoneLifecycle::replay(progress, OnSilence::deemed_accepted).state() ==
          MilestoneState::deemed_accepted);
  }
}
