// The workflow rules that span elements (docs/workflow-format.md, "Validation").
//
// References records every id declared (per kind: party, edition, phase,
// activity, milestone, deliverable, ...) and every reference made, so
// duplicates and dangling references are reported with their lines once the
// whole file has been read (milestones may depend on later milestones).
// Thread-safety: one instance per file being parsed.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sowflow/engine/workflow.hpp"
#include "workflow/element_reader.hpp"

namespace sowflow::engine::detail {

class References {
 public:
  explicit References(ElementReader& reader) : r_(reader) {}

  // Reports a duplicate of the same kind. Empty ids are ignored (already reported).
  void declare(const std::string& kind, const std::string& id, int line);
  // Remembers a reference from element <from> to be checked by resolve().
  void refer(const std::string& kind, const std::string& id, int line, const std::string& from);
  bool isDeclared(const std::string& kind, const std::string& id) const;
  int lineOf(const std::string& kind, const std::string& id) const;  // 0 when unknown
  void resolve();

 private:
  struct Reference {
    std::string kind, id, from;
    int line;
  };
  ElementReader& r_;
  std::map<std::string, std::map<std::string, int>> declared_;  // kind -> id -> line
  std::vector<Reference> references_;
};

// SPEC §2: at least one R per activity, at most one A.
void checkResponsibility(const Activity& activity, int line, ElementReader& reader);
// Milestone dependencies must form no cycle; each cycle is named.
void checkMilestoneCycles(const Workflow& workflow, const References& refs, ElementReader& reader);
// One-off workflows need exactly one final milestone in every edition;
// subscriptions (which complete when their term ends) at most one.
// `rootLine` is used when there is no milestone to point at.
void checkFinalMilestones(const Workflow& workflow, const References& refs, int rootLine,
                          ElementReader& reader);

}  // namespace sowflow::engine::detail
