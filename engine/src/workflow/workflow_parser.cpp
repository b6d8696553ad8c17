// <workflow> files: the element-by-element schema, then the rules that span
// elements (references, responsibility matrix, dependency cycles, finals).
// Every rule is listed, with its message, in docs/workflow-format.md.
#include <map>

#include "workflow/parsers.hpp"
#include "workflow/workflow_rules.hpp"

namespace sowflow::engine::detail {
namespace {

using pugi::xml_node;

class WorkflowParser {
 public:
  explicit WorkflowParser(ElementReader& reader) : r_(reader), refs_(reader) {}

  std::optional<Workflow> parse(xml_node root) {
    header(root);
    parties(root.child("parties"));
    editions(root.child("editions"));
    phases(root.child("phases"));
    activities(root.child("activities"));
    milestones(root.child("milestones"));
    notices(root.child("notices"));
    slas(root.child("slas"));
    quotas(root.child("quotas"));
    recurring(root.child("recurring"));
    if (const auto term = root.child("term")) {
      r_.attributes(term, {"multiple-of-months"}, {});
      r_.children(term, {});
      w_.termMultipleOfMonths = r_.optionalInteger(term, "multiple-of-months", 1, 120);
    }
    refs_.resolve();
    checkMilestoneCycles(w_, refs_, r_);
    checkFinalMilestones(w_, refs_, r_.line(root), r_);
    if (r_.hadErrors()) return std::nullopt;
    return std::move(w_);
  }

 private:
  void header(xml_node root) {
    r_.attributes(root, {"id", "version", "title", "language", "calendar", "kind"}, {"source"});
    r_.children(root,
                {"parties", "editions", "phases", "activities", "milestones", "notices", "slas",
                 "quotas", "recurring", "term"},
                {"parties", "editions", "phases", "activities", "milestones", "notices", "slas",
                 "quotas", "recurring", "term"});
    for (const char* required : {"parties", "phases"}) {
      if (!root.child(required)) {
        r_.error(r_.line(root), "missing required element <" + std::string(required) +
                                    "> in <workflow>");
      }
    }
    w_.id = r_.identifier(root);
    w_.version = r_.integer(root, "version", 1, 1, 1000000);
    w_.title = r_.text(root, "title");
    w_.source = r_.text(root, "source");
    w_.language = r_.oneOf(root, "language", "en", {"en", "zh-CN"});
    w_.calendar = r_.identifier(root, "calendar");
    w_.kind = r_.oneOf(root, "kind", "one-off", {"one-off", "subscription"});
  }

  // Common to every element that carries an id and title.
  std::pair<std::string, std::string> idAndTitle(xml_node node, const char* kind) {
    auto id = r_.identifier(node);
    refs_.declare(kind, id, r_.line(node, "id"));
    return {id, r_.text(node, "title")};
  }

  EditionList editionsOf(xml_node node) {
    auto list = r_.list(node, "editions");
    for (const auto& edition : list) refs_.refer("edition", edition, r_.line(node, "editions"), node.name());
    return list;
  }

  void parties(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"party"});
    for (auto node : section.children("party")) {
      r_.attributes(node, {"id", "title"}, {});
      r_.children(node, {});
      auto [id, title] = idAndTitle(node, "party");
      w_.parties.push_back(Party{id, title});
    }
    for (const char* required : {"provider", "customer"}) {
      if (!refs_.isDeclared("party", required)) {
        r_.error(r_.line(section), "missing required party '" + std::string(required) +
                                       "' in <parties>");
      }
    }
  }

  void editions(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"edition"});
    for (auto node : section.children("edition")) {
      r_.attributes(node, {"id", "title"}, {});
      r_.children(node, {});
      auto [id, title] = idAndTitle(node, "edition");
      w_.editions.push_back(Edition{id, title});
    }
  }

  void phases(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"phase"});
    for (auto node : section.children("phase")) {
      r_.attributes(node, {"id", "stage", "title"}, {});
      r_.children(node, {"description"}, {"description"});
      Phase phase;
      std::tie(phase.id, phase.title) = idAndTitle(node, "phase");
      phase.description = r_.childText(node, "description");
      const auto stage = r_.oneOf(node, "stage", "", {"survey", "design", "delivery", "acceptance"});
      phase.stage = parseStage(stage).value_or(Stage::survey);
      // SPEC §2: an engagement walks the stages in order, so phases list them in order.
      if (!stage.empty() && !w_.phases.empty() && phase.stage < w_.phases.back().stage) {
        r_.error(r_.line(node, "stage"),
                 "phase '" + phase.id + "' has stage '" + stage + "' after phase '" +
                     w_.phases.back().id + "' with stage '" + toString(w_.phases.back().stage) +
                     "'; phases must follow the stage order survey, design, delivery, acceptance");
      }
      w_.phases.push_back(std::move(phase));
    }
    if (w_.phases.empty()) r_.error(r_.line(section), "<phases> must list at least one <phase>");
  }

  void activities(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"activity"});
    for (auto node : section.children("activity")) {
      r_.attributes(node, {"id", "phase", "title"}, {"editions"});
      r_.children(node, {"description", "assign"}, {"description"});
      Activity activity;
      std::tie(activity.id, activity.title) = idAndTitle(node, "activity");
      activity.description = r_.childText(node, "description");
      activity.phase = r_.text(node, "phase");
      refs_.refer("phase", activity.phase, r_.line(node, "phase"), "activity");
      activity.editions = editionsOf(node);
      for (auto assign : node.children("assign")) {
        r_.attributes(assign, {"party", "role"}, {});
        r_.children(assign, {});
        const auto party = r_.text(assign, "party");
        refs_.refer("party", party, r_.line(assign, "party"), "assign");
        const auto role = parseRaci(r_.oneOf(assign, "role", "", {"R", "A", "S", "C", "I"}));
        if (party.empty() || !role) continue;
        if (!activity.assignments.emplace(party, *role).second) {
          r_.error(r_.line(assign), "party '" + party + "' is assigned twice in activity '" +
                                        activity.id + "'");
        }
      }
      checkResponsibility(activity, r_.line(node), r_);
      w_.activities.push_back(std::move(activity));
    }
  }

  void milestones(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"milestone"});
    for (auto node : section.children("milestone")) w_.milestones.push_back(milestone(node));
  }

  Milestone milestone(xml_node node) {
    r_.attributes(node, {"id", "phase", "title"},
                  {"overlap", "final", "planned-working-days", "editions"});
    r_.children(node, {"depends-on", "deliverable", "acceptance"}, {"acceptance"});
    Milestone m;
    std::tie(m.id, m.title) = idAndTitle(node, "milestone");
    m.phase = r_.text(node, "phase");
    refs_.refer("phase", m.phase, r_.line(node, "phase"), "milestone");
    m.overlap = r_.boolean(node, "overlap", false);
    m.final = r_.boolean(node, "final", false);
    m.plannedWorkingDays = r_.integer(node, "planned-working-days", 5, 1, 366);
    m.editions = editionsOf(node);
    for (auto dep : node.children("depends-on")) {
      r_.attributes(dep, {"milestone"}, {});
      r_.children(dep, {});
      m.dependsOn.push_back(r_.text(dep, "milestone"));
      refs_.refer("milestone", m.dependsOn.back(), r_.line(dep, "milestone"), "depends-on");
    }
    for (auto d : node.children("deliverable")) {
      r_.attributes(d, {"id", "title"}, {"format", "template", "editions"});
      r_.children(d, {});
      Deliverable deliverable;
      std::tie(deliverable.id, deliverable.title) = idAndTitle(d, "deliverable");
      deliverable.format = r_.oneOf(d, "format", "any", {"docx", "xlsx", "any"});
      deliverable.documentTemplate = r_.text(d, "template");
      deliverable.editions = editionsOf(d);
      m.deliverables.push_back(std::move(deliverable));
    }
    if (const auto a = node.child("acceptance")) {
      r_.attributes(a, {}, {"window-working-days", "on-silence", "submitter", "acceptor"});
      r_.children(a, {});
      // SPEC §2 default 5; longer than 60 working days is almost certainly a typo.
      m.acceptance.windowWorkingDays = r_.integer(a, "window-working-days", 5, 1, 60);
      m.acceptance.onSilence =
          *parseOnSilence(r_.oneOf(a, "on-silence", "deemed-accepted", {"deemed-accepted", "escalate"}));
      m.acceptance.submitter = r_.text(a, "submitter", "provider");
      m.acceptance.acceptor = r_.text(a, "acceptor", "customer");
      refs_.refer("party", m.acceptance.submitter, r_.line(a, "submitter"), "acceptance");
      refs_.refer("party", m.acceptance.acceptor, r_.line(a, "acceptor"), "acceptance");
      if (m.acceptance.submitter == m.acceptance.acceptor) {
        r_.error(r_.line(a), "<acceptance> submitter and acceptor are the same party '" +
                                 m.acceptance.submitter + "'");
      }
    }
    return m;
  }

  void notices(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"notice"});
    for (auto node : section.children("notice")) {
      r_.attributes(node, {"id", "title", "working-days"}, {"editions"});
      r_.children(node, {});
      NoticeRule rule;
      std::tie(rule.id, rule.title) = idAndTitle(node, "notice");
      rule.workingDays = r_.integer(node, "working-days", 0, 0, 60);
      rule.editions = editionsOf(node);
      w_.notices.push_back(std::move(rule));
    }
  }

  void slas(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"sla"});
    for (auto node : section.children("sla")) {
      r_.attributes(node, {"id", "title", "response-minutes"}, {"clock", "editions"});
      r_.children(node, {});
      SlaRule rule;
      std::tie(rule.id, rule.title) = idAndTitle(node, "sla");
      rule.responseMinutes = r_.integer(node, "response-minutes", 0, 1, 527040);  // a leap year
      rule.clock = r_.oneOf(node, "clock", "natural", {"natural", "working"});
      rule.editions = editionsOf(node);
      w_.slas.push_back(std::move(rule));
    }
  }

  void quotas(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"quota"});
    for (auto node : section.children("quota")) {
      r_.attributes(node, {"id", "title", "count"}, {"period", "rollover", "editions"});
      r_.children(node, {});
      QuotaRule rule;
      std::tie(rule.id, rule.title) = idAndTitle(node, "quota");
      rule.count = r_.integer(node, "count", 0, 0, 1000000);
      rule.period = r_.oneOf(node, "period", "calendar-month", {"calendar-month", "year", "term"});
      rule.rollover = r_.boolean(node, "rollover", false);
      rule.editions = editionsOf(node);
      w_.quotas.push_back(std::move(rule));
    }
  }

  void recurring(xml_node section) {
    if (!section) return;
    r_.attributes(section, {}, {});
    r_.children(section, {"deliverable"});
    for (auto node : section.children("deliverable")) {
      r_.attributes(node, {"id", "title"}, {"every-months", "trigger", "editions"});
      r_.children(node, {});
      RecurringDeliverable d;
      std::tie(d.id, d.title) = idAndTitle(node, "recurring deliverable");
      d.everyMonths = r_.integer(node, "every-months", 1, 1, 120);
      d.trigger = r_.text(node, "trigger");
      d.editions = editionsOf(node);
      w_.recurring.push_back(std::move(d));
    }
  }

  ElementReader& r_;
  References refs_;
  Workflow w_;
};

}  // namespace

std::optional<Workflow> parseWorkflow(xml_node root, ElementReader& reader) {
  return WorkflowParser(reader).parse(root);
}

}  // namespace sowflow::engine::detail
