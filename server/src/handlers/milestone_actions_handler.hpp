// POST /api/v1/engagements/{id}/milestones/{mid}/{start,generate,submit}; submit issues one acceptance link per recipient (SPEC §2).
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

namespace sowflow::server {

struct SubmissionLinks {
  engine::Engagement engagement;
  std::string milestone;
  int version = 1;
  std::vector<IssuedLink> links;
};

// Submits the milestone and issues one link per recipient (shared with the
// engagement page). invalid_argument naming `recipients[i]` for a bad address.
engine::Result<SubmissionLinks> submitAndIssueLinks(ServerContext& context,
                                                    const std::string& engagementId,
                                                    const std::string& milestone,
                                                    const std::vector<std::string>& recipients,
                                                    const std::string& actor);
// Renders every templated deliverable slot of the milestone and uploads it.
engine::Result<engine::Engagement> generateDeliverables(ServerContext& context,
                                                        const std::string& engagementId,
                                                        const std::string& milestone,
                                                        const std::string& actor);

class MilestoneActionsHandler {
 public:
  explicit MilestoneActionsHandler(ServerContext& context) : context_(context) {}
  void start(Exchange& exchange);
  void generate(Exchange& exchange);
  void submit(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
