// encodePayload / decodeEvent: every event kind to canonical JSON and back.
//
// Field names are the struct members in snake_case; Date is "YYYY-MM-DD",
// Instant is "YYYY-MM-DDTHH:MM:SSZ". Decision kinds (MilestoneAccepted,
// MilestoneObjected) store their DecisionRecord's fields at the top level so
// the audit trail reads "recipient, ip, user_agent, version, sha256_shown"
// (SPEC §3). The tables of payloads are in docs/journal-format.md.
#include <string_view>

#include "journal/canonical_json.hpp"
#include "journal/payload_reader.hpp"
#include "sowflow/engine/journal.hpp"

namespace sowflow::engine {

namespace {

using detail::CanonicalWriter;
using detail::JsonDocument;
using detail::PayloadReader;

// Every encoder names its members in canonical (byte) order; CanonicalWriter
// asserts that in debug builds and the codec tests compare each kind with the
// sorting CanonicalObject.
void writeOwner(std::string& out, const Owner& owner) {
  CanonicalWriter(out).str("email", owner.email).str("name", owner.name).close();
}

void writeFile(std::string& out, const DeliverableFile& file) {
  CanonicalWriter(out)
      .str("content_type", file.contentType)
      .str("deliverable", file.deliverable)
      .str("filename", file.filename)
      .str("sha256", file.sha256)
      .integer("size", file.size)
      .close();
}

void writeDecision(CanonicalWriter& out, const DecisionRecord& d) {
  out.str("comment", d.comment)
      .str("ip", d.ip)
      .str("milestone", d.milestone)
      .str("recipient", d.recipient)
      .strings("sha256_shown", d.sha256Shown)
      .str("user_agent", d.userAgent)
      .integer("version", d.version);
}

// clang-format off
void encodeInto(CanonicalWriter& out, const EngagementCreated& e) {
  out.str("calendar", e.calendar).str("customer", e.customer).str("edition", e.edition);
  std::string& owners = out.member("owners");
  owners.push_back('[');
  for (std::size_t i = 0; i < e.owners.size(); ++i) {
    if (i > 0) owners.push_back(',');
    CanonicalWriter owner(owners);
    writeOwner(owner.member("owner"), e.owners[i].owner);
    owner.str("party", e.owners[i].party).close();
  }
  owners.push_back(']');
  out.str("provider", e.provider).date("start", e.start)
     .str("title", e.title).str("workflow", e.workflow).integer("workflow_version", e.workflowVersion);
}
void encodeInto(CanonicalWriter&, const EngagementActivated&) {}
void encodeInto(CanonicalWriter& out, const EngagementCancelled& e) { out.str("reason", e.reason); }
void encodeInto(CanonicalWriter& out, const EngagementStageEntered& e) { out.str("stage", e.stage); }
void encodeInto(CanonicalWriter&, const EngagementCompleted&) {}
void encodeInto(CanonicalWriter& out, const OwnerChanged& e) {
  out.date("effective", e.effective);
  writeOwner(out.member("owner"), e.owner);
  out.str("party", e.party);
}
void encodeInto(CanonicalWriter& out, const MilestoneStarted& e) {
  out.str("milestone", e.milestone).boolean("rework", e.rework);
}
void encodeInto(CanonicalWriter& out, const DeliverableUploaded& e) {
  writeFile(out.member("file"), e.file);
  out.boolean("generated", e.generated).str("milestone", e.milestone);
}
void encodeInto(CanonicalWriter& out, const MilestoneSubmitted& e) {
  out.str("calendar", e.calendar).str("calendar_revision", e.calendarRevision)
     .instant("deadline", e.deadline).date("deadline_local_date", e.deadlineLocalDate);
  std::string& files = out.member("files");
  files.push_back('[');
  for (std::size_t i = 0; i < e.files.size(); ++i) {
    if (i > 0) files.push_back(',');
    writeFile(files, e.files[i]);
  }
  files.push_back(']');
  out.str("milestone", e.milestone).str("on_silence", e.onSilence)
     .boolean("provisional", e.provisional).strings("recipients", e.recipients)
     .integer("version", e.version).integer("window_working_days", e.windowWorkingDays);
}
void encodeInto(CanonicalWriter& out, const MilestoneAccepted& e) { writeDecision(out, e.decision); }
void encodeInto(CanonicalWriter& out, const MilestoneObjected& e) { writeDecision(out, e.decision); }
void encodeInto(CanonicalWriter& out, const MilestoneDeemedAccepted& e) {
  out.instant("deadline", e.deadline).str("milestone", e.milestone).integer("version", e.version);
}
void encodeInto(CanonicalWriter& out, const MilestoneEscalated& e) {
  out.instant("deadline", e.deadline).str("milestone", e.milestone).integer("version", e.version);
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

using Decoder = Event (*)(const PayloadReader&);

struct DecoderEntry {
  std::string_view type;
  int schemaVersion;
  Decoder decode;
};

// (type, schema version) -> decoder. An old version keeps its entry forever.
// clang-format off
constexpr DecoderEntry kDecoders[] = {
  {"EngagementCreated", 1,      decodeCreated},
  {"EngagementActivated", 1,    [](const PayloadReader&) -> Event { return EngagementActivated{}; }},
  {"EngagementCancelled", 1,    [](const PayloadReader& in) -> Event { return EngagementCancelled{in.string("reason")}; }},
  {"EngagementStageEntered", 1, [](const PayloadReader& in) -> Event { return EngagementStageEntered{in.string("stage")}; }},
  {"EngagementCompleted", 1,    [](const PayloadReader&) -> Event { return EngagementCompleted{}; }},
  {"OwnerChanged", 1,           [](const PayloadReader& in) -> Event {
     return OwnerChanged{in.string("party"), decodeOwner(in.object("owner")), in.date("effective")}; }},
  {"MilestoneStarted", 1,       [](const PayloadReader& in) -> Event {
     return MilestoneStarted{in.string("milestone"), in.boolean("rework")}; }},
  {"DeliverableUploaded", 1,    [](const PayloadReader& in) -> Event {
     return DeliverableUploaded{in.string("milestone"), decodeFile(in.object("file")), in.boolean("generated")}; }},
  {"MilestoneSubmitted", 1,     decodeSubmitted},
  {"MilestoneAccepted", 1,      [](const PayloadReader& in) -> Event { return MilestoneAccepted{decodeDecision(in)}; }},
  {"MilestoneObjected", 1,      [](const PayloadReader& in) -> Event { return MilestoneObjected{decodeDecision(in)}; }},
  {"MilestoneDeemedAccepted", 1, [](const PayloadReader& in) -> Event {
     return MilestoneDeemedAccepted{in.string("milestone"), in.int32("version"), in.instant("deadline")}; }},
  {"MilestoneEscalated", 1,     [](const PayloadReader& in) -> Event {
     return MilestoneEscalated{in.string("milestone"), in.int32("version"), in.instant("deadline")}; }},
};
// clang-format on

}  // namespace

std::string encodePayload(const Event& event) {
  // Written into one buffer per thread that keeps its capacity, then copied
  // out at its exact size: one allocation per payload, where growing a fresh
  // string took up to three for a submission's file list (and the stored
  // event kept the slack).
  thread_local std::string buffer;
  buffer.clear();
  CanonicalWriter writer(buffer);
  std::visit([&](const auto& e) { encodeInto(writer, e); }, event);
  writer.close();
  return buffer;
}

Result<Event> decodeEvent(const std::string& type, int schemaVersion, const std::string& payload) {
  const DecoderEntry* entry = nullptr;
  bool knownType = false;
  for (const auto& candidate : kDecoders) {
    if (candidate.type != type) continue;
    knownType = true;
    if (candidate.schemaVersion == schemaVersion) entry = &candidate;
  }
  if (!entry) {
    return makeError(ErrorCode::invalid_argument,
                     knownType ? "unknown schema version " + std::to_string(schemaVersion) +
                                     " of event type '" + type + "'"
                               : "unknown event type '" + type + "'",
                     type);
  }
  try {
    // One document per thread: replay decodes millions of payloads, and the
    // node vector keeps its capacity between them.
    thread_local JsonDocument document;
    document.parse(payload);
    return entry->decode(PayloadReader(document));
  } catch (const detail::PayloadError& e) {
    const std::string field = e.field.empty() ? "" : " field '" + e.field + "'";
    return makeError(ErrorCode::invalid_argument,
                     type + " v" + std::to_string(schemaVersion) + " payload:" + field + " " + e.what(),
                     e.field.empty() ? type : type + "." + e.field);
  }
}

}  // namespace sowflow::engine
