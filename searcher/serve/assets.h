// The web page's files (searcher/web/), compiled into the binary: the server
// serves these and nothing else from the file system.
#pragma once

#include <string_view>

namespace docket::serve {

struct Asset {
    std::string_view path;          // as requested: "/", "/app.js"
    std::string_view content_type;
    std::string_view body;
};

// The asset served at `path`, or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace docket::serve
