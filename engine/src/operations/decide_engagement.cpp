// Decisions on the engagement as a whole: create, activate, cancel, owners.
#include <algorithm>

#include "lifecycle/engagement_lifecycle.hpp"
#include "operations/decide.hpp"
#include "operations/decide_support.hpp"

namespace sowflow::engine::detail {

Result<EngagementCreated> decideCreate(const CreateEngagement& c, const Catalog& catalog) {
  const auto workflow = catalog.workflow(c.workflow);
  if (c.workflow.empty()) return invalidField("workflow", "Expected a workflow id");
  if (!workflow) {
    return invalidField("workflow", "Expected a known workflow id, got '" + c.workflow + "'");
  }
  if (workflow->editions.empty() && !c.edition.empty()) {
    return invalidField("edition", "Workflow '" + c.workflow + "' has no editions, got '" +
                                       c.edition + "'");
  }
  if (!workflow->editions.empty() && !workflow->hasEdition(c.edition)) {
    std::string known;
    for (const auto& e : workflow->editions) known += (known.empty() ? "" : ", ") + e.id;
    return invalidField("edition", "Expected one of " + known + " for workflow '" + c.workflow +
                                       "', got '" + c.edition + "'");
  }
  if (isBlank(c.title)) return invalidField("title", "Expected a non-empty title");
  if (isBlank(c.customer)) return invalidField("customer", "Expected the customer's name");
  if (isBlank(c.provider)) return invalidField("provider", "Expected the provider's name");
  if (!catalog.calendar(workflow->calendar)) {
    return makeError(ErrorCode::internal,
                     "Workflow '" + c.workflow + "' names unknown calendar '" + workflow->calendar + "'");
  }
  EngagementCreated created{c.workflow, workflow->version, c.edition, c.title, c.customer,
                            c.provider, {}, c.start, workflow->calendar};
  // SPEC §2: a named project owner for each party.
  for (const auto& party : workflow->parties) {
    const auto it = std::find_if(c.owners.begin(), c.owners.end(),
                                 [&](const PartyOwner& o) { return o.party == party.id; });
    const std::string field = "owners." + party.id;
    if (it == c.owners.end()) return invalidField(field, "Expected a project owner for party '" + party.id + "'");
    if (isBlank(it->owner.name)) return invalidField(field + ".name", "Expected the owner's name");
    if (!looksLikeEmail(it->owner.email)) {
      return invalidField(field + ".email", "Expected an e-mail address, got '" + it->owner.email + "'");
    }
    created.owners.push_back(*it);
  }
  for (const auto& o : c.owners) {
    if (!std::any_of(workflow->parties.begin(), workflow->parties.end(),
                     [&](const Party& p) { return p.id == o.party; })) {
      return invalidField("owners." + o.party, "Expected a party of workflow '" + c.workflow +
                                                   "', got '" + o.party + "'");
    }
  }
  return created;
}

namespace {

Result<std::vector<PendingEvent>> fireEngagement(const DecideContext& cx, EngagementTrigger trigger,
                                                 const EngagementGuards& guards, Event event) {
  auto machine = EngagementLifecycle::replay(cx.engagement);
  if (auto fired = machine.fire(trigger, guards); !fired) return fired.error();
  return std::vector<PendingEvent>{{std::move(event), cx.now}};
}

}  // namespace

Result<std::vector<PendingEvent>> decideActivate(const DecideContext& cx) {
  return fireEngagement(cx, EngagementTrigger::activate, {}, EngagementActivated{});
}

Result<std::vector<PendingEvent>> decideCancel(const DecideContext& cx, const CancelEngagement& c) {
  EngagementGuards guards;
  guards.reasonGiven = !isBlank(c.reason);
  if (!guards.reasonGiven) return invalidField("reason", "Expected a reason for cancelling");
  return fireEngagement(cx, EngagementTrigger::cancel, guards, EngagementCancelled{c.reason});
}

Result<std::vector<PendingEvent>> decideChangeOwner(const DecideContext& cx, const ChangeOwner& c) {
  const auto& e = cx.engagement;
  if (!std::any_of(cx.workflow.parties.begin(), cx.workflow.parties.end(),
                   [&](const Party& p) { return p.id == c.party; })) {
    return makeError(ErrorCode::not_found, "Expected a party of workflow '" + cx.workflow.id +
                                               "', got '" + c.party + "'", "party");
  }
  if (isBlank(c.owner.name)) return invalidField("name", "Expected the new owner's name");
  if (!looksLikeEmail(c.owner.email)) {
    return invalidField("email", "Expected an e-mail address, got '" + c.owner.email + "'");
  }
  if (e.state == EngagementState::completed || e.state == EngagementState::cancelled) {
    return makeError(ErrorCode::invalid_state, std::string("Expected an open engagement to change "
                     "its owner, but engagement '") + e.id + "' is " + toString(e.state));
  }
  // SPEC §3: while active, `effective` must be on or after the N-th working
  // day after today (local date in the calendar's zone).
  if (e.state == EngagementState::active) {
    if (const auto* rule = cx.workflow.findNotice("personnel-change", e.edition)) {
      const Date today = cx.calendar.localDate(cx.now);
      auto earliest = cx.calendar.addWorkingDays(today, rule->workingDays);
      if (!earliest) return earliest.error();
      if (c.effective < earliest->date) {
        return makeError(ErrorCode::invalid_state,
                         "Expected the owner change to take effect on or after " +
                             formatDate(earliest->date) + " (" + std::to_string(rule->workingDays) +
                             " working days' notice), got " + formatDate(c.effective),
                         "effective");
      }
    }
  }
  return std::vector<PendingEvent>{{OwnerChanged{c.party, c.owner, c.effective}, cx.now}};
}

}  // namespace sowflow::engine::detail
