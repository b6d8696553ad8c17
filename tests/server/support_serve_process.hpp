// The real `sowflow serve` binary as a child process on a free loopback
// port, with a config file in `dir`, the test clock at `clock` and `env`
// added to the environment; the constructor returns once /healthz answers
// (FAILs after 20 s). The destructor kills it if stop() was not called.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include <Poco/Process.h>

namespace sowflow::server::testing {

class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& dir, const std::string& clock,
               const Poco::Process::Env& env = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Sends `signal` and waits; returns the wait status.
  int stop(int signal);
  unsigned short port() const { return port_; }
  // The process's name as `ps` and `pgrep` see it (/proc/PID/comm).
  std::string name() const;
  // The running server's environment block, as exec'd (after any re-exec).
  // Search it as bytes: glibc 2.36 writes a NUL over each ':' of
  // GLIBC_TUNABLES in that block while parsing it, so the variable reads
  // back cut at its first setting.
  std::string environmentBlock() const;

 private:
  unsigned short port_;
  pid_t pid_ = -1;
};

}  // namespace sowflow::server::testing
