// What the per-format readers share: paragraph breaks, body tidying, and the
// title of last resort. Internal to the readers (readers.h is the interface).
#pragma once

#include <string>

namespace docket::readers::detail {

// The file name without folder or extension: the title when a file gives none.
std::string file_stem(const std::string& path);

// Appends a paragraph break unless the text already ends with one.
void end_block(std::string& out);

// Collapses the paragraph breaks the markup walkers added into single blank
// lines and trims the result.
std::string tidy_body(std::string body);

}  // namespace docket::readers::detail
