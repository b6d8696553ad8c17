// The data a docx template sees (docs/documents.md lists every variable).
// Values are plain strings; the renderer escapes them for XML. Each milestone
// is built once: the phases list refers to the entries of `milestones`.
#include "docx/docx_context.hpp"

namespace sowflow::deliverables::detail {
namespace {

using mustache::Value;

std::string dateText(engine::Date day) { return engine::formatDate(day); }

Value versionContext(const DocVersion& v, const DocumentModel& m) {
  Value files = Value::list();
  for (const auto& f : v.files) {
    Value& file = files.push(Value::map());
    file.set("deliverable", f.deliverableTitle);
    file.set("filename", f.filename);
    file.set("size", std::to_string(f.size));
    file.set("sha256", f.sha256);
  }
  std::string recipients;
  for (const auto& r : v.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  Value out = Value::map();
  out.set("version", std::to_string(v.version));
  out.set("submitted_at", v.submittedAtText);
  out.set("submitted_by", v.submittedBy);
  out.set("deadline", v.deadlineText);
  out.set("deadline_local_date", dateText(v.deadlineLocalDate));
  out.set("provisional", v.provisional);
  out.set("recipients", std::move(recipients));
  out.set("files", std::move(files));
  if (v.decision) {
    const auto& d = *v.decision;
    Value& decision = out.set("decision", Value::map());
    decision.set("kind", d.kindLabel);
    decision.set("at", d.atText);
    decision.set("actor", d.actor);
    decision.set("recipient", d.recipient);
    decision.set("ip", d.ip);
    decision.set("user_agent", d.userAgent);
    decision.set("comment", d.comment);
    decision.set("deemed", d.kind == "deemed_accepted");
    decision.set("by_link", !d.recipient.empty());
  } else {
    out.set("pending", m.labels("decision.pending"));
  }
  return out;
}

}  // namespace

Value milestoneContext(const DocMilestone& ms, const DocumentModel& m) {
  Value versions = Value::list(), deliverables = Value::list();
  for (const auto& v : ms.versions) versions.push(versionContext(v, m));
  for (const auto& d : ms.deliverables) {
    Value& item = deliverables.push(Value::map());
    item.set("title", d.title);
    item.set("format", d.format);
  }
  std::string decision = m.labels("decision.pending");
  if (!ms.versions.empty() && ms.versions.back().decision) {
    const auto& d = *ms.versions.back().decision;
    decision = d.kindLabel + " " + d.atText;
  }
  Value out = Value::map();
  out.set("id", ms.id);
  out.set("title", ms.title);
  out.set("phase", ms.phaseTitle);
  out.set("state", ms.stateLabel);
  out.set("planned_date", dateText(ms.plannedDate));
  out.set("version", std::to_string(ms.versions.size()));
  out.set("versions", std::move(versions));
  out.set("deliverables", std::move(deliverables));
  out.set("latest_decision", std::move(decision));
  out.set("final", ms.isFinal);
  return out;
}

Value documentContext(const DocumentModel& m, const std::string& focusMilestone) {
  Value out = Value::map();
  out.set("id", m.engagementId);
  out.set("title", m.title);
  out.set("workflow_title", m.workflowTitle);
  out.set("workflow_id", m.workflowId);
  out.set("workflow_version", std::to_string(m.workflowVersion));
  out.set("edition", m.editionTitle.empty() ? m.edition : m.editionTitle);
  out.set("customer", m.customer);
  out.set("provider", m.provider);
  out.set("start", dateText(m.start));
  out.set("planned_end", dateText(m.plannedEnd));
  out.set("state", m.stateLabel);
  out.set("outcome", m.outcomeLabel);
  out.set("cancel_reason", m.cancelReason);
  out.set("time_zone", m.timeZone);
  out.set("head_seq", std::to_string(m.headSeq));
  out.set("head_hash", m.headHash);

  // References below point at items of `milestones`: a list's items keep
  // their addresses when the list itself is moved into `out`.
  Value parties = Value::list(), partyTitles = Value::list(), phases = Value::list();
  Value milestones = Value::list(), activities = Value::list(), trail = Value::list();
  for (const auto& p : m.parties) {
    Value& party = parties.push(Value::map());
    party.set("id", p.id);
    party.set("role", p.role);
    party.set("name", p.name);
    party.set("owner_name", p.ownerName);
    party.set("owner_email", p.ownerEmail);
    partyTitles.push(Value::map()).set("title", p.role);
  }
  for (const auto& ms : m.milestones) milestones.push(milestoneContext(ms, m));
  for (const auto& ph : m.phases) {
    Value inPhase = Value::list();
    for (std::size_t i = 0; i < m.milestones.size(); ++i) {
      if (m.milestones[i].phaseId == ph.id) inPhase.push(Value::ref(milestones.items()[i]));
    }
    Value& phase = phases.push(Value::map());
    phase.set("title", ph.title);
    phase.set("stage", m.labels("stage." + ph.stage));
    phase.set("milestones", std::move(inPhase));
  }
  for (const auto& a : m.activities) {
    Value roles = Value::list();
    for (const auto& p : m.parties) {
      const auto found = a.roles.find(p.id);
      roles.push(Value::map()).set("role", found == a.roles.end() ? std::string() : found->second);
    }
    Value& activity = activities.push(Value::map());
    activity.set("phase", a.phaseTitle);
    activity.set("title", a.title);
    activity.set("roles", std::move(roles));
  }
  for (const auto& e : m.trail) {
    Value& event = trail.push(Value::map());
    event.set("seq", std::to_string(e.seq));
    event.set("type", e.type);
    event.set("at", e.effectiveAtText);
    event.set("actor", e.actor);
    event.set("hash", e.hash);
  }
  Value focus = false;
  for (std::size_t i = 0; i < m.milestones.size(); ++i) {
    if (m.milestones[i].id == focusMilestone) focus = Value::ref(milestones.items()[i]);
  }
  out.set("parties", std::move(parties));
  out.set("party_titles", std::move(partyTitles));
  out.set("phases", std::move(phases));
  out.set("milestones", std::move(milestones));
  out.set("activities", std::move(activities));
  out.set("trail", std::move(trail));
  out.set("milestone", std::move(focus));
  return out;
}

}  // namespace sowflow::deliverables::detail
