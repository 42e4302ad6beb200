// The indexer's read step: readers turn a file's bytes into articles, one reader
// per format (.md, .txt, .html, .json, .jsonl). Pure functions: no I/O here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace docket::readers {

struct ReadResult {
    std::vector<Article> articles;
    std::vector<std::string> warnings;  // problems that did not stop the file (bad JSON line, bad bytes)
    std::string error;                  // non-empty: the whole file was skipped, and why
};

enum class Format { Markdown, Text, Html, Json, JsonLines, Unsupported };

// Longest article text indexed; the rest of a longer one is dropped with a warning.
inline constexpr std::size_t kMaxBodyBytes = 8u << 20;

// The format for a path, by its extension (case-insensitive).
Format format_of(std::string_view path);

// Reads `content` (the whole file) as `format`. UTF-16 with a byte-order mark is
// converted, invalid UTF-8 bytes are replaced (with a warning), binary files are refused;
// titles and texts come out in Unicode NFC. `path` becomes the article path
// and id (for .json/.jsonl: path + "#" + the record's id, or "#L<line>").
ReadResult read(Format format, const std::string& path, std::string content);

// The individual readers, exposed for tests.
ReadResult read_markdown(const std::string& path, std::string_view content);
ReadResult read_text(const std::string& path, std::string_view content);
ReadResult read_html(const std::string& path, std::string_view content);
ReadResult read_json(const std::string& path, std::string_view content);
ReadResult read_jsonl(const std::string& path, std::string_view content);

// Markdown to plain text: markup dropped, code blocks and code spans left out
// (they are not prose: "$HOME" there is not money).
std::string markdown_to_text(std::string_view markdown);

}  // namespace docket::readers
