// Markdown (.md, .markdown): optional YAML-style front matter for title, date,
// url and source; the text through cmark, code left out.
#include "readers.h"

#include <cmark.h>

#include <memory>

#include "readers/shared.h"
#include "text/text.h"

namespace docket::readers {
using namespace detail;

namespace {

std::string unquote(std::string s) {
    s = text::trim(s);
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        s = s.substr(1, s.size() - 2);
    return s;
}

// Splits "---\nkey: value\n---\nbody" into front-matter fields and the body.
std::string_view split_front_matter(std::string_view content, Article& a) {
    auto first_line_end = content.find('\n');
    if (first_line_end == std::string_view::npos || text::trim(content.substr(0, first_line_end)) != "---")
        return content;
    std::size_t pos = first_line_end + 1;
    while (pos < content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string line = text::trim(content.substr(pos, nl - pos));
        pos = nl + 1;
        if (line == "---" || line == "...") return content.substr(std::min(pos, content.size()));
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string key = text::to_lower_ascii(text::trim(line.substr(0, colon)));
        std::string value = unquote(line.substr(colon + 1));
        if (key == "title") a.title = value;
        else if (key == "date" || key == "published") a.date = text::normalize_date(value);
        else if (key == "url" || key == "link") a.url = value;
        else if (key == "source") a.source = value;
    }
    return content;  // no closing fence: not front matter after all
}

}  // namespace

std::string markdown_to_text(std::string_view markdown) {
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(
        cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT), cmark_node_free);
    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(doc.get()), cmark_iter_free);
    std::string out;
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(it.get());
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_TEXT:
                out += cmark_node_get_literal(node);
                break;
            case CMARK_NODE_SOFTBREAK:
                out += ' ';
                break;
            case CMARK_NODE_LINEBREAK:
                out += '\n';
                break;
            case CMARK_NODE_PARAGRAPH: case CMARK_NODE_HEADING: case CMARK_NODE_ITEM:
            case CMARK_NODE_BLOCK_QUOTE: case CMARK_NODE_LIST: case CMARK_NODE_THEMATIC_BREAK:
                if (ev == CMARK_EVENT_ENTER || ev == CMARK_EVENT_EXIT) end_block(out);
                break;
            default:  // code blocks, code spans and raw HTML are not prose
                break;
        }
    }
    return tidy_body(out);
}

ReadResult read_markdown(const std::string& path, std::string_view content) {
    ReadResult r;
    Article a;
    a.path = a.id = path;
    std::string_view body = split_front_matter(content, a);
    a.body = markdown_to_text(body);
    if (a.title.empty()) {
        // No front-matter title: the first line of text (usually the first heading).
        auto nl = a.body.find('\n');
        a.title = text::trim(a.body.substr(0, nl));
        a.body = nl == std::string::npos ? std::string() : text::trim(a.body.substr(nl));
    }
    if (a.title.empty()) a.title = file_stem(path);
    r.articles.push_back(std::move(a));
    return r;
}

}  // namespace docket::readers
