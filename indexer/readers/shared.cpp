#include "readers/shared.h"

#include <filesystem>

#include "text/text.h"

namespace docket::readers::detail {

std::string file_stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

void end_block(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += "\n\n";
}

std::string tidy_body(std::string body) {
    std::string out;
    std::size_t newlines = 0;
    for (char c : body) {
        if (c == '\n') {
            ++newlines;
            continue;
        }
        if (newlines) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            if (!out.empty()) out += newlines > 1 ? "\n\n" : "\n";
            newlines = 0;
            if (c == ' ') continue;
        }
        out += c;
    }
    return text::trim(out);
}

}  // namespace docket::readers::detail
