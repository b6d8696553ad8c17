#include "sowflow/engine/workflow.hpp"

#include <algorithm>

namespace sowflow::engine {

const char* toString(Stage stage) {
  switch (stage) {
    case Stage::survey: return "survey";
    case Stage::design: return "design";
    case Stage::delivery: return "delivery";
    case Stage::acceptance: return "acceptance";
  }
  return "survey";
}

const char* toString(Raci role) {
  switch (role) {
    case Raci::R: return "R";
    case Raci::A: return "A";
    case Raci::S: return "S";
    case Raci::C: return "C";
    case Raci::I: return "I";
  }
  return "R";
}

const char* toString(OnSilence rule) {
  return rule == OnSilence::escalate ? "escalate" : "deemed-accepted";
}

std::optional<Stage> parseStage(std::string_view text) {
  for (Stage s : {Stage::survey, Stage::design, Stage::delivery, Stage::acceptance}) {
    if (text == toString(s)) return s;
  }
  return std::nullopt;
}

std::optional<Raci> parseRaci(std::string_view text) {
  for (Raci r : {Raci::R, Raci::A, Raci::S, Raci::C, Raci::I}) {
    if (text == toString(r)) return r;
  }
  return std::nullopt;
}

std::optional<OnSilence> parseOnSilence(std::string_view text) {
  if (text == "deemed-accepted") return OnSilence::deemed_accepted;
  if (text == "escalate") return OnSilence::escalate;
  return std::nullopt;
}

bool inEdition(const EditionList& editions, std::string_view edition) {
  return editions.empty() || edition.empty() ||
         std::find(editions.begin(), editions.end(), edition) != editions.end();
}

const Phase* Workflow::findPhase(std::string_view wanted) const {
  for (const auto& p : phases) {
    if (p.id == wanted) return &p;
  }
  return nullptr;
}

const Milestone* Workflow::findMilestone(std::string_view wanted) const {
  for (const auto& m : milestones) {
    if (m.id == wanted) return &m;
  }
  return nullptr;
}

const NoticeRule* Workflow::findNotice(std::string_view wanted, std::string_view edition) const {
  for (const auto& n : notices) {
    if (n.id == wanted && inEdition(n.editions, edition)) return &n;
  }
  return nullptr;
}

bool Workflow::hasEdition(std::string_view wanted) const {
  return std::any_of(editions.begin(), editions.end(),
                     [&](const Edition& e) { return e.id == wanted; });
}

}  // namespace sowflow::engine
