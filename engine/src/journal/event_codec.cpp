// encodePayload / decodeEvent: every event kind to canonical JSON and back.
//
// Field names are the struct members in snake_case; Date is "YYYY-MM-DD",
// Instant is "YYYY-MM-DDTHH:MM:SSZ". Decision kinds (MilestoneAccepted,
// MilestoneObjected) store their DecisionRecord's fields at the top level so
// the audit trail reads "recipient, ip, user_agent, version, sha256_shown"
// (SPEC §3). The tables of payloads are in docs/journal-format.md.
#include <algorithm>
#include <functional>
#include <map>

#include "journal/canonical_json.hpp"
#include "journal/payload_reader.hpp"
#include "sowflow/engine/journal.hpp"

namespace sowflow::engine {

namespace {

using detail::CanonicalObject;
using detail::jsonArray;
using detail::jsonString;
using detail::jsonStringArray;
using detail::PayloadReader;

std::string encodeOwner(const Owner& owner) {
  return CanonicalObject().str("email", owner.email).str("name", owner.name).str();
}

std::string encodeFile(const DeliverableFile& file) {
  return CanonicalObject()
      .str("content_type", file.contentType)
      .str("deliverable", file.deliverable)
      .str("filename", file.filename)
      .str("sha256", file.sha256)
      .integer("size", file.size)
      .str();
}

void addDecision(CanonicalObject& out, const DecisionRecord& d) {
  out.str("comment", d.comment)
      .str("ip", d.ip)
      .str("milestone", d.milestone)
      .str("recipient", d.recipient)
      .raw("sha256_shown", jsonStringArray(d.sha256Shown))
      .str("user_agent", d.userAgent)
      .integer("version", d.version);
}

// clang-format off
void encodeInto(CanonicalObject& out, const EngagementCreated& e) {
  std::vector<std::string> owners;
  for (const auto& o : e.owners) {
    owners.push_back(CanonicalObject().raw("owner", encodeOwner(o.owner)).str("party", o.party).str());
  }
  out.str("calendar", e.calendar).str("customer", e.customer).str("edition", e.edition)
     .raw("owners", jsonArray(owners)).str("provider", e.provider).str("start", formatDate(e.start))
     .str("title", e.title).str("workflow", e.workflow).integer("workflow_version", e.workflowVersion);
}
void encodeInto(CanonicalObject&, const EngagementActivated&) {}
void encodeInto(CanonicalObject& out, const EngagementCancelled& e) { out.str("reason", e.reason); }
void encodeInto(CanonicalObject& out, const EngagementStageEntered& e) { out.str("stage", e.stage); }
void encodeInto(CanonicalObject&, const EngagementCompleted&) {}
void encodeInto(CanonicalObject& out, const OwnerChanged& e) {
  out.str("effective", formatDate(e.effective)).raw("owner", encodeOwner(e.owner)).str("party", e.party);
}
void encodeInto(CanonicalObject& out, const MilestoneStarted& e) {
  out.str("milestone", e.milestone).boolean("rework", e.rework);
}
void encodeInto(CanonicalObject& out, const DeliverableUploaded& e) {
  out.raw("file", encodeFile(e.file)).boolean("generated", e.generated).str("milestone", e.milestone);
}
void encodeInto(CanonicalObject& out, const MilestoneSubmitted& e) {
  std::vector<std::string> files;
  for (const auto& f : e.files) files.push_back(encodeFile(f));
  out.str("calendar", e.calendar).str("calendar_revision", e.calendarRevision)
     .str("deadline", formatInstantUtc(e.deadline)).str("deadline_local_date", formatDate(e.deadlineLocalDate))
     .raw("files", jsonArray(files)).str("milestone", e.milestone).str("on_silence", e.onSilence)
     .boolean("provisional", e.provisional).raw("recipients", jsonStringArray(e.recipients))
     .integer("version", e.version).integer("window_working_days", e.windowWorkingDays);
}
void encodeInto(CanonicalObject& out, const MilestoneAccepted& e) { addDecision(out, e.decision); }
void encodeInto(CanonicalObject& out, const MilestoneObjected& e) { addDecision(out, e.decision); }
void encodeInto(CanonicalObject& out, const MilestoneDeemedAccepted& e) {
  out.str("deadline", formatInstantUtc(e.deadline)).str("milestone", e.milestone).integer("version", e.version);
}
void encodeInto(CanonicalObject& out, const MilestoneEscalated& e) {
  out.str("deadline", formatInstantUtc(e.deadline)).str("milestone", e.milestone).integer("version", e.version);
}
// clang-format on

Owner decodeOwner(const PayloadReader& in) { return Owner{in.string("name"), in.string("email")}; }

DeliverableFile decodeFile(const PayloadReader& in) {
  DeliverableFile f;
  f.deliverable = in.string("deliverable");
  f.filename = in.string("filename");
  f.contentType = in.string("content_type");
  f.size = in.int64("size");
  f.sha256 = in.string("sha256");
  return f;
}

DecisionRecord decodeDecision(const PayloadReader& in) {
  DecisionRecord d;
  d.milestone = in.string("milestone");
  d.version = in.int32("version");
  d.recipient = in.string("recipient");
  d.ip = in.string("ip");
  d.userAgent = in.string("user_agent");
  d.sha256Shown = in.strings("sha256_shown");
  d.comment = in.string("comment");
  return d;
}

Event decodeCreated(const PayloadReader& in) {
  EngagementCreated e;
  e.workflow = in.string("workflow");
  e.workflowVersion = in.int32("workflow_version");
  e.edition = in.string("edition");
  e.title = in.string("title");
  e.customer = in.string("customer");
  e.provider = in.string("provider");
  for (const auto& o : in.objects("owners")) {
    e.owners.push_back(PartyOwner{o.string("party"), decodeOwner(o.object("owner"))});
  }
  e.start = in.date("start");
  e.calendar = in.string("calendar");
  return e;
}

Event decodeSubmitted(const PayloadReader& in) {
  MilestoneSubmitted e;
  e.milestone = in.string("milestone");
  e.version = in.int32("version");
  for (const auto& f : in.objects("files")) e.files.push_back(decodeFile(f));
  e.recipients = in.strings("recipients");
  e.deadline = in.instant("deadline");
  e.deadlineLocalDate = in.date("deadline_local_date");
  e.provisional = in.boolean("provisional");
  e.windowWorkingDays = in.int32("window_working_days");
  e.onSilence = in.string("on_silence");
  e.calendar = in.string("calendar");
  e.calendarRevision = in.string("calendar_revision");
  return e;
}

using Decoder = std::function<Event(const PayloadReader&)>;

// (type, schema version) -> decoder. An old version keeps its entry forever.
const std::map<std::pair<std::string, int>, Decoder>& decoders() {
  // clang-format off
  static const std::map<std::pair<std::string, int>, Decoder> table = {
    {{"EngagementCreated", 1},      decodeCreated},
    {{"EngagementActivated", 1},    [](const PayloadReader&) -> Event { return EngagementActivated{}; }},
    {{"EngagementCancelled", 1},    [](const PayloadReader& in) -> Event { return EngagementCancelled{in.string("reason")}; }},
    {{"EngagementStageEntered", 1}, [](const PayloadReader& in) -> Event { return EngagementStageEntered{in.string("stage")}; }},
    {{"EngagementCompleted", 1},    [](const PayloadReader&) -> Event { return EngagementCompleted{}; }},
    {{"OwnerChanged", 1},           [](const PayloadReader& in) -> Event {
       return OwnerChanged{in.string("party"), decodeOwner(in.object("owner")), in.date("effective")}; }},
    {{"MilestoneStarted", 1},       [](const PayloadReader& in) -> Event {
       return MilestoneStarted{in.string("milestone"), in.boolean("rework")}; }},
    {{"DeliverableUploaded", 1},    [](const PayloadReader& in) -> Event {
       return DeliverableUploaded{in.string("milestone"), decodeFile(in.object("file")), in.boolean("generated")}; }},
    {{"MilestoneSubmitted", 1},     decodeSubmitted},
    {{"MilestoneAccepted", 1},      [](const PayloadReader& in) -> Event { return MilestoneAccepted{decodeDecision(in)}; }},
    {{"MilestoneObjected", 1},      [](const PayloadReader& in) -> Event { return MilestoneObjected{decodeDecision(in)}; }},
    {{"MilestoneDeemedAccepted", 1}, [](const PayloadReader& in) -> Event {
       return MilestoneDeemedAccepted{in.string("milestone"), in.int32("version"), in.instant("deadline")}; }},
    {{"MilestoneEscalated", 1},     [](const PayloadReader& in) -> Event {
       return MilestoneEscalated{in.string("milestone"), in.int32("version"), in.instant("deadline")}; }},
  };
  // clang-format on
  return table;
}

}  // namespace

std::string encodePayload(const Event& event) {
  CanonicalObject out;
  std::visit([&](const auto& e) { encodeInto(out, e); }, event);
  return out.str();
}

Result<Event> decodeEvent(const std::string& type, int schemaVersion, const std::string& payload) {
  const auto& table = decoders();
  const auto it = table.find({type, schemaVersion});
  if (it == table.end()) {
    const bool knownType = std::any_of(table.begin(), table.end(),
                                       [&](const auto& entry) { return entry.first.first == type; });
    return makeError(ErrorCode::invalid_argument,
                     knownType ? "unknown schema version " + std::to_string(schemaVersion) +
                                     " of event type '" + type + "'"
                               : "unknown event type '" + type + "'",
                     type);
  }
  try {
    return it->second(PayloadReader::parse(payload));
  } catch (const detail::PayloadError& e) {
    const std::string field = e.field.empty() ? "" : " field '" + e.field + "'";
    return makeError(ErrorCode::invalid_argument,
                     type + " v" + std::to_string(schemaVersion) + " payload:" + field + " " + e.what(),
                     e.field.empty() ? type : type + "." + e.field);
  }
}

}  // namespace sowflow::engine
