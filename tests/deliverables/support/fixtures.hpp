// Engagements for the document tests, built the way the engine builds them:
// events sealed into a hash chain (engine::sealEvent) and applied in order
// (engine::apply) on the shipped workflows, with a hand-made Asia/Shanghai
// calendar so golden files do not move when the shipped holiday data grows.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sowflow/deliverables/deliverables.hpp"
#include "sowflow/engine/calendar.hpp"
#include "sowflow/engine/engagement.hpp"
#include "sowflow/engine/journal.hpp"

namespace sowflow::testing {

struct DocFixture {
  std::string name;  // golden file stem
  engine::CalendarPtr calendar;
  engine::Engagement engagement;
  std::vector<engine::StoredEvent> journal;

  deliverables::RenderContext context() const;
};

// chaos-drill, premium edition, en: survey accepted by link; diagnosis
// objected (formula-looking comment) then v2 accepted; building solution
// deemed accepted at its deadline; final acceptance submitted, open.
DocFixture chaosDrillPremium();
// tam-service, premium edition, zh-CN, Chinese titles, final milestone deemed accepted.
DocFixture tamServiceZh();

// managed-services (en, no editions): every milestone submitted; the solution
// objected (comment starting with @) then deemed accepted, the final
// acceptance escalated at its deadline. Titles carry & < > " '.
DocFixture managedServices();
// remote-ops-support (en), activated, nothing submitted: for the service
// ticket list form (customer name starting with =).
DocFixture remoteOpsSupport();

engine::CalendarPtr shanghaiCalendar();
std::filesystem::path templatesDir();  // the source tree's templates/
std::filesystem::path goldenDir();     // tests/golden/

}  // namespace sowflow::testing
