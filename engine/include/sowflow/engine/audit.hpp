// Auditing a store's journals: verify every hash chain, and checkpoint the
// heads so a later audit also notices a lost tail (SPEC §3 `sowflow audit`).
//
// A checkpoint maps engagement id -> head (seq, hash). Its file format (text,
// one engagement per line) is in docs/journal-format.md "Checkpoints".
// Thread-safety: reentrant; the Store is only read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sowflow/engine/journal.hpp"
#include "sowflow/engine/result.hpp"
#include "sowflow/engine/store.hpp"

namespace sowflow::engine {

struct ChainReport {
  std::string engagementId;
  ChainBreak problem;
};

using Checkpoint = std::map<std::string, ChainHead>;

// Verifies the chain of `engagementId` (or of every engagement in the store
// and in `checkpoint`). Returns one report per broken chain, in id order;
// empty means everything verifies. An engagement named but absent from both
// the store and the checkpoint is reported as having no events.
std::vector<ChainReport> auditStore(const Store& store,
                                    const std::optional<std::string>& engagementId = {},
                                    const std::optional<Checkpoint>& checkpoint = {});

// The current head of every engagement in `store`.
Checkpoint takeCheckpoint(const Store& store);

// The checkpoint file text and back. parseCheckpoint fails with
// invalid_argument "line N: ..." on a malformed line.
std::string formatCheckpoint(const Checkpoint& checkpoint);
Result<Checkpoint> parseCheckpoint(const std::string& text);

// Files: write replaces atomically (temp file + rename); errors are internal
// (write) or not_found / invalid_argument (read), naming the path.
Status writeCheckpointFile(const std::string& path, const Checkpoint& checkpoint);
Result<Checkpoint> readCheckpointFile(const std::string& path);

}  // namespace sowflow::engine
