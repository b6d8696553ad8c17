// eventType / eventSchemaVersion: the stored name and version of each kind.
// The name is the struct's name; changing a payload means a new version with
// its own decoder (docs/journal-format.md "How to add an event").
#include <type_traits>

#include "sowflow/engine/events.hpp"

namespace sowflow::engine {

namespace {

template <class T>
constexpr const char* typeName() {
  // clang-format off
  if constexpr (std::is_same_v<T, EngagementCreated>)       return "EngagementCreated";
  if constexpr (std::is_same_v<T, EngagementActivated>)     return "EngagementActivated";
  if constexpr (std::is_same_v<T, EngagementCancelled>)     return "EngagementCancelled";
  if constexpr (std::is_same_v<T, EngagementStageEntered>)  return "EngagementStageEntered";
  if constexpr (std::is_same_v<T, EngagementCompleted>)     return "EngagementCompleted";
  if constexpr (std::is_same_v<T, OwnerChanged>)            return "OwnerChanged";
  if constexpr (std::is_same_v<T, MilestoneStarted>)        return "MilestoneStarted";
  if constexpr (std::is_same_v<T, DeliverableUploaded>)     return "DeliverableUploaded";
  if constexpr (std::is_same_v<T, MilestoneSubmitted>)      return "MilestoneSubmitted";
  if constexpr (std::is_same_v<T, MilestoneAccepted>)       return "MilestoneAccepted";
  if constexpr (std::is_same_v<T, MilestoneObjected>)       return "MilestoneObjected";
  if constexpr (std::is_same_v<T, MilestoneDeemedAccepted>) return "MilestoneDeemedAccepted";
  if constexpr (std::is_same_v<T, MilestoneEscalated>)      return "MilestoneEscalated";
  // clang-format on
}

}  // namespace

const char* eventType(const Event& event) {
  return std::visit(
      [](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        static_assert(typeName<T>() != nullptr, "every event kind needs a type name");
        return typeName<T>();
      },
      event);
}

// Every kind is at version 1; bump one here together with a new decoder.
int eventSchemaVersion(const Event&) { return 1; }

}  // namespace sowflow::engine
