// The command dispatcher and the follow-up rules of SPEC §2: the engagement
// enters the next stage when every milestone of its stage is closed, and
// completes when its final milestone is.
#include "operations/decide.hpp"

#include <algorithm>
#include <cctype>

#include "operations/decide_support.hpp"

namespace sowflow::engine::detail {

bool isBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isspace(c) != 0; });
}

bool looksLikeEmail(const std::string& text) {
  const auto at = text.find('@');
  return at != std::string::npos && at > 0 && at + 1 < text.size() &&
         text.find_first_of(" \t\r\n<>,;\"") == std::string::npos;
}

bool isClosed(MilestoneState state) {
  return state == MilestoneState::accepted || state == MilestoneState::deemed_accepted;
}

Stage stageOf(const Workflow& workflow, const Milestone& milestone) {
  const auto* phase = workflow.findPhase(milestone.phase);
  return phase ? phase->stage : Stage::survey;
}

Result<std::vector<PendingEvent>> decide(const DecideContext& cx, const Command& command) {
  struct Visitor {
    const DecideContext& cx;
    Result<std::vector<PendingEvent>> operator()(const ActivateEngagement&) const { return decideActivate(cx); }
    Result<std::vector<PendingEvent>> operator()(const CancelEngagement& c) const { return decideCancel(cx, c); }
    Result<std::vector<PendingEvent>> operator()(const StartMilestone& c) const { return decideStart(cx, c); }
    Result<std::vector<PendingEvent>> operator()(const UploadDeliverable& c) const { return decideUpload(cx, c); }
    Result<std::vector<PendingEvent>> operator()(const SubmitMilestone& c) const { return decideSubmit(cx, c); }
    Result<std::vector<PendingEvent>> operator()(const DecideMilestone& c) const { return decideDecision(cx, c); }
    Result<std::vector<PendingEvent>> operator()(const EndWindow& c) const { return decideEndWindow(cx, c); }
    Result<std::vector<PendingEvent>> operator()(const ChangeOwner& c) const { return decideChangeOwner(cx, c); }
  };
  return std::visit(Visitor{cx}, command);
}

namespace {

// The milestone a primary event closes, if any.
const std::string* closedBy(const Event& event) {
  if (const auto* a = std::get_if<MilestoneAccepted>(&event)) return &a->decision.milestone;
  if (const auto* d = std::get_if<MilestoneDeemedAccepted>(&event)) return &d->milestone;
  return nullptr;
}

}  // namespace

std::vector<PendingEvent> followUps(const DecideContext& cx, const std::vector<PendingEvent>& primary) {
  const auto& e = cx.engagement;
  std::optional<Stage> stage = e.stage;
  bool active = e.state == EngagementState::active;
  const std::string* closed = nullptr;
  Instant at = cx.now;
  for (const auto& p : primary) {
    if (std::holds_alternative<EngagementActivated>(p.event)) {
      active = true;
      stage = Stage::survey;
    }
    if (std::holds_alternative<EngagementCancelled>(p.event)) active = false;
    if (const auto* id = closedBy(p.event)) {
      closed = id;
      at = p.effectiveAt;
    }
  }
  std::vector<PendingEvent> out;
  if (!active || !stage) return out;
  const auto closedNow = [&](const MilestoneProgress& m) {
    return isClosed(m.state) || (closed && m.id == *closed);
  };
  for (const auto& m : e.milestones) {
    const auto* def = cx.workflow.findMilestone(m.id);
    if (def && def->final && closedNow(m)) {
      out.push_back({EngagementCompleted{}, at});
      return out;
    }
  }
  while (*stage != Stage::acceptance) {
    const bool stageDone = std::all_of(e.milestones.begin(), e.milestones.end(), [&](const auto& m) {
      const auto* def = cx.workflow.findMilestone(m.id);
      return !def || stageOf(cx.workflow, *def) != *stage || closedNow(m);
    });
    if (!stageDone) break;
    stage = static_cast<Stage>(static_cast<int>(*stage) + 1);
    out.push_back({EngagementStageEntered{toString(*stage)}, at});
  }
  return out;
}

}  // namespace sowflow::engine::detail
