// Test data: one fully populated sample of every event kind (no field left at
// its default), and a helper that seals a chain of them. Shared by the codec,
// hash-chain and store tests.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sowflow/engine/journal.hpp"

namespace sowflow::engine::testing {

inline Instant at(const char* text) { return *parseInstant(text); }
inline Date day(const char* text) { return *parseDate(text); }

inline DeliverableFile sampleFile(const char* id) {
  return DeliverableFile{id, std::string(id) + " report \"final\".docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         123456789012, std::string(64, 'a')};
}

inline DecisionRecord sampleDecision() {
  return DecisionRecord{"m3", 2, "buyer@example.com", "203.0.113.7", "Mozilla/5.0 (X11)",
                        {std::string(64, 'b'), std::string(64, 'c')},
                        "Looks good.\nSigned: 张伟 \\ \t ok"};
}

// clang-format off
inline EngagementCreated sample(std::in_place_type_t<EngagementCreated>) {
  return EngagementCreated{"chaos-drill", 3, "standard", "Drill 2025 — 混沌演练", "Acme Bank", "Ops Ltd",
                           {{"provider", {"Li Lei", "li@ops.example"}}, {"customer", {"Ann", "ann@acme.example"}}},
                           day("2025-02-10"), "cn-mainland"};
}
inline EngagementActivated sample(std::in_place_type_t<EngagementActivated>) { return {}; }
inline EngagementCancelled sample(std::in_place_type_t<EngagementCancelled>) { return {"budget \"frozen\""}; }
inline EngagementStageEntered sample(std::in_place_type_t<EngagementStageEntered>) { return {"design"}; }
inline EngagementCompleted sample(std::in_place_type_t<EngagementCompleted>) { return {}; }
inline OwnerChanged sample(std::in_place_type_t<OwnerChanged>) {
  return {"customer", {"Bob", "bob@acme.example"}, day("2025-03-03")};
}
inline MilestoneStarted sample(std::in_place_type_t<MilestoneStarted>) { return {"m2", true}; }
inline DeliverableUploaded sample(std::in_place_type_t<DeliverableUploaded>) { return {"m2", sampleFile("d1"), true}; }
inline MilestoneSubmitted sample(std::in_place_type_t<MilestoneSubmitted>) {
  return {"m3", 2, {sampleFile("d1"), sampleFile("d2")}, {"a@x.example", "b@x.example"},
          at("2025-02-14T16:00:00Z"), day("2025-02-14"), true, 7, "escalate", "cn-mainland", "2025-01-02"};
}
inline MilestoneAccepted sample(std::in_place_type_t<MilestoneAccepted>) { return {sampleDecision()}; }
inline MilestoneObjected sample(std::in_place_type_t<MilestoneObjected>) { return {sampleDecision()}; }
inline MilestoneDeemedAccepted sample(std::in_place_type_t<MilestoneDeemedAccepted>) {
  return {"m3", 2, at("2025-02-14T16:00:00Z")};
}
inline MilestoneEscalated sample(std::in_place_type_t<MilestoneEscalated>) {
  return {"m4", 3, at("2025-03-14T16:00:00Z")};
}
// clang-format on

// The sample of the variant's alternative `index`. A new kind without a
// sample() overload fails to compile here, so every kind is always covered.
template <std::size_t... I>
Event sampleByIndex(std::size_t index, std::index_sequence<I...>) {
  Event out;
  ((index == I ? (out = sample(std::in_place_type<std::variant_alternative_t<I, Event>>), 0) : 0),
   ...);
  return out;
}
inline Event sampleByIndex(std::size_t index) {
  return sampleByIndex(index, std::make_index_sequence<std::variant_size_v<Event>>{});
}
inline constexpr std::size_t kEventKinds = std::variant_size_v<Event>;

// A sealed chain of `count` events for `engagementId`, cycling through every
// kind, starting after (fromSeq - 1, prevHash).
inline std::vector<StoredEvent> sealedChain(const std::string& engagementId, std::int64_t count,
                                            std::int64_t fromSeq = 1,
                                            std::string prevHash = kGenesisHash) {
  std::vector<StoredEvent> out;
  for (std::int64_t seq = fromSeq; seq < fromSeq + count; ++seq) {
    const Instant when = at("2025-02-10T01:00:00Z") + std::chrono::minutes{seq};
    out.push_back(sealEvent(engagementId, seq, sampleByIndex(static_cast<std::size_t>(seq) % kEventKinds),
                            when, when + std::chrono::seconds{1}, "owner:li", prevHash));
    prevHash = out.back().hash;
  }
  return out;
}

}  // namespace sowflow::engine::testing
