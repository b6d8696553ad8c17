// Group commit: appends from many threads share one transaction, yet each is
// answered on its own, only after the transaction that holds it committed.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "../journal/sample_events.hpp"
#include "sowflow/engine/audit.hpp"
#include "store/group_commit.hpp"
#include "store_conformance.hpp"

using namespace sowflow::engine;
using namespace sowflow::engine::testing;
using sowflow::engine::detail::GroupCommit;
using sowflow::engine::detail::PendingAppend;

namespace {

void waitUntil(const std::function<bool()>& condition) {
  while (!condition()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace

TEST_CASE("appends arriving while a group is written form the next group, answered one by one",
          "[engine][store]") {
  constexpr int kFollowers = 6;
  std::atomic<bool> leading{false}, release{false};
  std::vector<std::size_t> groupSizes;  // only the writer touches it until the joins
  GroupCommit commits([&](const std::vector<PendingAppend*>& group) {
    groupSizes.push_back(group.size());
    if (groupSizes.size() == 1) {
      leading = true;
      waitUntil([&] { return release.load(); });
    }
    for (PendingAppend* append : group) {
      // Member "3" lost its race; the others are stored.
      append->result = *append->engagementId == "3"
                           ? Status(makeError(ErrorCode::invalid_state, "conflict: 3"))
                           : Status(Ok{});
    }
  });
  const std::vector<StoredEvent> events;
  const std::string leaderId = "leader";
  PendingAppend leader{&leaderId, 0, &events};
  std::thread first([&] { CHECK(commits.submit(leader).ok()); });
  waitUntil([&] { return leading.load(); });

  std::vector<std::string> ids;
  for (int i = 0; i < kFollowers; ++i) ids.push_back(std::to_string(i));
  std::vector<PendingAppend> followers(kFollowers);
  for (int i = 0; i < kFollowers; ++i) {
    followers[static_cast<std::size_t>(i)].engagementId = &ids[static_cast<std::size_t>(i)];
    followers[static_cast<std::size_t>(i)].events = &events;
  }
  std::vector<Status> answers(kFollowers, Status(Ok{}));
  std::vector<std::thread> threads;
  for (int i = 0; i < kFollowers; ++i) {
    threads.emplace_back([&, i] {
      answers[static_cast<std::size_t>(i)] = commits.submit(followers[static_cast<std::size_t>(i)]);
    });
  }
  waitUntil([&] { return commits.queued() == kFollowers; });
  release = true;
  first.join();
  for (auto& thread : threads) thread.join();

  CHECK(groupSizes == std::vector<std::size_t>{1, kFollowers});
  CHECK(commits.counts().groups == 2);
  CHECK(commits.counts().appends == kFollowers + 1);
  for (int i = 0; i < kFollowers; ++i) {
    CAPTURE(i);
    CHECK(answers[static_cast<std::size_t>(i)].ok() == (i != 3));
  }
}

TEST_CASE("a database failure reaches only the append it belongs to", "[engine][store]") {
  GroupCommit commits([](const std::vector<PendingAppend*>& group) {
    for (PendingAppend* append : group) {
      if (*append->engagementId == "broken") {
        append->failure = std::make_exception_ptr(std::runtime_error("disk full"));
      }
    }
  });
  const std::vector<StoredEvent> events;
  const std::string good = "good", broken = "broken";
  PendingAppend fine{&good, 0, &events}, failing{&broken, 0, &events};
  CHECK(commits.submit(fine).ok());
  CHECK_THROWS_WITH(commits.submit(failing), "disk full");
}

TEST_CASE("a lost race inside a shared SQLite commit does not cost the other appends",
          "[engine][store]") {
  TempDir dir;
  auto store = requireOpen(openStore("sqlite:" + (dir.path() / "journal.db").string()));
  constexpr int kThreads = 24;
  constexpr int kRounds = 15;
  // Even threads race on one engagement; odd threads each own one.
  std::atomic<int> raceWins{0}, raceConflicts{0}, ownFailures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const bool racer = t % 2 == 0;
      const std::string id = racer ? "race" : "own-" + std::to_string(t);
      for (int round = 0; round < kRounds; ++round) {
        const auto head = store->head(id);
        const auto chain = sealedChain(id, 1, head ? head->seq + 1 : 1, head ? head->hash : kGenesisHash);
        const auto result = store->append(id, head ? head->seq : 0, chain);
        if (!racer) {
          if (!result.ok()) ++ownFailures;
        } else if (result.ok()) {
          ++raceWins;
        } else if (result.error().code == ErrorCode::invalid_state) {
          ++raceConflicts;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  CHECK(ownFailures == 0);
  CHECK(raceWins + raceConflicts == (kThreads / 2) * kRounds);
  const auto race = store->load("race");
  CHECK(static_cast<int>(race.size()) == raceWins);
  CHECK_FALSE(verifyChain(race).has_value());
  store.reset();  // everything acknowledged is on disk
  auto reopened = requireOpen(openStore("sqlite:" + (dir.path() / "journal.db").string()));
  for (int t = 1; t < kThreads; t += 2) {
    CAPTURE(t);
    CHECK(reopened->load("own-" + std::to_string(t)).size() == static_cast<std::size_t>(kRounds));
  }
}
