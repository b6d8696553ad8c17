// The portfolio's rows from the engine's snapshots (see deliverables.hpp):
// what finance and the PMO filter on — who, which window, until when.
#include "sowflow/deliverables/deliverables.hpp"

namespace sowflow::deliverables {

namespace {

// An engagement's open windows are the milestones whose current version is
// submitted and undecided; the engine's deadline index holds the same set.
bool isOpen(const engine::MilestoneProgress& progress) {
  const auto* current = progress.current();
  return progress.state == engine::MilestoneState::submitted && current && !current->decision;
}

struct Cursor {
  std::vector<std::shared_ptr<const engine::Engagement>> engagements;
  std::function<engine::CalendarPtr(const std::string&)> calendarFor;
  std::size_t engagement = 0;
  std::size_t milestone = 0;  // next milestone of `engagement` to look at
  bool anyOpen = false;       // `engagement` had a row with a window
};

void fillEngagement(PortfolioRow& row, const engine::Engagement& e) {
  row.engagementId = e.id;
  row.title = e.title;
  row.workflow = e.workflow ? e.workflow->id : std::string();
  row.customer = e.customer;
  row.provider = e.provider;
  row.state = engine::toString(e.state);
  row.stage = e.stage ? engine::toString(*e.stage) : "";
}

void fillWindow(PortfolioRow& row, const engine::Engagement& e, const engine::MilestoneProgress& progress,
                const engine::CalendarPtr& calendar) {
  const auto& submission = *progress.current();
  const auto* definition = e.workflow ? e.workflow->findMilestone(progress.id) : nullptr;
  row.milestone = progress.id;
  row.milestoneTitle = definition ? definition->title : progress.id;
  row.version = submission.version;
  row.submittedOn = calendar ? calendar->localDate(submission.submittedAt)
                             : date::floor<date::days>(submission.submittedAt);
  row.deadlineLocalDate = submission.deadlineLocalDate;
  row.deadline = calendar ? calendar->formatInstant(submission.deadline)
                          : engine::formatInstantUtc(submission.deadline);
  row.provisional = submission.provisional;
}

}  // namespace

PortfolioSource portfolioRows(std::vector<std::shared_ptr<const engine::Engagement>> engagements,
                              std::function<engine::CalendarPtr(const std::string&)> calendarFor) {
  auto cursor = std::make_shared<Cursor>(Cursor{std::move(engagements), std::move(calendarFor)});
  return [cursor](PortfolioRow& row) {
    auto& c = *cursor;
    while (c.engagement < c.engagements.size()) {
      const auto& e = *c.engagements[c.engagement];
      while (c.milestone < e.milestones.size()) {
        const auto& progress = e.milestones[c.milestone++];
        if (!isOpen(progress)) continue;
        fillEngagement(row, e);
        fillWindow(row, e, progress, c.calendarFor ? c.calendarFor(e.calendar) : nullptr);
        c.anyOpen = true;
        return true;
      }
      const bool emitBare = !c.anyOpen;
      ++c.engagement;
      c.milestone = 0;
      c.anyOpen = false;
      if (emitBare) {
        row = PortfolioRow{};  // no window fields left from the caller's last row
        fillEngagement(row, e);
        return true;
      }
    }
    return false;
  };
}

}  // namespace sowflow::deliverables
