// Output: one printer per format. Text for people (colour on a terminal),
// JSON for scripts (schema documented in the README).
#pragma once

#include <ostream>
#include <string_view>

#include "export.h"
#include "saved/saved.h"
#include "search.h"

namespace docket {

// The highlight markers put around matched words in colour (bold red).
inline constexpr std::string_view kHighlightStart = "\x1b[1;31m", kHighlightEnd = "\x1b[0m";

struct TextStyle {
    bool color = false;
    bool explain = false;  // show each hit's explanation
    std::string cwd;  // paths below it are shown relative to it
    bool unicode = false;  // a UTF-8 terminal: bars of block characters, not '#'
};

void print_text(const SearchResult& result, unsigned facet_limit, const TextStyle& style, std::ostream& out);
void print_json(const SearchResult& result, unsigned facet_limit, bool explain, std::ostream& out);

// --list FACET: every value of one facet ("company", "case" or "amount") over
// the matches, most frequent first. Text: "count<TAB>value" lines; JSON: one object.
void print_text_list(const SearchResult& result, const std::string& facet, std::ostream& out);
void print_json_list(const SearchResult& result, const std::string& facet, std::ostream& out);

// Whether the locale (LC_ALL, else LC_CTYPE, else LANG) is UTF-8: block characters can be drawn.
bool utf8_locale();

// --timeline: one line per period (articles, a bar, the amounts per currency), then the undated.
void print_text_timeline(const SearchResult& result, const TextStyle& style, std::ostream& out);

// --summary: per value, its articles, dates, largest amounts and co-mentions.
void print_text_summary(const SearchResult& result, const std::string& kind, std::ostream& out);

// Exports (export.h): the header row (none for JSON lines) and one row per hit: rank, score,
// date, title, path, id, companies, cases, amounts. CSV quotes as RFC 4180 (CRLF line ends);
// TSV turns tabs and line breaks inside a field into spaces.
void print_export_header(ExportFormat format, std::ostream& out);
void print_export_row(ExportFormat format, const Hit& hit, std::ostream& out);

// --saved: each saved search, its new matches (since last checked), when it was checked, and
// its query as options. JSON: {"file", "upto", "saved": [...]} (README "Saved searches";
// /api/saved), "upto" the stamps read before counting (null on remote shards).
void print_text_saved(const std::vector<SavedStatus>& saved, const std::string& file, std::ostream& out);
void print_json_saved(const std::vector<SavedStatus>& saved, const std::string& file, const SeenStamps* upto,
                      std::ostream& out);

}  // namespace docket
