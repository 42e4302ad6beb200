#include "readers.h"

#include <cmark.h>
#include <gumbo.h>

#include <filesystem>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>

#include "text/analysis.h"
#include "text/text.h"

namespace docket::readers {
namespace {

std::string file_stem(const std::string& path) { return std::filesystem::path(path).stem().string(); }

// Appends a paragraph break unless the text already ends with one.
void end_block(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += "\n\n";
}

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

// Elements nested deeper than this are not read: real pages stay far below it,
// and it keeps the recursive walks below within the stack.
constexpr int kMaxHtmlDepth = 400;

// Visible text of an HTML subtree; `skip_header` leaves out page-level <header>s.
void html_text(const GumboNode* node, std::string& out, bool skip_header, int depth = 0) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
        std::string t = text::collapse_space(node->v.text.text);
        if (t.empty()) {
            if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
            return;
        }
        if (std::isspace(static_cast<unsigned char>(node->v.text.text[0])) && !out.empty() &&
            out.back() != ' ' && out.back() != '\n')
            out += ' ';
        out += t;
        std::string_view raw = node->v.text.text;
        if (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) out += ' ';
        return;
    }
    if ((node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) || depth > kMaxHtmlDepth) return;
    switch (node->v.element.tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
        case GUMBO_TAG_SVG: case GUMBO_TAG_IFRAME: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
        case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS:
            return;
        case GUMBO_TAG_HEADER:
            if (skip_header) return;
            break;
        default:
            break;
    }
    bool block = false;
    switch (node->v.element.tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BR:
        case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_MAIN:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_HR:
            block = true;
            break;
        default:
            break;
    }
    if (block) end_block(out);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        html_text(static_cast<const GumboNode*>(children.data[i]), out, skip_header, depth + 1);
    if (block) end_block(out);
}

const GumboNode* find_element(const GumboNode* node, GumboTag tag, int depth = 0) {
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxHtmlDepth) return nullptr;
    if (node->v.element.tag == tag) return node;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        if (auto* found = find_element(static_cast<const GumboNode*>(children.data[i]), tag, depth + 1)) return found;
    return nullptr;
}

// Nesting depth of the markup, estimated by a linear scan of its tags (before
// parsing: the HTML5 tree builder takes quadratic time on very deep nesting).
int markup_depth(std::string_view html) {
    static const std::set<std::string_view> void_elements = {"area", "base", "br", "col", "embed", "hr", "img",
                                                             "input", "link", "meta", "param", "source", "track", "wbr"};
    int depth = 0, deepest = 0;
    for (std::size_t i = html.find('<'); i != std::string_view::npos && i + 1 < html.size(); i = html.find('<', i + 1)) {
        if (html.compare(i, 4, "<!--") == 0) {
            i = html.find("-->", i);
            if (i == std::string_view::npos) break;
        } else if (html[i + 1] == '/') {
            depth = std::max(0, depth - 1);
        } else if (std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
            std::size_t end = i + 1;
            while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
            std::string name = text::to_lower_ascii(html.substr(i + 1, end - i - 1));
            std::size_t close = html.find('>', end);
            bool self_closing = close != std::string_view::npos && close > 0 && html[close - 1] == '/';
            if (name == "script" || name == "style") {
                i = html.find("</" + name, end);  // their content is not markup
                if (i == std::string_view::npos) break;
            } else if (!void_elements.count(name) && !self_closing) {
                deepest = std::max(deepest, ++depth);
            }
        }
    }
    return deepest;
}

// Deepest element nesting of a tree, counted up to kMaxHtmlDepth + 1 (without recursion).
int nesting_depth(const GumboNode* root) {
    int depth = 0;
    for (const GumboNode* n = root; n && n->type == GUMBO_NODE_ELEMENT && depth <= kMaxHtmlDepth; ++depth) {
        const GumboVector& children = n->v.element.children;
        const GumboNode* next = nullptr;
        for (unsigned i = 0; i < children.length && !next; ++i) {
            auto* c = static_cast<const GumboNode*>(children.data[i]);
            if (c->type == GUMBO_NODE_ELEMENT && c->v.element.children.length) next = c;
        }
        n = next;
    }
    return depth;
}

void find_meta(const GumboNode* node, Article& a, std::string& og_title, int depth = 0) {
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxHtmlDepth) return;
    if (node->v.element.tag == GUMBO_TAG_META) {
        const GumboVector* attrs = &node->v.element.attributes;
        const GumboAttribute* name = gumbo_get_attribute(attrs, "name");
        if (!name) name = gumbo_get_attribute(attrs, "property");
        const GumboAttribute* content = gumbo_get_attribute(attrs, "content");
        if (name && content) {
            std::string key = text::to_lower_ascii(name->value);
            if (a.date.empty() && (key == "date" || key == "article:published_time" || key == "pubdate" ||
                                   key == "publish-date" || key == "dc.date" || key == "og:published_time"))
                a.date = text::normalize_date(content->value);
            else if (key == "og:title") og_title = content->value;
            else if (key == "og:url" && a.url.empty()) a.url = content->value;
        }
    }
    if (node->v.element.tag == GUMBO_TAG_TIME && a.date.empty()) {
        if (const GumboAttribute* dt = gumbo_get_attribute(&node->v.element.attributes, "datetime"))
            a.date = text::normalize_date(dt->value);
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
        find_meta(static_cast<const GumboNode*>(children.data[i]), a, og_title, depth + 1);
}

std::string tidy_body(std::string body) {
    // Collapse the paragraph breaks the walkers added into single blank lines.
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

// Maps one JSON record to an article; false (and a reason) when it has no text.
bool article_from_json(const nlohmann::json& j, const std::string& path, const std::string& fallback_id,
                       Article& a, std::string& reason) {
    if (!j.is_object()) {
        reason = "not a JSON object";
        return false;
    }
    auto field = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys) {
            auto it = j.find(k);
            if (it == j.end() || it->is_null()) continue;
            if (it->is_string()) return it->get<std::string>();
            if (it->is_number()) return it->dump();
        }
        return {};
    };
    a.path = path;
    std::string id = field({"id", "_id"});
    a.id = path + "#" + (id.empty() ? fallback_id : id);
    a.title = text::collapse_space(field({"title", "headline"}));
    a.body = field({"text", "body", "content"});
    a.date = text::normalize_date(field({"date", "published", "published_at"}));
    a.url = field({"url", "link"});
    a.source = field({"source"});
    if (a.title.empty() && text::trim(a.body).empty()) {
        reason = "no title and no text/body/content field";
        return false;
    }
    return true;
}

// UTF-16 text with a byte-order mark, as UTF-8 (unpaired surrogates become U+FFFD).
std::string utf16_to_utf8(std::string_view in, bool little_endian) {
    std::string out;
    out.reserve(in.size());
    auto unit = [&](std::size_t i) {
        auto a = static_cast<unsigned char>(in[i]), b = static_cast<unsigned char>(in[i + 1]);
        return static_cast<char32_t>(little_endian ? (a | b << 8) : (a << 8 | b));
    };
    auto put = [&](char32_t c) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | c >> 6);
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | c >> 12);
            out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | c >> 18);
            out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
            out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    };
    for (std::size_t i = 2; i + 1 < in.size(); i += 2) {
        char32_t c = unit(i);
        if (c >= 0xD800 && c < 0xDC00 && i + 3 < in.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
            put(0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00));
            i += 2;
        } else if (c >= 0xD800 && c < 0xE000) {
            put(0xFFFD);
        } else {
            put(c);
        }
    }
    return out;
}

// Cuts text to at most `max` bytes, at a UTF-8 character boundary.
void cut_utf8(std::string& s, std::size_t max) {
    if (s.size() <= max) return;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s.resize(end);
}

}  // namespace

Format format_of(std::string_view path) {
    std::string ext = text::to_lower_ascii(std::filesystem::path(path).extension().string());
    if (ext == ".md" || ext == ".markdown") return Format::Markdown;
    if (ext == ".txt") return Format::Text;
    if (ext == ".html" || ext == ".htm") return Format::Html;
    if (ext == ".json") return Format::Json;
    if (ext == ".jsonl" || ext == ".ndjson") return Format::JsonLines;
    return Format::Unsupported;
}

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

ReadResult read_html(const std::string& path, std::string_view content) {
    ReadResult r;
    if (int depth = markup_depth(content); depth > 20 * kMaxHtmlDepth) {
        r.error = "HTML nested " + std::to_string(depth) + " levels deep (more than " +
                  std::to_string(20 * kMaxHtmlDepth) + ")";
        return r;
    }
    // Stop parsing pathological markup (thousands of unclosed tags) early: the
    // HTML5 algorithm gets slow on it, and a real page has far fewer errors.
    static const GumboOptions options = [] {
        GumboOptions o = kGumboDefaultOptions;
        o.max_errors = 5000;
        return o;
    }();
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
        gumbo_parse_with_options(&options, content.data(), content.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&options, o); });
    Article a;
    a.path = a.id = path;
    std::string og_title;
    find_meta(doc->root, a, og_title);
    // The article itself when the page marks it; else the whole body minus page chrome.
    const GumboNode* root = find_element(doc->root, GUMBO_TAG_ARTICLE);
    if (!root) root = find_element(doc->root, GUMBO_TAG_MAIN);
    bool whole_page = !root;
    if (!root) root = find_element(doc->root, GUMBO_TAG_BODY);
    if (!root) root = doc->root;
    std::string body;
    html_text(root, body, whole_page);
    a.body = tidy_body(body);
    // The headline: og:title, else the article's <h1>, else <title> (which often
    // carries the site name too).
    a.title = text::collapse_space(og_title);
    for (auto [where, tag] : {std::pair{root, GUMBO_TAG_H1}, std::pair{static_cast<const GumboNode*>(doc->root), GUMBO_TAG_TITLE}}) {
        if (!a.title.empty()) break;
        if (const GumboNode* node = find_element(where, tag)) {
            std::string t;
            html_text(node, t, false);
            a.title = text::collapse_space(t);
        }
    }
    if (nesting_depth(doc->root) > kMaxHtmlDepth)
        r.warnings.push_back("HTML nested more than " + std::to_string(kMaxHtmlDepth) +
                             " levels deep: the deeper text was not read");
    if (a.title.empty() && a.body.empty()) {
        r.error = "no visible text";
        return r;
    }
    if (a.title.empty()) a.title = file_stem(path);
    r.articles.push_back(std::move(a));
    return r;
}

ReadResult read_json(const std::string& path, std::string_view content) {
    ReadResult r;
    nlohmann::json j = nlohmann::json::parse(content, nullptr, false);
    if (j.is_discarded()) {
        r.error = "invalid JSON";
        return r;
    }
    std::vector<nlohmann::json> records;
    if (j.is_array()) records.assign(j.begin(), j.end());
    else records.push_back(std::move(j));
    for (std::size_t i = 0; i < records.size(); ++i) {
        Article a;
        std::string reason;
        if (article_from_json(records[i], path, "R" + std::to_string(i + 1), a, reason))
            r.articles.push_back(std::move(a));
        else
            r.warnings.push_back("record " + std::to_string(i + 1) + ": " + reason);
    }
    if (r.articles.empty() && r.error.empty()) r.error = "no article records";
    return r;
}

ReadResult read_jsonl(const std::string& path, std::string_view content) {
    ReadResult r;
    std::size_t pos = 0, line_no = 0;
    while (pos < content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string_view line = content.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (text::trim(line).empty()) continue;
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        Article a;
        std::string reason = "invalid JSON";
        if (!j.is_discarded() && article_from_json(j, path, "L" + std::to_string(line_no), a, reason))
            r.articles.push_back(std::move(a));
        else
            r.warnings.push_back("line " + std::to_string(line_no) + ": " + reason);
    }
    if (r.articles.empty()) r.error = r.warnings.empty() ? "empty file" : "no valid lines";
    return r;
}

ReadResult read(Format format, const std::string& path, std::string content) {
    ReadResult r;
    if (text::trim(content).empty()) {
        r.error = "empty file";
        return r;
    }
    std::vector<std::string> notes;
    if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);  // UTF-8 byte-order mark
    if (content.rfind("\xFF\xFE", 0) == 0 || content.rfind("\xFE\xFF", 0) == 0) {
        content = utf16_to_utf8(content, content[0] == '\xFF');
        notes.push_back("UTF-16 text converted to UTF-8");
    }
    if (text::looks_binary(content)) {
        r.error = "binary file (NUL bytes)";
        return r;
    }
    // Keep the valid text of a file with a few bad bytes rather than drop the article.
    if (std::size_t bad = text::repair_utf8(content))
        notes.push_back("invalid UTF-8: " + std::to_string(bad) + " byte(s) replaced by U+FFFD");
    switch (format) {
        case Format::Markdown: r = read_markdown(path, content); break;
        case Format::Text: r = read_text(path, content); break;
        case Format::Html: r = read_html(path, content); break;
        case Format::Json: r = read_json(path, content); break;
        case Format::JsonLines: r = read_jsonl(path, content); break;
        case Format::Unsupported: r.error = "unsupported file type"; break;
    }
    for (auto& a : r.articles) {
        // NFC before anything reads the text: extraction, terms and stored text see one form of each word.
        a.title = analysis::nfc(std::move(a.title));
        a.body = analysis::nfc(std::move(a.body));
        if (a.body.size() > kMaxBodyBytes) {
            cut_utf8(a.body, kMaxBodyBytes);
            notes.push_back("article text longer than " + std::to_string(kMaxBodyBytes >> 20) +
                            " MB: only its beginning is indexed");
        }
        cut_utf8(a.title, 1000);
    }
    r.warnings.insert(r.warnings.begin(), notes.begin(), notes.end());
    return r;
}

}  // namespace docket::readers
