#include "text/read_file.h"

#include <fstream>
#include <sstream>

namespace docket::text {

ReadStatus read_whole_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return ReadStatus::CannotOpen;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = std::move(ss).str();
    return in.bad() ? ReadStatus::ReadError : ReadStatus::Ok;
}

}  // namespace docket::text
