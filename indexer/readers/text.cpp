// Plain text (.txt): the first non-empty line is the title, an optional date
// on the next line, the rest is the text.
#include "readers.h"

#include "readers/shared.h"
#include "text/text.h"

namespace docket::readers {

using namespace detail;

ReadResult read_text(const std::string& path, std::string_view content) {
    ReadResult r;
    Article a;
    a.path = a.id = path;
    std::size_t pos = 0;
    auto next_line = [&]() -> std::string {
        while (pos < content.size()) {
            std::size_t nl = content.find('\n', pos);
            if (nl == std::string_view::npos) nl = content.size();
            std::string line = text::trim(content.substr(pos, nl - pos));
            pos = nl + 1;
            if (!line.empty()) return line;
        }
        return {};
    };
    a.title = next_line();
    std::size_t after_title = pos;
    // An optional date on the line after the title.
    if (std::string maybe_date = text::normalize_date(next_line()); !maybe_date.empty())
        a.date = maybe_date;
    else
        pos = after_title;
    a.body = pos < content.size() ? tidy_body(std::string(content.substr(pos))) : std::string();
    if (a.title.empty()) {
        r.error = "empty file";
        return r;
    }
    r.articles.push_back(std::move(a));
    return r;
}

}  // namespace docket::readers
