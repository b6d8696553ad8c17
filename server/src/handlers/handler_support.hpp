// Small helpers shared by the resource handlers: finding an engagement (or
// answering 404), its calendar, and sending it as SPEC §3 JSON.
// Thread-safety: reentrant.
#pragma once

#include <memory>
#include <string>

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

const engine::WorkingDayCalendar* calendarOf(const ServerContext& context,
                                             const engine::Engagement& engagement);
// Today's local date in the engagement's calendar (UTC without one).
engine::Date todayFor(const ServerContext& context, const engine::Engagement& engagement);

// The current state as a shared immutable snapshot (no copy); sends 404 and
// returns null when there is no such engagement.
std::shared_ptr<const engine::Engagement> findEngagementOr404(ServerContext& context, Exchange& exchange,
                                                      const std::string& id);

void sendEngagement(ServerContext& context, Exchange& exchange, int status,
                    const engine::Engagement& engagement);

engine::Error notFound(const std::string& what, const std::string& id);

}  // namespace sowflow::server
