// `sowflow serve`: hands its arguments to the ServerApplication, which parses
// them in Poco::Util's own style (app/sowflow_server_application.hpp), after
// re-executing once with the server's malloc settings (app/allocator_tuning.hpp).
#include <errno.h>  // program_invocation_name (GNU)

#include "app/allocator_tuning.hpp"
#include "app/sowflow_server_application.hpp"
#include "cli/subcommand.hpp"

namespace sowflow::server::cli {

int serveMain(const std::vector<std::string>& args) {
  std::vector<std::string> self = {program_invocation_name, "serve"};
  self.insert(self.end(), args.begin(), args.end());
  reexecWithAllocatorTuning(self);
  std::vector<std::string> argv = {"sowflow-serve"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (auto& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  SowflowServerApplication application;
  return application.run(static_cast<int>(argv.size()), pointers.data());
}

}  // namespace sowflow::server::cli
