// The xlsx generators, each a function of the document model (internal).
// Thread-safety: reentrant.
#pragma once

#include "model/document_model.hpp"
#include "xlsx/form_definition.hpp"

namespace sowflow::deliverables::detail {

inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The local date-time of `at` in the calendar's zone as an Excel serial.
double localSerial(const engine::WorkingDayCalendar& calendar, engine::Instant at);
// `at` in UTC as an Excel serial (the portfolio mixes time zones).
double utcSerial(engine::Instant at);

engine::Result<Document> renderAcceptanceXlsx(const DocumentModel& model,
                                              const engine::WorkingDayCalendar& calendar);
// A fill-in form as its definition describes it (see form_definition.hpp).
engine::Result<Document> renderForm(const DocumentModel& model, const std::filesystem::path& templatesDir,
                                    const FormDefinition& form, const std::string& filename);

// Splits "a|b|c" into the NULL-terminated list libxlsxwriter wants.
std::vector<std::string> splitList(const std::string& text);

}  // namespace sowflow::deliverables::detail
