// The mustache context a docx template sees (docs/documents.md lists every
// variable). Values are plain strings; mstch escapes them for XML.
#include <mstch/mstch.hpp>

#include "docx/docx_context.hpp"

namespace sowflow::deliverables::detail {
namespace {

std::string dateText(engine::Date day) { return engine::formatDate(day); }

mstch::map versionContext(const DocVersion& v, const DocumentModel& m) {
  mstch::array files;
  for (const auto& f : v.files) {
    files.push_back(mstch::map{{"deliverable", f.deliverableTitle}, {"filename", f.filename},
                               {"size", std::to_string(f.size)}, {"sha256", f.sha256}});
  }
  std::string recipients;
  for (const auto& r : v.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  mstch::map out{{"version", std::to_string(v.version)}, {"submitted_at", v.submittedAtText},
                 {"submitted_by", v.submittedBy}, {"deadline", v.deadlineText},
                 {"deadline_local_date", dateText(v.deadlineLocalDate)},
                 {"provisional", v.provisional}, {"recipients", recipients}, {"files", files}};
  if (v.decision) {
    const auto& d = *v.decision;
    out["decision"] = mstch::map{{"kind", d.kindLabel}, {"at", d.atText}, {"actor", d.actor},
                                 {"recipient", d.recipient}, {"ip", d.ip}, {"user_agent", d.userAgent},
                                 {"comment", d.comment}, {"deemed", d.kind == "deemed_accepted"},
                                 {"by_link", !d.recipient.empty()}};
  } else {
    out["pending"] = m.labels("decision.pending");
  }
  return out;
}

}  // namespace

mstch::map milestoneContext(const DocMilestone& ms, const DocumentModel& m) {
  mstch::array versions, deliverables;
  for (const auto& v : ms.versions) versions.push_back(versionContext(v, m));
  for (const auto& d : ms.deliverables) deliverables.push_back(mstch::map{{"title", d.title}, {"format", d.format}});
  std::string decision = m.labels("decision.pending");
  if (!ms.versions.empty() && ms.versions.back().decision) {
    const auto& d = *ms.versions.back().decision;
    decision = d.kindLabel + " " + d.atText;
  }
  return mstch::map{{"id", ms.id}, {"title", ms.title}, {"phase", ms.phaseTitle}, {"state", ms.stateLabel},
                    {"planned_date", dateText(ms.plannedDate)}, {"version", std::to_string(ms.versions.size())},
                    {"versions", versions}, {"deliverables", deliverables}, {"latest_decision", decision},
                    {"final", ms.isFinal}};
}

mstch::map documentContext(const DocumentModel& m, const std::string& focusMilestone) {
  mstch::array parties, partyTitles, phases, milestones, activities, trail;
  for (const auto& p : m.parties) {
    parties.push_back(mstch::map{{"id", p.id}, {"role", p.role}, {"name", p.name},
                                 {"owner_name", p.ownerName}, {"owner_email", p.ownerEmail}});
    partyTitles.push_back(mstch::map{{"title", p.role}});
  }
  for (const auto& ph : m.phases) {
    mstch::array inPhase;
    for (const auto& ms : m.milestones) {
      if (ms.phaseId == ph.id) inPhase.push_back(milestoneContext(ms, m));
    }
    phases.push_back(mstch::map{{"title", ph.title}, {"stage", m.labels("stage." + ph.stage)}, {"milestones", inPhase}});
  }
  mstch::node focus = false;
  for (const auto& ms : m.milestones) {
    milestones.push_back(milestoneContext(ms, m));
    if (ms.id == focusMilestone) focus = milestoneContext(ms, m);
  }
  for (const auto& a : m.activities) {
    mstch::array roles;
    for (const auto& p : m.parties) {
      const auto found = a.roles.find(p.id);
      roles.push_back(mstch::map{{"role", found == a.roles.end() ? std::string() : found->second}});
    }
    activities.push_back(mstch::map{{"phase", a.phaseTitle}, {"title", a.title}, {"roles", roles}});
  }
  for (const auto& e : m.trail) {
    trail.push_back(mstch::map{{"seq", std::to_string(e.seq)}, {"type", e.type}, {"at", e.effectiveAtText},
                               {"actor", e.actor}, {"hash", e.hash}});
  }
  return mstch::map{
      {"id", m.engagementId}, {"title", m.title}, {"workflow_title", m.workflowTitle},
      {"workflow_id", m.workflowId}, {"workflow_version", std::to_string(m.workflowVersion)},
      {"edition", m.editionTitle.empty() ? m.edition : m.editionTitle}, {"customer", m.customer},
      {"provider", m.provider}, {"start", dateText(m.start)}, {"planned_end", dateText(m.plannedEnd)},
      {"state", m.stateLabel}, {"outcome", m.outcomeLabel}, {"cancel_reason", m.cancelReason},
      {"time_zone", m.timeZone}, {"head_seq", std::to_string(m.headSeq)}, {"head_hash", m.headHash},
      {"parties", parties}, {"party_titles", partyTitles}, {"phases", phases}, {"milestones", milestones},
      {"activities", activities}, {"trail", trail}, {"milestone", focus}};
}

}  // namespace sowflow::deliverables::detail
