#include "app/allocator_tuning.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace sowflow::server {

std::optional<std::string> tunablesWithServerSettings(const char* current) {
  const std::string existing = current ? current : "";
  if (existing.find("glibc.malloc.tcache_count=") != std::string::npos) return std::nullopt;
  return existing.empty() ? std::string(kServerTunable) : existing + ":" + kServerTunable;
}

void reexecWithAllocatorTuning(const std::vector<std::string>& argv) {
  const auto tunables = tunablesWithServerSettings(std::getenv("GLIBC_TUNABLES"));
  if (!tunables) return;
  // After this the environment names the tcache count, so the re-executed
  // process returns above instead of looping.
  if (::setenv("GLIBC_TUNABLES", tunables->c_str(), 1) != 0) return;
  std::vector<std::string> copy = argv;
  std::vector<char*> pointers;
  for (auto& arg : copy) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  // Through the file /proc/self/exe names, not the link itself: the kernel
  // names a process after the file it executes, and `ps`, `pgrep sowflow`
  // and systemd should still see "sowflow", not "exe".
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  ::execv(error ? "/proc/self/exe" : self.c_str(), pointers.data());
  std::cerr << "sowflow serve: could not re-execute with " << *tunables << " (" << std::strerror(errno)
            << "); running with glibc's default malloc settings\n";
}

}  // namespace sowflow::server
