#include "text/text.h"

#include <array>
#include <cctype>
#include <charconv>
#include <algorithm>
#include <cstdio>

namespace docket::text {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    return len;
}

// By arithmetic: what std::isalnum says in the "C" locale the programs run in, without a call per byte.
bool is_ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::size_t repair_utf8(std::string& s) {
    if (is_valid_utf8(s)) return 0;
    std::string out;
    out.reserve(s.size() + 16);
    std::size_t replaced = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++replaced;
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    s.swap(out);
    return replaced;
}

bool looks_binary(std::string_view s) {
    return s.substr(0, 8192).find('\0') != std::string_view::npos;
}

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            pending_space = !out.empty();
        } else {
            if (pending_space) out += ' ';
            pending_space = false;
            out += c;
        }
    }
    return out;
}

std::string shorten(std::string_view s, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (chars++ == max_chars) return std::string(s.substr(0, i)) + "...";
    }
    return std::string(s);
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 5);
    const std::size_t n = text.size();
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    // Byte length of the code point starting at k (1 for stray bytes).
    auto cp_len = [&](std::size_t k) -> std::size_t {
        unsigned char c = byte(k);
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return std::min(len, n - k);
    };
    // Letters and digits. Of the non-ASCII lead bytes, C2 holds Latin-1 symbols
    // (NBSP, £, ¥) and E2 holds U+2000..U+2FFF (dashes, quotes, €, arrows):
    // neither is part of a word.
    auto is_word_cp = [&](std::size_t k) {
        unsigned char c = byte(k);
        if (c < 0x80) return is_ascii_alnum(c);
        return c >= 0xC3 && c != 0xE2;
    };
    auto is_space_cp = [&](std::size_t k) {
        return std::isspace(byte(k)) || (byte(k) == 0xC2 && k + 1 < n && byte(k + 1) == 0xA0);
    };
    bool space = false;
    std::size_t i = 0;
    while (i < n) {
        if (is_space_cp(i)) {
            space = true;
            i += byte(i) == 0xC2 ? 2 : 1;
            continue;
        }
        Token t;
        t.begin = i;
        t.space_before = space;
        space = false;
        if (is_word_cp(i)) {
            t.word = true;
            while (i < n) {
                if (is_word_cp(i)) {
                    i += cp_len(i);
                } else if ((text[i] == '.' || text[i] == '&' || text[i] == '-') && i + 1 < n &&
                           is_ascii_alnum(byte(i + 1)) && is_ascii_alnum(byte(i - 1))) {
                    ++i;
                } else {
                    break;
                }
            }
        } else {
            i += cp_len(i);
        }
        t.end = i;
        tokens.push_back(t);
    }
    return tokens;
}

namespace {

int month_from_name(std::string_view name) {
    static const std::array<std::string_view, 12> months = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    std::string lower = to_lower_ascii(name.substr(0, 3));
    for (std::size_t m = 0; m < months.size(); ++m)
        if (lower == months[m]) return static_cast<int>(m + 1);
    return 0;
}

std::string format_date(int y, int m, int d) {
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

}  // namespace

bool line_break_before(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    return i > 0 && i < tokens.size() &&
           text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end).find('\n') != std::string_view::npos;
}

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\t' || c == '\n' || c == '\r') {
            out += ' ';
        } else if (c < 0x20) {
            out += '^';
            out += static_cast<char>(c + 0x40);
        } else if (c == 0x7f) {
            out += "^?";
        } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
            out += "\xef\xbf\xbd";  // U+0080..U+009F: C1 controls (CSI, OSC...)
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string normalize_date(std::string_view raw) {
    std::string s = trim(raw);
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        s = s.substr(1, s.size() - 2);
    // ISO: YYYY-MM-DD, optionally followed by a time.
    if (s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' && s[7] == '-') {
        int y = 0, m = 0, d = 0;
        auto num = [&](std::size_t pos, std::size_t len, int& out) {
            auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
            return r.ec == std::errc() && r.ptr == s.data() + pos + len;
        };
        if (num(0, 4, y) && num(5, 2, m) && num(8, 2, d) &&
            (s.size() == 10 || s[10] == 'T' || s[10] == ' '))
            return format_date(y, m, d);
        return {};
    }
    // Month-name forms: "March 21, 2025", "21 March 2025", "Mar. 21 2025".
    std::vector<std::string> parts;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cur += c;
        } else if (!cur.empty()) {
            parts.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) parts.push_back(cur);
    // A trailing time ("26-FEB-1987 15:01:01.79", Reuters style) is ignored.
    if (parts.size() > 3 && std::all_of(parts.begin() + 3, parts.end(), [](const std::string& p) {
            return std::all_of(p.begin(), p.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        }))
        parts.resize(3);
    if (parts.size() != 3) return {};
    auto to_int = [](const std::string& p) {
        int v = 0;
        auto r = std::from_chars(p.data(), p.data() + p.size(), v);
        return (r.ec == std::errc() && r.ptr == p.data() + p.size()) ? v : -1;
    };
    if (int m = month_from_name(parts[0]); m && to_int(parts[1]) > 0 && to_int(parts[2]) > 0)
        return format_date(to_int(parts[2]), m, to_int(parts[1]));
    if (int m = month_from_name(parts[1]); m && to_int(parts[0]) > 0 && to_int(parts[2]) > 0)
        return format_date(to_int(parts[2]), m, to_int(parts[0]));
    return {};
}

}  // namespace docket::text
