// decide(): turns a command into events against read-only state (STYLE §3).
//
// Lifecycle legality is asked of the rebuilt state machines; everything else
// (edition, stage gate, dependencies, notice rule, window) is checked here
// before anything is appended, so a rejected command changes nothing.
// followUps() adds the events a command's events imply (stage entered,
// engagement completed), computed without copying the projection.
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "sowflow/engine/calendar.hpp"
#include "sowflow/engine/commands.hpp"
#include "sowflow/engine/definition_loader.hpp"
#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/result.hpp"

namespace sowflow::engine::detail {

struct PendingEvent {
  Event event;
  Instant effectiveAt;
};

struct DecideContext {
  const Engagement& engagement;
  const Workflow& workflow;
  const WorkingDayCalendar& calendar;
  Instant now;
};

// Validates a creation request against the catalog (field named in `where`).
Result<EngagementCreated> decideCreate(const CreateEngagement& command, const Catalog& catalog);

Result<std::vector<PendingEvent>> decide(const DecideContext& context, const Command& command);

// REQUIRES: `primary` came from decide() for the same context.
std::vector<PendingEvent> followUps(const DecideContext& context,
                                    const std::vector<PendingEvent>& primary);

// Shared by decide and followUps.
Stage stageOf(const Workflow& workflow, const Milestone& milestone);
bool isClosed(MilestoneState state);

}  // namespace sowflow::engine::detail
