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
    // The fastest deflate level: document.xml of a 200-milestone report is
    // about 1 MB of repetitive XML; level 1 deflates it several times
    // faster than the default, for a slightly larger file.
    // Fixed entry time: Poco writes exactly what it is given (checked: two
    // runs give identical bytes), unlike a file-based add.
    const Poco::DateTime fixed(1980, 1, 1);
    for (const auto& [name, bytes] : entries) {
      std::istringstream in(bytes);
      compress.addFile(in, fixed, Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                       Poco::Zip::ZipCommon::CL_SUPERFAST);
    }
    compress.close();
  } catch (const std::exception& e) {
    return engine::makeError(engine::ErrorCode::internal, std::string("Expected to write a zip: ") + e.what());
  }
  return out.str();
}

}  // namespace sowflow::deliverables::detail
