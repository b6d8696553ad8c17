#include "handlers/openapi_schemas.hpp"

#include <map>

namespace sowflow::server {

const char* componentSchemas() {
  // Names and fields follow SPEC §3 and server/src/json/engagement_json.cpp.
  return R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "object", "required": ["code", "message"], "properties": {
      "code": {"type": "string"}, "message": {"type": "string"},
      "field": {"type": "string", "description": "the input field, for 400s that name one"}}},
    "outcome": {"$ref": "#/components/schemas/Decision"}}},
  "Health": {"type": "object", "required": ["status", "now", "test_clock"], "properties": {
    "status": {"type": "string", "enum": ["ok"]}, "now": {"type": "string", "format": "date-time"},
    "test_clock": {"type": "boolean"}}},
  "OpenApiDocument": {"type": "object", "required": ["openapi", "info", "paths", "components"]},
  "WorkflowSummary": {"type": "object", "required": ["id", "version", "title", "editions", "language"],
    "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "title": {"type": "string"},
      "editions": {"type": "array", "items": {"type": "string"}}, "language": {"type": "string", "enum": ["en", "zh-CN"]}}},
  "WorkflowList": {"type": "object", "required": ["workflows"], "properties": {
    "workflows": {"type": "array", "items": {"$ref": "#/components/schemas/WorkflowSummary"}}}},
  "Workflow": {"type": "object",
    "required": ["id", "version", "title", "editions", "language", "kind", "calendar", "parties", "phases", "milestones", "responsibility", "notices"],
    "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "title": {"type": "string"},
      "editions": {"type": "array", "items": {"type": "string"}}, "language": {"type": "string"},
      "kind": {"type": "string"}, "calendar": {"type": "string"}, "source": {"type": "string"},
      "parties": {"type": "array", "items": {"type": "object", "required": ["id", "title"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}},
      "phases": {"type": "array", "items": {"type": "object", "required": ["id", "title", "stage"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"},
          "stage": {"type": "string", "enum": ["survey", "design", "delivery", "acceptance"]}}}},
      "milestones": {"type": "array", "items": {"type": "object",
        "required": ["id", "title", "phase", "depends_on", "acceptance", "deliverables"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "phase": {"type": "string"},
          "editions": {"type": "array", "items": {"type": "string"}},
          "depends_on": {"type": "array", "items": {"type": "string"}},
          "final": {"type": "boolean"}, "overlap": {"type": "boolean"},
          "acceptance": {"type": "object", "required": ["window_working_days", "on_silence"], "properties": {
            "window_working_days": {"type": "integer"}, "on_silence": {"type": "string", "enum": ["deemed-accepted", "escalate"]}}},
          "deliverables": {"type": "array", "items": {"type": "object", "required": ["id", "title"],
            "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "format": {"type": "string"},
              "editions": {"type": "array", "items": {"type": "string"}}}}}}}},
      "responsibility": {"type": "array", "items": {"$ref": "#/components/schemas/Responsibility"}},
      "notices": {"type": "array", "items": {"type": "object", "required": ["id", "working_days"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "working_days": {"type": "integer"}}}}}},
  "Responsibility": {"type": "object", "required": ["activity", "phase", "assignments"], "properties": {
    "activity": {"type": "string"}, "title": {"type": "string"}, "phase": {"type": "string"},
    "assignments": {"type": "object", "description": "party -> R, A, S, C or I",
      "additionalProperties": {"type": "string", "enum": ["R", "A", "S", "C", "I"]}}}},
  "Workdays": {"type": "object", "required": ["calendar", "from", "days", "date", "provisional"], "properties": {
    "calendar": {"type": "string"}, "from": {"type": "string", "format": "date"}, "days": {"type": "integer"},
    "date": {"type": "string", "format": "date"}, "provisional": {"type": "boolean"}}},
  "Owner": {"type": "object", "required": ["name", "email"], "properties": {
    "name": {"type": "string"}, "email": {"type": "string", "format": "email"}}},
  "Deliverable": {"type": "object", "required": ["id", "title", "filename", "size", "sha256"],
    "description": "a deliverable slot; filename, size and sha256 are null until a file is uploaded",
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
      "filename": {"type": "string", "nullable": true}, "size": {"type": "integer", "nullable": true},
      "sha256": {"type": "string", "nullable": true}}},
  "Milestone": {"type": "object",
    "required": ["id", "title", "phase", "stage", "state", "version", "deadline", "deadline_local_date", "provisional", "deliverables", "depends_on", "decision"],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "phase": {"type": "string"},
      "stage": {"type": "string", "enum": ["survey", "design", "delivery", "acceptance"]},
      "state": {"type": "string", "enum": ["planned", "in_progress", "submitted", "accepted", "deemed_accepted", "objected", "escalated"]},
      "version": {"type": "integer", "description": "the current submission version; 0 before the first submission"},
      "deadline": {"type": "string", "format": "date-time", "nullable": true,
        "description": "end of the current version's acceptance window (24:00 local, RFC 3339 with the calendar's offset)"},
      "deadline_local_date": {"type": "string", "format": "date", "nullable": true,
        "description": "the window's last working day"},
      "provisional": {"type": "boolean"},
      "deliverables": {"type": "array", "items": {"$ref": "#/components/schemas/Deliverable"}},
      "depends_on": {"type": "array", "items": {"type": "string"}},
      "decision": {"type": "object", "nullable": true, "required": ["state", "version", "decided_at"],
        "description": "the decision on the current version, if any",
        "properties": {"state": {"type": "string"}, "version": {"type": "integer"},
          "decided_at": {"type": "string", "format": "date-time"}, "recipient": {"type": "string"},
          "comment": {"type": "string"}}}}},
  "Engagement": {"type": "object",
    "required": ["id", "workflow", "workflow_version", "edition", "title", "state", "stage", "customer", "provider", "start", "calendar", "owners", "owner_changes", "milestones", "responsibility", "head_hash"],
    "properties": {"id": {"type": "string"}, "workflow": {"type": "string"}, "workflow_version": {"type": "integer"},
      "edition": {"type": "string", "nullable": true}, "title": {"type": "string"},
      "state": {"type": "string", "enum": ["draft", "active", "completed", "cancelled"]},
      "stage": {"type": "string", "nullable": true, "enum": ["survey", "design", "delivery", "acceptance"]},
      "customer": {"type": "string"}, "provider": {"type": "string"},
      "start": {"type": "string", "format": "date"}, "calendar": {"type": "string"},
      "owners": {"type": "object", "description": "party -> its project owner today",
        "additionalProperties": {"$ref": "#/components/schemas/Owner"}},
      "owner_changes": {"type": "array", "description": "owner changes effective after today",
        "items": {"type": "object", "required": ["name", "email", "party", "effective"], "properties": {
          "name": {"type": "string"}, "email": {"type": "string"}, "party": {"type": "string"},
          "effective": {"type": "string", "format": "date"}}}},
      "cancel_reason": {"type": "string"},
      "milestones": {"type": "array", "items": {"$ref": "#/components/schemas/Milestone"}},
      "responsibility": {"type": "array", "items": {"$ref": "#/components/schemas/Responsibility"}},
      "head_hash": {"type": "string", "description": "hash of the journal's last event"}}},
  "EngagementList": {"type": "object", "required": ["engagements"], "properties": {
    "engagements": {"type": "array", "items": {"$ref": "#/components/schemas/Engagement"}}}},
  "Submission": {"type": "object", "required": ["milestone", "version", "deadline", "deadline_local_date", "provisional", "links"],
    "properties": {"milestone": {"type": "string"}, "version": {"type": "integer"},
      "deadline": {"type": "string", "format": "date-time"}, "deadline_local_date": {"type": "string", "format": "date"},
      "provisional": {"type": "boolean"},
      "links": {"type": "array", "items": {"type": "object", "required": ["recipient", "url"], "properties": {
        "recipient": {"type": "string", "format": "email"}, "url": {"type": "string", "format": "uri"}}}}}},
  "Decision": {"type": "object", "required": ["state", "version", "decided_at"], "properties": {
    "state": {"type": "string", "description": "accepted, objected or deemed_accepted; or the milestone's state while undecided"},
    "version": {"type": "integer"}, "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "deadline": {"type": "string", "format": "date-time"}}},
  "Event": {"type": "object",
    "required": ["seq", "type", "schema_version", "effective_at", "recorded_at", "actor", "payload", "prev_hash", "hash"],
    "properties": {"seq": {"type": "integer"}, "type": {"type": "string"}, "schema_version": {"type": "integer"},
      "effective_at": {"type": "string", "format": "date-time"}, "recorded_at": {"type": "string", "format": "date-time"},
      "actor": {"type": "string"},
      "payload": {"description": "the event's data; decisions carry recipient, ip, user_agent, version and the SHA-256s shown"},
      "prev_hash": {"type": "string"}, "hash": {"type": "string"}}},
  "EventList": {"type": "object", "required": ["events"], "properties": {
    "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}},
  "TestClock": {"type": "object", "required": ["now", "windows_ended", "next_deadline"], "properties": {
    "now": {"type": "string", "format": "date-time"}, "windows_ended": {"type": "integer"},
    "next_deadline": {"type": "string", "format": "date-time", "nullable": true}}}
})json";
}

const char* responseSchema(const std::string& method, const std::string& pattern) {
  // clang-format off
  static const std::map<std::string, const char*> byRoute = {
    {"GET /healthz",                                          "Health"},
    {"GET /openapi.json",                                     "OpenApiDocument"},
    {"GET /api/v1/workflows",                                 "WorkflowList"},
    {"GET /api/v1/workflows/{id}",                            "Workflow"},
    {"GET /api/v1/calendars/{id}/workdays",                   "Workdays"},
    {"POST /api/v1/engagements",                              "Engagement"},
    {"GET /api/v1/engagements",                               "EngagementList"},
    {"GET /api/v1/engagements/{id}",                          "Engagement"},
    {"POST /api/v1/engagements/{id}/activate",                "Engagement"},
    {"POST /api/v1/engagements/{id}/cancel",                  "Engagement"},
    {"POST /api/v1/engagements/{id}/milestones/{mid}/start",    "Engagement"},
    {"POST /api/v1/engagements/{id}/milestones/{mid}/generate", "Engagement"},
    {"POST /api/v1/engagements/{id}/milestones/{mid}/submit",   "Submission"},
    {"POST /api/v1/engagements/{id}/milestones/{mid}/links",    "Submission"},
    {"PUT /api/v1/engagements/{id}/milestones/{mid}/deliverables/{did}", "Engagement"},
    {"PUT /api/v1/engagements/{id}/owners/{party}",           "Engagement"},
    {"GET /api/v1/engagements/{id}/events",                   "EventList"},
    {"POST /api/v1/test-clock",                               "TestClock"},
    {"POST /a/{token}/accept",                                "Decision"},
    {"POST /a/{token}/object",                                "Decision"},
  };
  // clang-format on
  static const std::map<std::string, std::string> refs = [] {
    std::map<std::string, std::string> out;
    for (const auto& [key, name] : byRoute) {
      out[key] = std::string(R"({"$ref":"#/components/schemas/)") + name + "\"}";
    }
    return out;
  }();
  const auto it = refs.find(method + " " + pattern);
  return it == refs.end() ? nullptr : it->second.c_str();
}

}  // namespace sowflow::server
