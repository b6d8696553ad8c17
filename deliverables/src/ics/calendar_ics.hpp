// iCalendar generator (internal, RFC 5545). Thread-safety: reentrant.
#pragma once

#include "model/document_model.hpp"

namespace sowflow::deliverables::detail {

engine::Result<Document> renderCalendarIcs(const DocumentModel& model,
                                           const engine::WorkingDayCalendar& calendar);

// RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon, comma, newline.
std::string escapeIcsText(std::string_view text);
// RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + space,
// never splitting a UTF-8 sequence. `line` has no CRLF; the result ends in one.
std::string foldIcsLine(std::string_view line);

}  // namespace sowflow::deliverables::detail
