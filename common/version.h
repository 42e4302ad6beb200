// What `--version` prints: the project's version (from CMake's project()), the
// index schema this build reads and writes, and the Xapian library it runs on.
#pragma once

#include <string>
#include <string_view>

namespace docket {

// "docket searcher 0.1.0 (index schema 4, Xapian 1.4.22)"
std::string version_line(std::string_view program);

}  // namespace docket
