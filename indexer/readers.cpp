#include "readers.h"

#include <filesystem>

#include "text/analysis.h"
#include "text/text.h"

// The dispatch: a file's format by its extension, the byte-level checks and
// repairs every format shares, then the per-format reader (readers/*.cpp).
namespace docket::readers {
namespace {

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
