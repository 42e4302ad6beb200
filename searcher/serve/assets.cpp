#include "assets.h"

#include <array>

#include "text/data_lines.h"

// DOCKET_WEB_DIR: searcher/web, set by CMake (which rebuilds this file when one changes).
DOCKET_EMBED_FILE(docket_web_index_html, DOCKET_WEB_DIR "/index.html");
DOCKET_EMBED_FILE(docket_web_app_js, DOCKET_WEB_DIR "/app.js");
DOCKET_EMBED_FILE(docket_web_style_css, DOCKET_WEB_DIR "/style.css");
DOCKET_EMBED_FILE(docket_web_favicon_svg, DOCKET_WEB_DIR "/favicon.svg");

namespace docket::serve {
namespace {

std::string_view bytes(const char* begin, const char* end) { return {begin, static_cast<std::size_t>(end - begin)}; }

}  // namespace

const Asset* find_asset(std::string_view path) {
    static const std::array<Asset, 5> assets{{
        {"/", "text/html; charset=utf-8", bytes(docket_web_index_html, docket_web_index_html_end)},
        {"/index.html", "text/html; charset=utf-8", bytes(docket_web_index_html, docket_web_index_html_end)},
        {"/app.js", "text/javascript; charset=utf-8", bytes(docket_web_app_js, docket_web_app_js_end)},
        {"/style.css", "text/css; charset=utf-8", bytes(docket_web_style_css, docket_web_style_css_end)},
        {"/favicon.svg", "image/svg+xml", bytes(docket_web_favicon_svg, docket_web_favicon_svg_end)},
    }};
    for (const Asset& a : assets)
        if (a.path == path) return &a;
    return nullptr;
}

}  // namespace docket::serve
