#include "sowflow/engine/engagement.hpp"

#include "sowflow/engine/commands.hpp"

namespace sowflow::engine {

const char* toString(EngagementState state) {
  switch (state) {
    case EngagementState::draft: return "draft";
    case EngagementState::active: return "active";
    case EngagementState::completed: return "completed";
    case EngagementState::cancelled: return "cancelled";
  }
  return "draft";
}

const char* toString(MilestoneState state) {
  switch (state) {
    case MilestoneState::planned: return "planned";
    case MilestoneState::in_progress: return "in_progress";
    case MilestoneState::submitted: return "submitted";
    case MilestoneState::accepted: return "accepted";
    case MilestoneState::deemed_accepted: return "deemed_accepted";
    case MilestoneState::objected: return "objected";
    case MilestoneState::escalated: return "escalated";
  }
  return "planned";
}

const char* toString(Decision::Kind kind) {
  switch (kind) {
    case Decision::Kind::accepted: return "accepted";
    case Decision::Kind::objected: return "objected";
    case Decision::Kind::deemed_accepted: return "deemed_accepted";
    case Decision::Kind::escalated: return "escalated";
  }
  return "accepted";
}

const MilestoneProgress* Engagement::findMilestone(std::string_view wanted) const {
  for (const auto& m : milestones) {
    if (m.id == wanted) return &m;
  }
  return nullptr;
}

MilestoneProgress* Engagement::findMilestone(std::string_view wanted) {
  for (auto& m : milestones) {
    if (m.id == wanted) return &m;
  }
  return nullptr;
}

const Owner* Engagement::ownerOn(std::string_view party, Date day) const {
  const auto it = owners.find(std::string(party));
  if (it == owners.end()) return nullptr;
  const Owner* found = nullptr;
  for (const auto& record : it->second) {  // kept sorted by `effective`
    if (record.effective <= day) found = &record.owner;
  }
  if (!found && !it->second.empty()) found = &it->second.front().owner;
  return found;
}

const char* commandName(const Command& command) {
  struct Visitor {
    const char* operator()(const ActivateEngagement&) const { return "ActivateEngagement"; }
    const char* operator()(const CancelEngagement&) const { return "CancelEngagement"; }
    const char* operator()(const StartMilestone&) const { return "StartMilestone"; }
    const char* operator()(const UploadDeliverable&) const { return "UploadDeliverable"; }
    const char* operator()(const SubmitMilestone&) const { return "SubmitMilestone"; }
    const char* operator()(const DecideMilestone&) const { return "DecideMilestone"; }
    const char* operator()(const EndWindow&) const { return "EndWindow"; }
    const char* operator()(const ChangeOwner&) const { return "ChangeOwner"; }
  };
  return std::visit(Visitor{}, command);
}

}  // namespace sowflow::engine
