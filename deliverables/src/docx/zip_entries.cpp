#include <sstream>

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include "docx/docx_writer.hpp"

namespace sowflow::deliverables::detail {

engine::Result<std::string> zipEntries(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::ostringstream out;
  try {
    Poco::Zip::Compress compress(out, true);
    // Fixed entry time: Poco writes exactly what it is given (checked: two
    // runs give identical bytes), unlike a file-based add.
    const Poco::DateTime fixed(1980, 1, 1);
    for (const auto& [name, bytes] : entries) {
      std::istringstream in(bytes);
      compress.addFile(in, fixed, Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                       Poco::Zip::ZipCommon::CL_NORMAL);
    }
    compress.close();
  } catch (const std::exception& e) {
    return engine::makeError(engine::ErrorCode::internal, std::string("Expected to write a zip: ") + e.what());
  }
  return out.str();
}

}  // namespace sowflow::deliverables::detail
