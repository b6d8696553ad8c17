// POST /api/v1/engagements/{id}/milestones/{mid}/{start,generate,submit,links}:
// submit issues one acceptance link per recipient (SPEC §2); links issues
// fresh ones for the version still awaiting a decision (see reissueLinks).
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
// Fresh links for the current version of a submitted, undecided milestone
// whose window is still open: for every recipient of that version, or for
// `recipients` (each must be one). Links issued before stay valid. This is
// how an owner recovers when links could not be issued or delivered after
// the submission itself was recorded (the two are not one transaction).
// not_found, invalid_state (nothing awaits a decision), window_closed, or
// invalid_argument naming `recipients[i]` for someone the version was not
// submitted to.
// The server log records who asked (`actor`).
engine::Result<SubmissionLinks> reissueLinks(ServerContext& context, const std::string& engagementId,
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
  void links(Exchange& exchange);

 private:
  ServerContext& context_;
};

}  // namespace sowflow::server
