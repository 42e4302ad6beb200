#include "version.h"

#include <xapian.h>

#include "index/schema.h"

#ifndef DOCKET_VERSION
#error "DOCKET_VERSION comes from CMake's PROJECT_VERSION (common/CMakeLists.txt)"
#endif

namespace docket {

std::string version_line(std::string_view program) {
    return "docket " + std::string(program) + " " DOCKET_VERSION " (index schema " + std::string(schema::kVersion) +
           ", Xapian " + Xapian::version_string() + ")";
}

}  // namespace docket
