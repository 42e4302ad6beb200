// HTML (.html, .htm) through gumbo: the text of <article> or <main> (else the
// page minus its chrome), the headline from og:title, <h1> or <title>, the date
// from meta tags or <time>; markup nested absurdly deep is refused before parsing.
#include "readers.h"

#include <gumbo.h>

#include <memory>
#include <set>
#include <string_view>

#include "readers/shared.h"
#include "text/text.h"

namespace docket::readers {
using namespace detail;

namespace {

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

}  // namespace

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

}  // namespace docket::readers
