// The customer's acceptance link (SPEC §2): GET /a/{token} shows the submission and never changes state; POST accept/object decide (idempotent for the same decision, 409 with the outcome when conflicting or late, 404 for unknown or revoked links); files are downloaded by deliverable id.
// Thread-safety: one instance per request; shares only the ServerContext.
#pragma once

#include "app/server_context.hpp"
#include "handlers/exchange.hpp"

#include <memory>
#include <optional>
#include <string>

namespace sowflow::server {

// A presented token that maps to a live link of an existing submission.
struct ResolvedLink {
  std::string token;
  AcceptanceLink link;
  // The state the link was resolved against: a shared immutable snapshot
  // (no copy of the projection per request).
  std::shared_ptr<const engine::Engagement> engagement;

  const engine::MilestoneProgress& progress() const;
  const engine::Submission& submission() const;  // the link's version
};

class AcceptancePageHandler {
 public:
  explicit AcceptancePageHandler(ServerContext& context) : context_(context) {}
  void get(Exchange& exchange);
  void accept(Exchange& exchange);
  void object(Exchange& exchange);
  void download(Exchange& exchange);

 private:
  // Sends 429 / 404 itself and returns nullopt when the link is not usable.
  std::optional<ResolvedLink> resolve(Exchange& exchange);
  void decide(Exchange& exchange, engine::DecideMilestone::Kind kind);
  // Answers from the stored decision when there is one; true if it answered.
  bool answerIfDecided(Exchange& exchange, const ResolvedLink& resolved,
                       engine::DecideMilestone::Kind kind);
  void conflict(Exchange& exchange, const ResolvedLink& resolved, const engine::Error& error);
  void renderPage(Exchange& exchange, const ResolvedLink& resolved, int status,
                  const std::string& notice);

  ServerContext& context_;
};

}  // namespace sowflow::server
