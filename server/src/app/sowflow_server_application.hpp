// `sowflow serve`: a Poco::Util::ServerApplication around SowflowServer.
//
// Options: --config FILE (.properties or .ini; keys in docs/operations.md),
// --db URL, --listen HOST:PORT, --public-url URL, --demo, --test-clock[=INSTANT].
// Command-line values override the file. It starts the server, prints where
// it listens (and, with --demo, an owner token and the URLs to open), then
// waits for SIGINT/SIGTERM (waitForTerminationRequest) and stops cleanly.
// Thread-safety: the application object lives on the main thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/Util/ServerApplication.h>

namespace sowflow::server {

class SowflowServerApplication final : public Poco::Util::ServerApplication {
 protected:
  void initialize(Poco::Util::Application& self) override;
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  bool helpRequested_ = false;
  std::optional<std::string> db_, listen_, publicUrl_, testClock_;
  bool demo_ = false;
};

}  // namespace sowflow::server
