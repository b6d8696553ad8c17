#include "json/engagement_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "json/json_writer.hpp"

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

std::string phaseStage(const engine::Workflow& workflow, const std::string& phaseId) {
  const auto* phase = workflow.findPhase(phaseId);
  return phase ? engine::toString(phase->stage) : "";
}

void writeOwner(JsonWriter& out, const engine::Owner& owner) {
  out.key("name").value(owner.name);
  out.key("email").value(owner.email);
}

template <class T>
void valueOrNull(JsonWriter& out, bool present, const T& value) {
  if (present) {
    out.value(value);
  } else {
    out.null();
  }
}

void writeMilestone(JsonWriter& out, const engine::Engagement& engagement,
                    const engine::Milestone& definition, const engine::MilestoneProgress& progress,
                    const engine::WorkingDayCalendar* calendar) {
  out.beginObject();
  out.key("id").value(progress.id);
  out.key("title").value(definition.title);
  out.key("phase").value(definition.phase);
  out.key("stage").value(phaseStage(*engagement.workflow, definition.phase));
  out.key("state").value(engine::toString(progress.state));
  out.key("version").value(progress.version());
  const auto* current = progress.current();
  out.key("deadline");
  valueOrNull(out, current != nullptr, current ? formatInstant(current->deadline, calendar) : "");
  out.key("deadline_local_date");
  valueOrNull(out, current != nullptr, current ? engine::formatDate(current->deadlineLocalDate) : "");
  out.key("provisional").value(current ? current->provisional : false);
  out.key("deliverables").beginArray();
  for (const auto& deliverable : definition.deliverables) {
    if (!engine::inEdition(deliverable.editions, engagement.edition)) continue;
    out.beginObject();
    out.key("id").value(deliverable.id);
    out.key("title").value(deliverable.title);
    const auto slot = progress.slots.find(deliverable.id);
    const bool filled = slot != progress.slots.end();
    out.key("filename");
    valueOrNull(out, filled, filled ? slot->second.filename : std::string());
    out.key("size");
    valueOrNull(out, filled, filled ? slot->second.size : std::int64_t{0});
    out.key("sha256");
    valueOrNull(out, filled, filled ? slot->second.sha256 : std::string());
    out.endObject();
  }
  out.endArray();
  out.key("depends_on").beginArray();
  for (const auto& id : definition.dependsOn) out.value(id);
  out.endArray();
  out.key("decision");
  if (current && current->decision) {
    const auto& decision = *current->decision;
    out.beginObject();
    out.key("state").value(engine::toString(decision.kind));
    out.key("version").value(current->version);
    out.key("decided_at").value(formatInstant(decision.at, calendar));
    out.key("recipient").value(decision.record.recipient);
    out.key("comment").value(decision.record.comment);
    out.endObject();
  } else {
    out.null();
  }
  out.endObject();
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

void writeEngagement(JsonWriter& out, const engine::Engagement& engagement,
                     const engine::WorkingDayCalendar* calendar, engine::Date today) {
  const auto& workflow = *engagement.workflow;
  out.beginObject();
  out.key("id").value(engagement.id);
  out.key("workflow").value(workflow.id);
  out.key("workflow_version").value(workflow.version);
  out.key("edition");
  valueOrNull(out, !engagement.edition.empty(), engagement.edition);
  out.key("title").value(engagement.title);
  out.key("state").value(engine::toString(engagement.state));
  out.key("stage");
  valueOrNull(out, engagement.stage.has_value(),
              engagement.stage ? engine::toString(*engagement.stage) : "");
  out.key("customer").value(engagement.customer);
  out.key("provider").value(engagement.provider);
  out.key("start").value(engine::formatDate(engagement.start));
  out.key("calendar").value(engagement.calendar);
  out.key("owners").beginObject();
  for (const auto& [party, records] : engagement.owners) {
    if (const auto* owner = engagement.ownerOn(party, today)) {
      out.key(party).beginObject();
      writeOwner(out, *owner);
      out.endObject();
    }
  }
  out.endObject();
  out.key("owner_changes").beginArray();
  for (const auto& [party, records] : engagement.owners) {
    for (const auto& record : records) {
      if (record.effective <= today) continue;
      out.beginObject();
      writeOwner(out, record.owner);
      out.key("party").value(party);
      out.key("effective").value(engine::formatDate(record.effective));
      out.endObject();
    }
  }
  out.endArray();
  if (!engagement.cancelReason.empty()) out.key("cancel_reason").value(engagement.cancelReason);
  out.key("milestones").beginArray();
  for (const auto& progress : engagement.milestones) {
    if (const auto* definition = workflow.findMilestone(progress.id)) {
      writeMilestone(out, engagement, *definition, progress, calendar);
    }
  }
  out.endArray();
  out.key("responsibility").beginArray();
  for (const auto& activity : workflow.activities) {
    if (!engine::inEdition(activity.editions, engagement.edition)) continue;
    out.beginObject();
    out.key("activity").value(activity.id);
    out.key("title").value(activity.title);
    out.key("phase").value(activity.phase);
    out.key("assignments").beginObject();
    for (const auto& [party, role] : activity.assignments) out.key(party).value(engine::toString(role));
    out.endObject();
    out.endObject();
  }
  out.endArray();
  out.key("head_hash").value(engagement.headHash);
  out.endObject();
}

std::string engagementJson(const engine::Engagement& engagement,
                           const engine::WorkingDayCalendar* calendar, engine::Date today) {
  JsonWriter out;
  writeEngagement(out, engagement, calendar, today);
  return out.take();
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
