#include "json/engagement_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace sowflow::server::json {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Array::Ptr stringArray(const std::vector<std::string>& values) {
  Array::Ptr out = new Array;
  for (const auto& value : values) out->add(value);
  return out;
}

Poco::Dynamic::Var nullValue() { return Poco::Dynamic::Var(); }

Object::Ptr ownerJson(const engine::Owner& owner) {
  auto out = newObject();
  out->set("name", owner.name);
  out->set("email", owner.email);
  return out;
}

std::string phaseStage(const engine::Workflow& workflow, const std::string& phaseId) {
  const auto* phase = workflow.findPhase(phaseId);
  return phase ? engine::toString(phase->stage) : "";
}

Object::Ptr milestoneJson(const engine::Engagement& engagement, const engine::Milestone& definition,
                          const engine::MilestoneProgress& progress,
                          const engine::WorkingDayCalendar* calendar) {
  auto out = newObject();
  out->set("id", progress.id);
  out->set("title", definition.title);
  out->set("phase", definition.phase);
  out->set("stage", phaseStage(*engagement.workflow, definition.phase));
  out->set("state", std::string(engine::toString(progress.state)));
  out->set("version", progress.version());
  const auto* current = progress.current();
  out->set("deadline", current ? Poco::Dynamic::Var(formatInstant(current->deadline, calendar))
                               : nullValue());
  out->set("deadline_local_date",
           current ? Poco::Dynamic::Var(engine::formatDate(current->deadlineLocalDate))
                   : nullValue());
  out->set("provisional", current ? current->provisional : false);
  Array::Ptr deliverables = new Array;
  for (const auto& deliverable : definition.deliverables) {
    if (!engine::inEdition(deliverable.editions, engagement.edition)) continue;
    auto item = newObject();
    item->set("id", deliverable.id);
    item->set("title", deliverable.title);
    const auto slot = progress.slots.find(deliverable.id);
    const bool filled = slot != progress.slots.end();
    item->set("filename", filled ? Poco::Dynamic::Var(slot->second.filename) : nullValue());
    item->set("size", filled ? Poco::Dynamic::Var(slot->second.size) : nullValue());
    item->set("sha256", filled ? Poco::Dynamic::Var(slot->second.sha256) : nullValue());
    deliverables->add(item);
  }
  out->set("deliverables", deliverables);
  out->set("depends_on", stringArray(definition.dependsOn));
  if (current && current->decision) {
    const auto& decision = *current->decision;
    auto item = newObject();
    item->set("state", std::string(decisionState(decision.kind)));
    item->set("version", current->version);
    item->set("decided_at", formatInstant(decision.at, calendar));
    item->set("recipient", decision.record.recipient);
    item->set("comment", decision.record.comment);
    out->set("decision", item);
  } else {
    out->set("decision", nullValue());
  }
  return out;
}

Object::Ptr assignmentsJson(const std::map<std::string, engine::Raci>& assignments) {
  auto out = newObject();
  for (const auto& [party, role] : assignments) out->set(party, std::string(engine::toString(role)));
  return out;
}

}  // namespace

std::string formatInstant(engine::Instant at, const engine::WorkingDayCalendar* calendar) {
  return calendar ? calendar->formatInstant(at) : engine::formatInstantUtc(at);
}

const char* decisionState(engine::Decision::Kind kind) {
  switch (kind) {
    case engine::Decision::Kind::accepted: return "accepted";
    case engine::Decision::Kind::objected: return "objected";
    case engine::Decision::Kind::deemed_accepted: return "deemed_accepted";
    case engine::Decision::Kind::escalated: return "escalated";
  }
  return "accepted";
}

Object::Ptr engagementToJson(const engine::Engagement& engagement,
                             const engine::WorkingDayCalendar* calendar, engine::Date today) {
  const auto& workflow = *engagement.workflow;
  auto out = newObject();
  out->set("id", engagement.id);
  out->set("workflow", workflow.id);
  out->set("workflow_version", workflow.version);
  out->set("edition", engagement.edition.empty() ? nullValue() : Poco::Dynamic::Var(engagement.edition));
  out->set("title", engagement.title);
  out->set("state", std::string(engine::toString(engagement.state)));
  out->set("stage", engagement.stage ? Poco::Dynamic::Var(std::string(engine::toString(*engagement.stage)))
                                     : nullValue());
  out->set("customer", engagement.customer);
  out->set("provider", engagement.provider);
  out->set("start", engine::formatDate(engagement.start));
  out->set("calendar", engagement.calendar);
  auto owners = newObject();
  Array::Ptr scheduled = new Array;
  for (const auto& [party, records] : engagement.owners) {
    if (const auto* owner = engagement.ownerOn(party, today)) owners->set(party, ownerJson(*owner));
    for (const auto& record : records) {
      if (record.effective <= today) continue;
      auto item = ownerJson(record.owner);
      item->set("party", party);
      item->set("effective", engine::formatDate(record.effective));
      scheduled->add(item);
    }
  }
  out->set("owners", owners);
  out->set("owner_changes", scheduled);
  if (!engagement.cancelReason.empty()) out->set("cancel_reason", engagement.cancelReason);
  Array::Ptr milestones = new Array;
  for (const auto& progress : engagement.milestones) {
    if (const auto* definition = workflow.findMilestone(progress.id)) {
      milestones->add(milestoneJson(engagement, *definition, progress, calendar));
    }
  }
  out->set("milestones", milestones);
  Array::Ptr responsibility = new Array;
  for (const auto& activity : workflow.activities) {
    if (!engine::inEdition(activity.editions, engagement.edition)) continue;
    auto item = newObject();
    item->set("activity", activity.id);
    item->set("title", activity.title);
    item->set("phase", activity.phase);
    item->set("assignments", assignmentsJson(activity.assignments));
    responsibility->add(item);
  }
  out->set("responsibility", responsibility);
  out->set("head_hash", engagement.headHash);
  return out;
}

Object::Ptr workflowSummaryToJson(const engine::Workflow& workflow) {
  auto out = newObject();
  out->set("id", workflow.id);
  out->set("version", workflow.version);
  out->set("title", workflow.title);
  Array::Ptr editions = new Array;
  for (const auto& edition : workflow.editions) editions->add(edition.id);
  out->set("editions", editions);
  out->set("language", workflow.language);
  return out;
}

Object::Ptr workflowToJson(const engine::Workflow& workflow) {
  auto out = workflowSummaryToJson(workflow);
  out->set("kind", workflow.kind);
  out->set("calendar", workflow.calendar);
  out->set("source", workflow.source);
  Array::Ptr parties = new Array;
  for (const auto& party : workflow.parties) {
    auto item = newObject();
    item->set("id", party.id);
    item->set("title", party.title);
    parties->add(item);
  }
  out->set("parties", parties);
  Array::Ptr phases = new Array;
  for (const auto& phase : workflow.phases) {
    auto item = newObject();
    item->set("id", phase.id);
    item->set("title", phase.title);
    item->set("stage", std::string(engine::toString(phase.stage)));
    phases->add(item);
  }
  out->set("phases", phases);
  Array::Ptr milestones = new Array;
  for (const auto& milestone : workflow.milestones) {
    auto item = newObject();
    item->set("id", milestone.id);
    item->set("title", milestone.title);
    item->set("phase", milestone.phase);
    item->set("editions", stringArray(milestone.editions));
    item->set("depends_on", stringArray(milestone.dependsOn));
    item->set("final", milestone.final);
    item->set("overlap", milestone.overlap);
    auto acceptance = newObject();
    acceptance->set("window_working_days", milestone.acceptance.windowWorkingDays);
    acceptance->set("on_silence", std::string(engine::toString(milestone.acceptance.onSilence)));
    item->set("acceptance", acceptance);
    Array::Ptr deliverables = new Array;
    for (const auto& deliverable : milestone.deliverables) {
      auto entry = newObject();
      entry->set("id", deliverable.id);
      entry->set("title", deliverable.title);
      entry->set("format", deliverable.format);
      entry->set("editions", stringArray(deliverable.editions));
      deliverables->add(entry);
    }
    item->set("deliverables", deliverables);
    milestones->add(item);
  }
  out->set("milestones", milestones);
  Array::Ptr responsibility = new Array;
  for (const auto& activity : workflow.activities) {
    auto item = newObject();
    item->set("activity", activity.id);
    item->set("title", activity.title);
    item->set("phase", activity.phase);
    item->set("assignments", assignmentsJson(activity.assignments));
    item->set("editions", stringArray(activity.editions));
    responsibility->add(item);
  }
  out->set("responsibility", responsibility);
  Array::Ptr notices = new Array;
  for (const auto& notice : workflow.notices) {
    auto item = newObject();
    item->set("id", notice.id);
    item->set("title", notice.title);
    item->set("working_days", notice.workingDays);
    notices->add(item);
  }
  out->set("notices", notices);
  return out;
}

Object::Ptr eventToJson(const engine::StoredEvent& event, const engine::WorkingDayCalendar* calendar) {
  auto out = newObject();
  out->set("seq", event.seq);
  out->set("type", event.type);
  out->set("schema_version", event.schemaVersion);
  out->set("effective_at", formatInstant(event.effectiveAt, calendar));
  out->set("recorded_at", formatInstant(event.recordedAt, calendar));
  out->set("actor", event.actor);
  try {
    Poco::JSON::Parser parser;
    out->set("payload", parser.parse(event.payload));
  } catch (const Poco::Exception&) {
    out->set("payload", event.payload);  // shown as stored rather than hidden
  }
  out->set("prev_hash", event.prevHash);
  out->set("hash", event.hash);
  return out;
}

}  // namespace sowflow::server::json
