// The server's malloc settings, which glibc reads only from the environment
// at process start (GLIBC_TUNABLES), so `sowflow serve` re-executes itself
// once with them.
//
// Why: a page render through mstch allocates and frees many same-sized
// blocks per request (its tokens, the context's copies); glibc keeps only 7
// freed blocks of each size per thread (tcache) and sends the rest through
// its arena, which took about a fifth of the server's time on the acceptance
// page. With 64 per size the page serves about a tenth to a fifth more
// requests for about 1 MiB more memory (docs/operations.md, "Memory
// allocator"). An operator's own glibc.malloc.tcache_count wins.
// Thread-safety: call first thing, before any thread exists.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sowflow::server {

inline constexpr const char* kServerTunable = "glibc.malloc.tcache_count=64";

// GLIBC_TUNABLES with the server's setting added to `current` (null: unset),
// or nothing when `current` already sets the tcache count.
std::optional<std::string> tunablesWithServerSettings(const char* current);

// Re-executes this program (the file /proc/self/exe links to) with `argv`
// and the server's tunables, unless they are already set. Returns only when
// no re-exec happened (already set, or exec failed: then it says so on
// stderr and the server runs with glibc's defaults).
void reexecWithAllocatorTuning(const std::vector<std::string>& argv);

}  // namespace sowflow::server
