// auditStore and checkpoints (audit.hpp; file format in docs/journal-format.md).
#include "sowflow/engine/audit.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sowflow::engine {

namespace {

constexpr const char* kCheckpointHeader = "sowflow-checkpoint 1";

bool isHexHash(const std::string& text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

std::vector<ChainReport> auditStore(const Store& store, const std::optional<std::string>& engagementId,
                                    const std::optional<Checkpoint>& checkpoint) {
  std::set<std::string> ids;
  if (engagementId) {
    ids.insert(*engagementId);
  } else {
    for (auto& id : store.engagementIds()) ids.insert(std::move(id));
    // A checkpointed engagement whose every event was deleted is still audited.
    if (checkpoint) {
      for (const auto& [id, headAtCheckpoint] : *checkpoint) ids.insert(id);
    }
  }
  std::vector<ChainReport> reports;
  for (const auto& id : ids) {
    std::optional<ChainHead> expected;
    if (checkpoint) {
      const auto it = checkpoint->find(id);
      if (it != checkpoint->end()) expected = it->second;
    }
    const auto events = store.load(id);
    if (events.empty() && !expected) {
      reports.push_back(ChainReport{id, ChainBreak{1, "no events stored for this engagement"}});
      continue;
    }
    if (auto broken = verifyChain(events, expected)) reports.push_back(ChainReport{id, *broken});
  }
  return reports;
}

Checkpoint takeCheckpoint(const Store& store) {
  Checkpoint out;
  for (const auto& id : store.engagementIds()) {
    if (auto h = store.head(id)) out.emplace(id, *h);
  }
  return out;
}

std::string formatCheckpoint(const Checkpoint& checkpoint) {
  std::string out = std::string(kCheckpointHeader) + "\n";
  for (const auto& [id, h] : checkpoint) {
    out += std::to_string(h.seq) + " " + h.hash + " " + id + "\n";
  }
  return out;
}

Result<Checkpoint> parseCheckpoint(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  int lineNo = 0;
  Checkpoint out;
  const auto bad = [&](const std::string& what) {
    return makeError(ErrorCode::invalid_argument, "line " + std::to_string(lineNo) + ": " + what,
                     "line " + std::to_string(lineNo));
  };
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineNo == 1) {
      if (line != kCheckpointHeader) return bad("expected '" + std::string(kCheckpointHeader) + "'");
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    // SEQ HASH ENGAGEMENT_ID; the id is last so it may hold any character.
    const auto space1 = line.find(' ');
    const auto space2 = space1 == std::string::npos ? space1 : line.find(' ', space1 + 1);
    if (space2 == std::string::npos || space2 + 1 >= line.size()) {
      return bad("expected 'SEQ HASH ENGAGEMENT_ID'");
    }
    const std::string seqText = line.substr(0, space1);
    const std::string hash = line.substr(space1 + 1, space2 - space1 - 1);
    const std::string id = line.substr(space2 + 1);
    std::int64_t seq = 0;
    try {
      std::size_t used = 0;
      seq = std::stoll(seqText, &used);
      if (used != seqText.size() || seq < 1) throw std::invalid_argument(seqText);
    } catch (const std::exception&) {
      return bad("seq '" + seqText + "' is not a positive integer");
    }
    if (!isHexHash(hash)) return bad("hash '" + hash + "' is not 64 lower-case hex digits");
    if (!out.emplace(id, ChainHead{seq, hash}).second) return bad("engagement " + id + " twice");
  }
  if (lineNo == 0) return bad("empty checkpoint, expected '" + std::string(kCheckpointHeader) + "'");
  return out;
}

Status writeCheckpointFile(const std::string& path, const Checkpoint& checkpoint) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << formatCheckpoint(checkpoint);
    out.flush();
    if (!out) return makeError(ErrorCode::internal, "cannot write " + temp, path);
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return makeError(ErrorCode::internal, "cannot write " + path + ": " + ec.message(), path);
  return Ok{};
}

Result<Checkpoint> readCheckpointFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::not_found, "cannot read checkpoint " + path, path);
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parseCheckpoint(text.str());
  if (!parsed) {
    return makeError(ErrorCode::invalid_argument, path + ": " + parsed.error().message, path);
  }
  return parsed;
}

}  // namespace sowflow::engine
