// The engagement machine against its table (STYLE §2): every row, every
// (position, trigger) pair not in the table, the guards, and replay.
#include <catch2/catch.hpp>
#include <deque>
#include <optional>
#include <string>
#include <vector>

// engine/src is private to the engine target; the lifecycle is an internal API.
#include "lifecycle/engagement_lifecycle.hpp"

using namespace sowflow::engine;
using namespace sowflow::engine::detail;

namespace {

EngagementGuards pass() {
  EngagementGuards guards;
  guards.finalMilestoneClosed = true;
  guards.reasonGiven = true;
  return guards;
}

EngagementPosition at(EngagementState state, std::optional<Stage> stage = std::nullopt) {
  return EngagementPosition{state, stage};
}
bool same(const EngagementPosition& a, const EngagementPosition& b) {
  return a.state == b.state && a.stage == b.stage;
}

const EngagementPosition kDraft = at(EngagementState::draft);
const EngagementPosition kSurvey = at(EngagementState::active, Stage::survey);
const EngagementPosition kDesign = at(EngagementState::active, Stage::design);
const EngagementPosition kDelivery = at(EngagementState::active, Stage::delivery);
const EngagementPosition kAcceptance = at(EngagementState::active, Stage::acceptance);
const EngagementPosition kCompleted = at(EngagementState::completed);
const EngagementPosition kCancelled = at(EngagementState::cancelled);

std::string name(const EngagementPosition& p) {
  switch (p.state) {
    case EngagementState::draft:
      return "draft";
    case EngagementState::completed:
      return "completed";
    case EngagementState::cancelled:
      return "cancelled";
    case EngagementState::active:
      break;
  }
  return std::string("active.") + toString(*p.stage);
}

struct Row {
  EngagementPosition from;
  EngagementTrigger trigger;
  EngagementPosition to;
};

using T = EngagementTrigger;
// clang-format off
// The table of engagement_lifecycle.cpp as data, `active (any)` spelled out per stage.
const std::vector<Row> kTable = {
  {kDraft,      T::activate,       kSurvey},
  {kDraft,      T::cancel,         kCancelled},
  {kSurvey,     T::cancel,         kCancelled},
  {kDesign,     T::cancel,         kCancelled},
  {kDelivery,   T::cancel,         kCancelled},
  {kAcceptance, T::cancel,         kCancelled},
  {kSurvey,     T::stage_complete, kDesign},
  {kDesign,     T::stage_complete, kDelivery},
  {kDelivery,   T::stage_complete, kAcceptance},
  {kSurvey,     T::complete,       kCompleted},
  {kDesign,     T::complete,       kCompleted},
  {kDelivery,   T::complete,       kCompleted},
  {kAcceptance, T::complete,       kCompleted},
};
// clang-format on

const std::vector<EngagementPosition> kPositions = {kDraft,      kSurvey,    kDesign,   kDelivery,
                                                    kAcceptance, kCompleted, kCancelled};
const std::vector<EngagementTrigger> kTriggers = {T::activate, T::cancel, T::stage_complete,
                                                  T::complete};

// Shortest trigger path from `draft` to `target`, found by walking the table.
std::vector<EngagementTrigger> pathTo(const EngagementPosition& target) {
  struct Step {
    EngagementPosition at;
    std::vector<EngagementTrigger> path;
  };
  std::deque<Step> todo{{kDraft, {}}};
  std::vector<EngagementPosition> seen{kDraft};
  while (!todo.empty()) {
    Step step = todo.front();
    todo.pop_front();
    if (same(step.at, target)) return step.path;
    for (const Row& row : kTable) {
      if (!same(row.from, step.at)) continue;
      bool known = false;
      for (const auto& p : seen) known = known || same(p, row.to);
      if (known) continue;
      seen.push_back(row.to);
      auto path = step.path;
      path.push_back(row.trigger);
      todo.push_back({row.to, path});
    }
  }
  FAIL("the table cannot reach " << name(target));
  return {};
}

EngagementLifecycle machineAt(const EngagementPosition& position) {
  EngagementLifecycle machine;
  for (EngagementTrigger trigger : pathTo(position)) REQUIRE(machine.fire(trigger, pass()).ok());
  REQUIRE(same(machine.position(), position));
  return machine;
}

const Row* findRow(const EngagementPosition& from, EngagementTrigger trigger) {
  for (const Row& row : kTable) {
    if (same(row.from, from) && row.trigger == trigger) return &row;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the engagement machine follows every row of its table and refuses every other trigger",
          "[engine][lifecycle]") {
  int rowsWalked = 0;
  int refusalsChecked = 0;
  for (const EngagementPosition& from : kPositions) {
    for (EngagementTrigger trigger : kTriggers) {
      CAPTURE(name(from), toString(trigger));
      EngagementLifecycle machine = machineAt(from);
      const auto result = machine.fire(trigger, pass());
      if (const Row* row = findRow(from, trigger)) {
        CAPTURE(name(row->to));
        REQUIRE(result.ok());
        CHECK(same(*result, row->to));
        CHECK(same(machine.position(), row->to));
        ++rowsWalked;
        continue;
      }
      REQUIRE_FALSE(result.ok());
      CHECK(result.error().code == ErrorCode::invalid_state);
      CHECK(result.error().message == "Expected engagement to be in a state that allows '" +
                                          std::string(toString(trigger)) + "', but it is '" +
                                          name(from) + "'");
      CHECK(same(machine.position(), from));  // a refusal changes nothing
      ++refusalsChecked;
    }
  }
  CHECK(rowsWalked == static_cast<int>(kTable.size()));
  CHECK(refusalsChecked == 7 * 4 - static_cast<int>(kTable.size()));
}

TEST_CASE("cancelling without a reason is refused and names the reason field",
          "[engine][lifecycle]") {
  const auto from = GENERATE(kDraft, kSurvey, kDelivery, kAcceptance);
  CAPTURE(name(from));
  EngagementLifecycle machine = machineAt(from);
  EngagementGuards guards = pass();
  guards.reasonGiven = false;
  const auto result = machine.fire(T::cancel, guards);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::invalid_argument);
  CHECK(result.error().where == "reason");
  CHECK_THAT(result.error().message, Catch::Contains("`reason`"));
  CHECK(same(machine.position(), from));
}

TEST_CASE("completing while the final milestone is open is refused as invalid_state",
          "[engine][lifecycle]") {
  EngagementLifecycle machine = machineAt(kAcceptance);
  EngagementGuards guards = pass();
  guards.finalMilestoneClosed = false;
  const auto result = machine.fire(T::complete, guards);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == ErrorCode::invalid_state);
  CHECK_THAT(result.error().message,
             Catch::Contains("'complete'") && Catch::Contains("active.acceptance"));
  CHECK(same(machine.position(), kAcceptance));
}

TEST_CASE("replay rebuilds the engagement machine from the projection", "[engine][lifecycle]") {
  Engagement engagement;
  engagement.id = "e1";

  SECTION("a draft fires nothing") {
    CHECK(same(EngagementLifecycle::replay(engagement).position(), kDraft));
  }
  SECTION("an active engagement stands at its stage") {
    engagement.state = EngagementState::active;
    engagement.activatedAt = Instant{};
    engagement.stage = GENERATE(Stage::survey, Stage::design, Stage::delivery, Stage::acceptance);
    CAPTURE(toString(*engagement.stage));
    CHECK(same(EngagementLifecycle::replay(engagement).position(),
               at(EngagementState::active, engagement.stage)));
  }
  SECTION("cancelled from draft") {
    engagement.state = EngagementState::cancelled;
    engagement.cancelReason = "customer withdrew";
    auto machine = EngagementLifecycle::replay(engagement);
    CHECK(same(machine.position(), kCancelled));
    CHECK_FALSE(machine.fire(T::activate, pass()).ok());
  }
  SECTION("cancelled from active.delivery") {
    engagement.state = EngagementState::cancelled;
    engagement.activatedAt = Instant{};
    engagement.stage = Stage::delivery;
    engagement.cancelReason = "budget cut";
    auto machine = EngagementLifecycle::replay(engagement);
    CHECK(same(machine.position(), kCancelled));
    CHECK_FALSE(machine.fire(T::stage_complete, pass()).ok());
  }
  SECTION("completed") {
    engagement.state = EngagementState::completed;
    engagement.activatedAt = Instant{};
    auto machine = EngagementLifecycle::replay(engagement);
    CHECK(same(machine.position(), kCompleted));
    CHECK_FALSE(machine.fire(T::cancel, pass()).ok());
  }
}
