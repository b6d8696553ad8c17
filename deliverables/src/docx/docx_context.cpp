// The mustache context a docx template sees (docs/documents.md lists every
// variable). Values are plain strings; mstch escapes them for XML.
#include "docx/docx_context.hpp"

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace sowflow::deliverables::detail {
namespace {

// Named values seen by mstch as an object: the record travels through
// mstch's context stack as a shared pointer, and each lookup returns a copy
// of one value (mstch::object's only interface is methods taking no
// arguments, hence one member function per field index). A lazy field is
// built on its first lookup, so a template that never names the trail does
// not pay for it.
class Record : public mstch::object {
 public:
  using Make = std::function<mstch::node()>;
  struct Field {
    Field(std::string n, mstch::node v) : name(std::move(n)), value(std::move(v)) {}
    static Field lazy(std::string n, Make m) {
      Field f(std::move(n), mstch::node{});
      f.make = std::move(m);
      return f;
    }
    std::string name;
    mstch::node value;
    Make make;
  };
  using Fields = std::vector<Field>;
  static constexpr std::size_t kMaxFields = 32;

  explicit Record(Fields fields) : fields_(std::move(fields)) {
    if (fields_.size() > kMaxFields) throw std::length_error("docx context record has too many fields");
    std::map<std::string, mstch::node (Record::*)()> methods;
    for (std::size_t i = 0; i < fields_.size(); ++i) methods.emplace(fields_[i].name, getters()[i]);
    register_methods(this, std::move(methods));
  }

 private:
  template <std::size_t I>
  mstch::node field() {
    Field& f = fields_[I];
    if (f.make) {
      f.value = f.make();
      f.make = nullptr;
    }
    return f.value;
  }

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

// Versions and the small items below are plain maps: mstch copies each once
// when it enters it, which costs less than building a Record.
mstch::map versionContext(const DocVersion& v, const std::string& pending) {
  mstch::array files;
  files.reserve(v.files.size());
  for (const auto& f : v.files) {
    files.push_back(mstch::map{{"deliverable", f.deliverableTitle}, {"filename", f.filename},
                               {"size", std::to_string(f.size)}, {"sha256", f.sha256}});
  }
  std::string recipients;
  for (const auto& r : v.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  mstch::map out{{"version", std::to_string(v.version)}, {"submitted_at", v.submittedAtText},
                 {"submitted_by", v.submittedBy}, {"deadline", v.deadlineText},
                 {"deadline_local_date", dateText(v.deadlineLocalDate)},
                 {"provisional", v.provisional}, {"recipients", std::move(recipients)}, {"files", std::move(files)}};
  if (v.decision) {
    const auto& d = *v.decision;
    out.emplace("decision", mstch::map{{"kind", d.kindLabel}, {"at", d.atText}, {"actor", d.actor},
                                       {"recipient", d.recipient}, {"ip", d.ip}, {"user_agent", d.userAgent},
                                       {"comment", d.comment}, {"deemed", d.kind == "deemed_accepted"},
                                       {"by_link", !d.recipient.empty()}});
  } else {
    out.emplace("pending", pending);
  }
  return out;
}

mstch::node milestoneRecord(const DocMilestone& ms, const std::string& pending) {
  std::string decision = pending;
  if (!ms.versions.empty() && ms.versions.back().decision) {
    const auto& d = *ms.versions.back().decision;
    decision = d.kindLabel + " " + d.atText;
  }
  // Versions are built when a template first asks for them.
  const DocMilestone* milestone = &ms;
  return record({{"id", ms.id}, {"title", ms.title}, {"phase", ms.phaseTitle}, {"state", ms.stateLabel},
                 {"planned_date", dateText(ms.plannedDate)}, {"version", std::to_string(ms.versions.size())},
                 Record::Field::lazy("versions",
                                     [milestone, pending] {
                                       mstch::array versions;
                                       versions.reserve(milestone->versions.size());
                                       for (const auto& v : milestone->versions) {
                                         versions.push_back(versionContext(v, pending));
                                       }
                                       return mstch::node(std::move(versions));
                                     }),
                 Record::Field::lazy("deliverables",
                                     [milestone] {
                                       mstch::array deliverables;
                                       for (const auto& d : milestone->deliverables) {
                                         deliverables.push_back(mstch::map{{"title", d.title}, {"format", d.format}});
                                       }
                                       return mstch::node(std::move(deliverables));
                                     }),
                 {"latest_decision", std::move(decision)}, {"final", ms.isFinal}});
}

}  // namespace

mstch::node milestoneContext(const DocMilestone& ms, const DocumentModel& m) {
  return milestoneRecord(ms, m.labels("decision.pending"));
}

mstch::node documentContext(const DocumentModel& m, const std::string& focusMilestone) {
  // Each milestone once, when first asked for; phases, the milestones list
  // and the focus share the same records.
  auto milestones = std::make_shared<std::optional<mstch::array>>();
  auto milestoneList = [&m, milestones]() -> const mstch::array& {
    if (!*milestones) {
      const std::string pending = m.labels("decision.pending");
      mstch::array list;
      list.reserve(m.milestones.size());
      for (const auto& ms : m.milestones) list.push_back(milestoneRecord(ms, pending));
      *milestones = std::move(list);
    }
    return **milestones;
  };
  const DocumentModel* model = &m;
  return record(
      {{"id", m.engagementId}, {"title", m.title}, {"workflow_title", m.workflowTitle},
       {"workflow_id", m.workflowId}, {"workflow_version", std::to_string(m.workflowVersion)},
       {"edition", m.editionTitle.empty() ? m.edition : m.editionTitle}, {"customer", m.customer},
       {"provider", m.provider}, {"start", dateText(m.start)}, {"planned_end", dateText(m.plannedEnd)},
       {"state", m.stateLabel}, {"outcome", m.outcomeLabel}, {"cancel_reason", m.cancelReason},
       {"time_zone", m.timeZone}, {"head_seq", std::to_string(m.headSeq)}, {"head_hash", m.headHash},
       Record::Field::lazy("parties",
                           [model] {
                             mstch::array parties;
                             for (const auto& p : model->parties) {
                               parties.push_back(mstch::map{{"id", p.id}, {"role", p.role}, {"name", p.name},
                                                            {"owner_name", p.ownerName},
                                                            {"owner_email", p.ownerEmail}});
                             }
                             return mstch::node(std::move(parties));
                           }),
       Record::Field::lazy("party_titles",
                           [model] {
                             mstch::array titles;
                             for (const auto& p : model->parties) titles.push_back(mstch::map{{"title", p.role}});
                             return mstch::node(std::move(titles));
                           }),
       Record::Field::lazy("phases",
                           [model, milestoneList] {
                             const auto& all = milestoneList();
                             mstch::array phases;
                             for (const auto& ph : model->phases) {
                               mstch::array inPhase;
                               for (std::size_t i = 0; i < model->milestones.size(); ++i) {
                                 if (model->milestones[i].phaseId == ph.id) inPhase.push_back(all[i]);
                               }
                               phases.push_back(record({{"title", ph.title},
                                                        {"stage", model->labels("stage." + ph.stage)},
                                                        {"milestones", std::move(inPhase)}}));
                             }
                             return mstch::node(std::move(phases));
                           }),
       Record::Field::lazy("milestones", [milestoneList] { return mstch::node(milestoneList()); }),
       Record::Field::lazy("activities",
                           [model] {
                             mstch::array activities;
                             for (const auto& a : model->activities) {
                               mstch::array roles;
                               for (const auto& p : model->parties) {
                                 const auto found = a.roles.find(p.id);
                                 roles.push_back(
                                     mstch::map{{"role", found == a.roles.end() ? std::string() : found->second}});
                               }
                               activities.push_back(mstch::map{
                                   {"phase", a.phaseTitle}, {"title", a.title}, {"roles", std::move(roles)}});
                             }
                             return mstch::node(std::move(activities));
                           }),
       Record::Field::lazy("trail",
                           [model] {
                             mstch::array trail;
                             trail.reserve(model->trail.size());
                             for (const auto& e : model->trail) {
                               trail.push_back(mstch::map{{"seq", std::to_string(e.seq)}, {"type", e.type},
                                                          {"what", e.typeLabel}, {"at", e.effectiveAtText},
                                                          {"actor", e.actor}, {"who", e.actorLabel},
                                                          {"hash", e.hash}});
                             }
                             return mstch::node(std::move(trail));
                           }),
       Record::Field::lazy("milestone",
                           [model, milestoneList, focusMilestone] {
                             const auto& all = milestoneList();
                             for (std::size_t i = 0; i < model->milestones.size(); ++i) {
                               if (model->milestones[i].id == focusMilestone) return all[i];
                             }
                             return mstch::node(false);
                           })});
}

}  // namespace sowflow::deliverables::detail
