// Engagements, workflows and events as the JSON of SPEC §3.
//
// Instants are RFC 3339 in the engagement calendar's offset
// (WorkingDayCalendar::formatInstant); dates are YYYY-MM-DD; states are the
// lower-case names of SPEC §2. Absent values are JSON null.
// Thread-safety: reentrant; callers pass copies or const views.
#pragma once

#include <vector>

#include <Poco/JSON/Object.h>

#include "json/json_writer.hpp"
#include "sowflow/engine/calendar.hpp"
#include "sowflow/engine/definition_loader.hpp"
#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/journal.hpp"

namespace sowflow::server::json {

// One engagement as compact JSON text (written directly, see JsonWriter: it
// is the hottest API answer). `calendar` may be null (then instants are
// written in UTC); `today` is the local date whose owners are "current".
std::string engagementJson(const engine::Engagement& engagement,
                           const engine::WorkingDayCalendar* calendar, engine::Date today);
void writeEngagement(JsonWriter& out, const engine::Engagement& engagement,
                     const engine::WorkingDayCalendar* calendar, engine::Date today);
Poco::JSON::Object::Ptr workflowSummaryToJson(const engine::Workflow& workflow);
Poco::JSON::Object::Ptr workflowToJson(const engine::Workflow& workflow);
Poco::JSON::Object::Ptr eventToJson(const engine::StoredEvent& event,
                                    const engine::WorkingDayCalendar* calendar);

std::string formatInstant(engine::Instant at, const engine::WorkingDayCalendar* calendar);

}  // namespace sowflow::server::json
