// The JSON shapes of SPEC §3 as OpenAPI 3.0 schemas for /openapi.json.
//
// componentSchemas() is the `components.schemas` object (Engagement with its
// milestones, submission versions and deadlines, Error, Decision, Workflow
// and its list items, Event, ...); responseSchema() names the schema of an
// operation's 2xx JSON answer, by method and route pattern, or nullptr when
// the answer is not JSON. `required` lists what the handlers always write
// (absent values are written as null, marked `nullable`), so a client, and
// the openapi test, may rely on those keys.
// Thread-safety: reentrant (returns constant text).
#pragma once

#include <string>

namespace sowflow::server {

// JSON text of an object mapping schema names to schemas.
const char* componentSchemas();
// JSON text of a schema (usually a $ref), or nullptr.
const char* responseSchema(const std::string& method, const std::string& pattern);

}  // namespace sowflow::server
