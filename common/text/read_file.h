// Reading a whole file into memory, the one way every part of Docket does it.
#pragma once

#include <string>

namespace docket::text {

enum class ReadStatus {
    Ok,
    CannotOpen,  // missing, removed or not readable by us
    ReadError,   // opened, but reading failed part way (`out` holds what was read)
};

// Reads the file at `path` byte for byte into `out`.
ReadStatus read_whole_file(const std::string& path, std::string& out);

}  // namespace docket::text
