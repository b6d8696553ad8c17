// The mustache context a docx template sees (docs/documents.md lists every
// variable). Values are plain strings; mstch escapes them for XML.
#include "docx/docx_context.hpp"

#include <array>
#include <stdexcept>
#include <utility>
#include <vector>

namespace sowflow::deliverables::detail {
namespace {

// A fixed set of named values seen by mstch as an object: lookups return a
// copy of one value (mstch::object's only interface is methods taking no
// arguments, hence one member function per field index), while the record
// itself travels through mstch's context stack as a shared pointer.
class Record : public mstch::object {
 public:
  using Fields = std::vector<std::pair<std::string, mstch::node>>;
  static constexpr std::size_t kMaxFields = 32;

  explicit Record(Fields fields) : fields_(std::move(fields)) {
    if (fields_.size() > kMaxFields) throw std::length_error("docx context record has too many fields");
    std::map<std::string, mstch::node (Record::*)()> methods;
    for (std::size_t i = 0; i < fields_.size(); ++i) methods.emplace(fields_[i].first, getters()[i]);
    register_methods(this, methods);
  }

 private:
  template <std::size_t I>
  mstch::node field() { return fields_[I].second; }

  template <std::size_t... I>
  static constexpr std::array<mstch::node (Record::*)(), kMaxFields> makeGetters(std::index_sequence<I...>) {
    return {&Record::field<I>...};
  }
  static const std::array<mstch::node (Record::*)(), kMaxFields>& getters() {
    static constexpr auto table = makeGetters(std::make_index_sequence<kMaxFields>{});
    return table;
  }

  Fields fields_;
};

mstch::node record(Record::Fields fields) { return std::make_shared<Record>(std::move(fields)); }

std::string dateText(engine::Date day) { return engine::formatDate(day); }

mstch::node versionContext(const DocVersion& v, const DocumentModel& m) {
  mstch::array files;
  files.reserve(v.files.size());
  for (const auto& f : v.files) {
    files.push_back(record({{"deliverable", f.deliverableTitle}, {"filename", f.filename},
                            {"size", std::to_string(f.size)}, {"sha256", f.sha256}}));
  }
  std::string recipients;
  for (const auto& r : v.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  Record::Fields out{{"version", std::to_string(v.version)}, {"submitted_at", v.submittedAtText},
                     {"submitted_by", v.submittedBy}, {"deadline", v.deadlineText},
                     {"deadline_local_date", dateText(v.deadlineLocalDate)},
                     {"provisional", v.provisional}, {"recipients", std::move(recipients)},
                     {"files", std::move(files)}};
  if (v.decision) {
    const auto& d = *v.decision;
    out.emplace_back("decision", record({{"kind", d.kindLabel}, {"at", d.atText}, {"actor", d.actor},
                                         {"recipient", d.recipient}, {"ip", d.ip}, {"user_agent", d.userAgent},
                                         {"comment", d.comment}, {"deemed", d.kind == "deemed_accepted"},
                                         {"by_link", !d.recipient.empty()}}));
  } else {
    out.emplace_back("pending", m.labels("decision.pending"));
  }
  return record(std::move(out));
}

}  // namespace

mstch::node milestoneContext(const DocMilestone& ms, const DocumentModel& m) {
  mstch::array versions, deliverables;
  versions.reserve(ms.versions.size());
  for (const auto& v : ms.versions) versions.push_back(versionContext(v, m));
  for (const auto& d : ms.deliverables) deliverables.push_back(record({{"title", d.title}, {"format", d.format}}));
  std::string decision = m.labels("decision.pending");
  if (!ms.versions.empty() && ms.versions.back().decision) {
    const auto& d = *ms.versions.back().decision;
    decision = d.kindLabel + " " + d.atText;
  }
  return record({{"id", ms.id}, {"title", ms.title}, {"phase", ms.phaseTitle}, {"state", ms.stateLabel},
                 {"planned_date", dateText(ms.plannedDate)}, {"version", std::to_string(ms.versions.size())},
                 {"versions", std::move(versions)}, {"deliverables", std::move(deliverables)},
                 {"latest_decision", std::move(decision)}, {"final", ms.isFinal}});
}

mstch::node documentContext(const DocumentModel& m, const std::string& focusMilestone) {
  mstch::array parties, partyTitles, phases, milestones, activities, trail;
  for (const auto& p : m.parties) {
    parties.push_back(record({{"id", p.id}, {"role", p.role}, {"name", p.name},
                              {"owner_name", p.ownerName}, {"owner_email", p.ownerEmail}}));
    partyTitles.push_back(record({{"title", p.role}}));
  }
  // Each milestone once; phases and the focus share the same record.
  milestones.reserve(m.milestones.size());
  mstch::node focus = false;
  for (const auto& ms : m.milestones) {
    milestones.push_back(milestoneContext(ms, m));
    if (ms.id == focusMilestone) focus = milestones.back();
  }
  for (const auto& ph : m.phases) {
    mstch::array inPhase;
    for (std::size_t i = 0; i < m.milestones.size(); ++i) {
      if (m.milestones[i].phaseId == ph.id) inPhase.push_back(milestones[i]);
    }
    phases.push_back(record({{"title", ph.title}, {"stage", m.labels("stage." + ph.stage)},
                             {"milestones", std::move(inPhase)}}));
  }
  for (const auto& a : m.activities) {
    mstch::array roles;
    for (const auto& p : m.parties) {
      const auto found = a.roles.find(p.id);
      roles.push_back(record({{"role", found == a.roles.end() ? std::string() : found->second}}));
    }
    activities.push_back(record({{"phase", a.phaseTitle}, {"title", a.title}, {"roles", std::move(roles)}}));
  }
  trail.reserve(m.trail.size());
  for (const auto& e : m.trail) {
    trail.push_back(record({{"seq", std::to_string(e.seq)}, {"type", e.type}, {"at", e.effectiveAtText},
                            {"actor", e.actor}, {"hash", e.hash}}));
  }
  return record({{"id", m.engagementId}, {"title", m.title}, {"workflow_title", m.workflowTitle},
                 {"workflow_id", m.workflowId}, {"workflow_version", std::to_string(m.workflowVersion)},
                 {"edition", m.editionTitle.empty() ? m.edition : m.editionTitle}, {"customer", m.customer},
                 {"provider", m.provider}, {"start", dateText(m.start)}, {"planned_end", dateText(m.plannedEnd)},
                 {"state", m.stateLabel}, {"outcome", m.outcomeLabel}, {"cancel_reason", m.cancelReason},
                 {"time_zone", m.timeZone}, {"head_seq", std::to_string(m.headSeq)}, {"head_hash", m.headHash},
                 {"parties", std::move(parties)}, {"party_titles", std::move(partyTitles)},
                 {"phases", std::move(phases)}, {"milestones", std::move(milestones)},
                 {"activities", std::move(activities)}, {"trail", std::move(trail)}, {"milestone", std::move(focus)}});
}

}  // namespace sowflow::deliverables::detail
