// Small helpers shared by the decide_*.cpp files.
#pragma once

#include <string>
#include <vector>

#include "operations/decide.hpp"

namespace sowflow::engine::detail {

inline Error invalidField(const std::string& field, std::string message) {
  return makeError(ErrorCode::invalid_argument, std::move(message), field);
}

bool isBlank(const std::string& text);
bool looksLikeEmail(const std::string& text);

Result<std::vector<PendingEvent>> decideActivate(const DecideContext& cx);
Result<std::vector<PendingEvent>> decideCancel(const DecideContext& cx, const CancelEngagement& c);
Result<std::vector<PendingEvent>> decideChangeOwner(const DecideContext& cx, const ChangeOwner& c);
Result<std::vector<PendingEvent>> decideStart(const DecideContext& cx, const StartMilestone& c);
Result<std::vector<PendingEvent>> decideUpload(const DecideContext& cx, const UploadDeliverable& c);
Result<std::vector<PendingEvent>> decideSubmit(const DecideContext& cx, const SubmitMilestone& c);
Result<std::vector<PendingEvent>> decideDecision(const DecideContext& cx, const DecideMilestone& c);
Result<std::vector<PendingEvent>> decideEndWindow(const DecideContext& cx, const EndWindow& c);

}  // namespace sowflow::engine::detail
