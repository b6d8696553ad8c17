// Commands: what a user or the deadline scheduler asks the engine to do,
// imperative (STYLE §3). The Engine decides each against the engagement's
// current state and turns it into events or a rejection.
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sowflow/engine/events.hpp"
#include "sowflow/engine/time.hpp"

namespace sowflow::engine {

struct CreateEngagement {
  std::string workflow;
  std::string edition;
  std::string title;
  std::string customer;
  std::string provider;
  std::vector<PartyOwner> owners;  // one per party the workflow declares
  Date start;
};

struct ActivateEngagement {};
struct CancelEngagement {
  std::string reason;
};

struct StartMilestone {
  std::string milestone;
};

// The bytes are stored as a blob before the event is appended.
struct UploadDeliverable {
  std::string milestone;
  std::string deliverable;
  std::string filename;
  std::string contentType;
  std::string bytes;
  bool generated = false;
};

struct SubmitMilestone {
  std::string milestone;
  std::vector<std::string> recipients;
};

struct DecideMilestone {
  enum class Kind { accept, object };
  Kind kind = Kind::accept;
  DecisionRecord record;  // names the version it decides
};

// Issued by the deadline scheduler; effective at the window's deadline.
struct EndWindow {
  std::string milestone;
  int version = 1;
};

struct ChangeOwner {
  std::string party;
  Owner owner;
  Date effective;
};

using Command = std::variant<ActivateEngagement, CancelEngagement, StartMilestone,
                             UploadDeliverable, SubmitMilestone, DecideMilestone, EndWindow,
                             ChangeOwner>;

const char* commandName(const Command& command);

}  // namespace sowflow::engine
