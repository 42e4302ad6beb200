// Warnings about one file, on stderr through spdlog. File names and reasons
// can hold control characters (a file called "\x1b]0;x\x07.md"): printed visibly.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

#include "text/text.h"

namespace docket {

inline void warn_about(std::string_view path, std::string_view why) {
    spdlog::warn("{}: {}", text::printable(path), text::printable(why));
}

}  // namespace docket
