// `sowflow serve` re-executes itself once with glibc's tcache at 64 blocks
// per size (server/src/app/allocator_tuning.hpp): the real binary runs
// with it, under its own name, and an operator's own setting wins.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <string>

#include "app/allocator_tuning.hpp"
#include "server_fixture.hpp"
#include "support_serve_process.hpp"

namespace sowflow::server::testing {

namespace {

bool has(const std::string& block, const std::string& text) {
  return block.find(text) != std::string::npos;
}

// The environment block of a server started with the operator's own
// GLIBC_TUNABLES.
std::string servedWith(const TempDir& dir, const std::string& tunables) {
  ServeProcess serve(dir.path(), "2026-09-29T10:00:00+08:00", {{"GLIBC_TUNABLES", tunables}});
  const auto block = serve.environmentBlock();
  serve.stop(SIGKILL);
  return block;
}

}  // namespace

TEST_CASE("the real binary serves with its malloc setting, and keeps an operator's own",
          "[server][process][allocator]") {
  TempDir dir;
  {
    ServeProcess serve(dir.path(), "2026-09-29T10:00:00+08:00", {{"GLIBC_TUNABLES", ""}});
    CHECK(has(serve.environmentBlock(), std::string("GLIBC_TUNABLES=") + kServerTunable));
    CHECK(serve.name() == "sowflow");  // as `ps` and `pgrep` see it after the re-exec
    CHECK(WEXITSTATUS(serve.stop(SIGTERM)) == 0);
  }
  const auto withMxfast = servedWith(dir, "glibc.malloc.mxfast=0");
  CHECK(has(withMxfast, "GLIBC_TUNABLES=glibc.malloc.mxfast=0"));
  CHECK(has(withMxfast, kServerTunable));
  const auto withOwnCount = servedWith(dir, "glibc.malloc.tcache_count=7");
  CHECK(has(withOwnCount, "GLIBC_TUNABLES=glibc.malloc.tcache_count=7"));
  CHECK_FALSE(has(withOwnCount, kServerTunable));
}

TEST_CASE("the server's tunables are added to the operator's, never over a tcache count",
          "[server][allocator]") {
  CHECK(tunablesWithServerSettings(nullptr) == std::string(kServerTunable));
  CHECK(tunablesWithServerSettings("") == std::string(kServerTunable));
  CHECK(tunablesWithServerSettings("glibc.malloc.arena_max=2") ==
        "glibc.malloc.arena_max=2:" + std::string(kServerTunable));
  CHECK_FALSE(tunablesWithServerSettings("glibc.malloc.tcache_count=0").has_value());
}

}  // namespace sowflow::server::testing
