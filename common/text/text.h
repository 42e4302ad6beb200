// Small UTF-8 and string helpers shared by readers, extractors and printers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docket::text {

// True when s is valid UTF-8.
bool is_valid_utf8(std::string_view s);
// Replaces every invalid UTF-8 sequence by U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& s);
// True when the first bytes look binary (NUL bytes), as opposed to text.
bool looks_binary(std::string_view s);

std::string trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
// Collapses runs of white space to one space and trims.
std::string collapse_space(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
// s cut to its first max_chars characters (code points, never splitting one),
// with "..." added when it was cut: for echoing user input of any length.
std::string shorten(std::string_view s, std::size_t max_chars);

// A word or punctuation token over a UTF-8 text, as byte offsets.
struct Token {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool word = false;     // letters/digits run (may hold inner . & ' - when followed by alnum)
    bool space_before = false;  // white space separates it from the previous token
};

// Splits text into word and punctuation tokens. Words are runs of letters,
// digits and non-ASCII letters, keeping an inner '.', '&' or '-' that sits
// between two alphanumerics ("AT&T", "Character.AI", "meta-analysis").
// Apostrophes and typographic punctuation (U+2000..U+206F) always split.
std::vector<Token> tokenize(std::string_view text);

// True when a line break separates token i-1 from token i (a headline, a list item).
bool line_break_before(std::string_view text, const std::vector<Token>& tokens, std::size_t i);

// Safe to print on a terminal: control characters (C0, DEL, C1) that could
// move the cursor, retitle the window or erase the screen become visible
// caret notation ("^[" for ESC, "^H" for backspace, "^?" for DEL; C1 as U+FFFD);
// tabs and line breaks become a space. Everything else is kept as is.
std::string printable(std::string_view s);

// Normalises a date to "YYYY-MM-DD": accepts ISO dates and date-times,
// "March 21, 2025", "21 March 2025", "Mar 21 2025". Empty when not a date.
std::string normalize_date(std::string_view s);

}  // namespace docket::text
