#include "workflow/workflow_rules.hpp"

#include <algorithm>

namespace sowflow::engine::detail {

void References::declare(const std::string& kind, const std::string& id, int line) {
  if (id.empty()) return;
  const auto [it, inserted] = declared_[kind].emplace(id, line);
  if (!inserted) {
    r_.error(line, "duplicate " + kind + " id '" + id + "' (first defined at line " +
                       std::to_string(it->second) + ")");
  }
}

void References::refer(const std::string& kind, const std::string& id, int line,
                       const std::string& from) {
  if (!id.empty()) references_.push_back(Reference{kind, id, from, line});
}

bool References::isDeclared(const std::string& kind, const std::string& id) const {
  const auto it = declared_.find(kind);
  return it != declared_.end() && it->second.count(id) > 0;
}

int References::lineOf(const std::string& kind, const std::string& id) const {
  const auto it = declared_.find(kind);
  if (it == declared_.end()) return 0;
  const auto found = it->second.find(id);
  return found == it->second.end() ? 0 : found->second;
}

void References::resolve() {
  for (const auto& ref : references_) {
    if (!isDeclared(ref.kind, ref.id)) {
      r_.error(ref.line, "<" + ref.from + "> refers to unknown " + ref.kind + " '" + ref.id + "'");
    }
  }
}

void checkResponsibility(const Activity& activity, int line, ElementReader& reader) {
  const auto count = [&](Raci role) {
    return std::count_if(activity.assignments.begin(), activity.assignments.end(),
                         [&](const auto& entry) { return entry.second == role; });
  };
  if (count(Raci::R) == 0) {
    reader.error(line, "activity '" + activity.id + "' has no responsible party (role R)");
  }
  if (const auto accountable = count(Raci::A); accountable > 1) {
    reader.error(line, "activity '" + activity.id + "' has " + std::to_string(accountable) +
                           " accountable parties (role A); at most one is allowed");
  }
}

namespace {

// Depth-first search with the usual three colours; a grey successor closes a cycle.
class CycleFinder {
 public:
  CycleFinder(const Workflow& workflow, const References& refs, ElementReader& reader)
      : workflow_(workflow), refs_(refs), reader_(reader) {}

  void run() {
    for (const auto& m : workflow_.milestones) {
      if (colour_[m.id] == Colour::white) visit(m);
    }
  }

 private:
  enum class Colour { white, grey, black };

  void visit(const Milestone& m) {
    colour_[m.id] = Colour::grey;
    path_.push_back(m.id);
    for (const auto& dep : m.dependsOn) {
      const Milestone* next = workflow_.findMilestone(dep);
      if (next == nullptr) continue;  // reported as an unknown milestone
      if (colour_[dep] == Colour::grey) {
        report(dep);
      } else if (colour_[dep] == Colour::white) {
        visit(*next);
      }
    }
    path_.pop_back();
    colour_[m.id] = Colour::black;
  }

  void report(const std::string& start) {
    const auto from = std::find(path_.begin(), path_.end(), start);
    std::string cycle;
    for (auto it = from; it != path_.end(); ++it) cycle += *it + " -> ";
    cycle += start;
    reader_.error(refs_.lineOf("milestone", start), "milestone dependency cycle: " + cycle);
  }

  const Workflow& workflow_;
  const References& refs_;
  ElementReader& reader_;
  std::map<std::string, Colour> colour_;
  std::vector<std::string> path_;
};

}  // namespace

void checkMilestoneCycles(const Workflow& workflow, const References& refs,
                          ElementReader& reader) {
  CycleFinder(workflow, refs, reader).run();
}

void checkFinalMilestones(const Workflow& workflow, const References& refs, int rootLine,
                          ElementReader& reader) {
  std::vector<std::string> editions;
  for (const auto& e : workflow.editions) editions.push_back(e.id);
  if (editions.empty()) editions.emplace_back();  // no editions: one check over all milestones
  const bool oneOff = workflow.kind == "one-off";
  for (const auto& edition : editions) {
    std::vector<const Milestone*> finals;
    for (const auto& m : workflow.milestones) {
      if (m.final && inEdition(m.editions, edition)) finals.push_back(&m);
    }
    const std::string inEditionText = edition.empty() ? "" : " in edition '" + edition + "'";
    if (finals.empty() && oneOff) {
      reader.error(workflow.milestones.empty()
                       ? rootLine
                       : refs.lineOf("milestone", workflow.milestones.back().id),
                   "no final milestone (final=\"true\")" + inEditionText +
                       "; a one-off workflow completes when its final milestone is accepted");
    }
    if (finals.size() > 1) {
      std::string names;
      for (const auto* m : finals) {
        names += (names.empty() ? "'" : ", '") + m->id + "' (line " +
                 std::to_string(refs.lineOf("milestone", m->id)) + ")";
      }
      reader.error(refs.lineOf("milestone", finals[1]->id),
                   std::to_string(finals.size()) + " final milestones" + inEditionText + ": " +
                       names + "; at most one is allowed");
    }
  }
}

}  // namespace sowflow::engine::detail
