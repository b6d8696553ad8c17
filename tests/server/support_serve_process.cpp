#include "support_serve_process.hpp"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include <Poco/Net/ServerSocket.h>

#include "server_fixture.hpp"

namespace sowflow::server::testing {

namespace {

unsigned short freePort() {
  Poco::Net::ServerSocket socket(0);
  return socket.address().port();
}

}  // namespace

ServeProcess::ServeProcess(const std::filesystem::path& dir, const std::string& clock,
                           const Poco::Process::Env& env)
    : port_(freePort()) {
  const auto config = dir / "sowflow.properties";
  std::ofstream(config) << "sowflow.log.level = warning\n"
                        << "sowflow.db = sqlite:" << (dir / "data" / "sowflow.db").string() << "\n";
  const std::vector<std::string> args = {
      "serve", "--config=" + config.string(), "--listen=127.0.0.1:" + std::to_string(port_),
      "--public-url=http://links.example", "--test-clock=" + clock};
  pid_ = Poco::Process::launch(std::string(SOWFLOW_BINARY_DIR) + "/server/sowflow", args, nullptr,
                               nullptr, nullptr, env)
             .id();
  for (int i = 0; i < 200; ++i) {
    HttpRequest health;
    health.path = "/healthz";
    if (send(port_, health).status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("sowflow serve did not answer /healthz on port " << port_);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

int ServeProcess::stop(int signal) {
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

std::string ServeProcess::name() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/comm");
  std::string comm;
  std::getline(in, comm);
  return comm;
}

std::string ServeProcess::environmentBlock() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/environ", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace sowflow::server::testing
