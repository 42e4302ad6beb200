#include <catch2/catch.hpp>

#include "text/text.h"

using namespace docket;

TEST_CASE("UTF-8 validation and repair", "[text]") {
    CHECK(text::is_valid_utf8("plain ascii"));
    CHECK(text::is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC 5"));
    CHECK_FALSE(text::is_valid_utf8("bad \xFF byte"));
    CHECK_FALSE(text::is_valid_utf8("truncated \xE2\x82"));
    CHECK_FALSE(text::is_valid_utf8("surrogate \xED\xA0\x80"));
    CHECK_FALSE(text::is_valid_utf8("overlong \xC0\xAF"));

    std::string s = "ok \xFF ok";
    CHECK(text::repair_utf8(s) == 1);
    CHECK(s == "ok \xEF\xBF\xBD ok");
    std::string good = "fine";
    CHECK(text::repair_utf8(good) == 0);
}

TEST_CASE("shorten cuts at a character boundary and marks the cut", "[text]") {
    CHECK(text::shorten("short", 80) == "short");
    CHECK(text::shorten("exactly", 7) == "exactly");
    CHECK(text::shorten("one more", 7) == "one mor...");
    CHECK(text::shorten("", 0) == "");
    CHECK(text::shorten("abc", 0) == "...");
    // "cafÃ©s": the cut after 4 characters keeps both bytes of the accented e.
    CHECK(text::shorten("caf\xC3\xA9s", 4) == "caf\xC3\xA9...");
    CHECK(text::shorten("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 2) == "\xE2\x82\xAC\xE2\x82\xAC...");
}

TEST_CASE("tokenize keeps names whole and splits punctuation", "[text]") {
    struct Row {
        std::string input;
        std::vector<std::string> tokens;
    };
    const std::vector<Row> rows = {
        {"AT&T and Character.AI", {"AT&T", "and", "Character.AI"}},
        {"Meta's model", {"Meta", "'", "s", "model"}},
        {"Meta\xE2\x80\x99s model", {"Meta", "\xE2\x80\x99", "s", "model"}},
        {"meta-analysis", {"meta-analysis"}},
        {"Inc. v. Meta", {"Inc", ".", "v", ".", "Meta"}},
        {"\xE2\x82\xAC" "600m", {"\xE2\x82\xAC", "600m"}},
        {"Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale", {"Soci\xC3\xA9t\xC3\xA9", "G\xC3\xA9n\xC3\xA9rale"}},
        {"a\xC2\xA0" "b", {"a", "b"}},  // no-break space separates
        {"", {}},
    };
    for (const auto& row : rows) {
        INFO(row.input);
        std::vector<std::string> got;
        for (const auto& t : text::tokenize(row.input)) got.push_back(row.input.substr(t.begin, t.end - t.begin));
        CHECK(got == row.tokens);
    }
}

TEST_CASE("normalize_date accepts common news date forms", "[text]") {
    struct Row {
        const char* input;
        const char* expected;
    };
    const Row rows[] = {
        {"2025-03-21", "2025-03-21"},
        {"2025-01-24T09:00:00Z", "2025-01-24"},
        {"\"2024-12-17\"", "2024-12-17"},
        {"March 21, 2025", "2025-03-21"},
        {"21 March 2025", "2025-03-21"},
        {"Mar. 3 2024", "2024-03-03"},
        {"26-FEB-1987 15:01:01.79", "1987-02-26"},
        // near-misses
        {"2025-13-01", ""},
        {"yesterday", ""},
        {"2025", ""},
        {"March 2025", ""},
        {"", ""},
    };
    for (const auto& row : rows) {
        INFO(row.input);
        CHECK(text::normalize_date(row.input) == row.expected);
    }
}

TEST_CASE("printable makes control characters visible and keeps the rest", "[text]") {
    struct Row {
        std::string input, expected;
    };
    const std::vector<Row> rows = {
        {"plain text", "plain text"},
        {"caf\xC3\xA9 \xE2\x82\xAC 5 \xC2\xA3", "caf\xC3\xA9 \xE2\x82\xAC 5 \xC2\xA3"},  // near-miss: \xC2\xA3 (£) is no C1 control
        {"clear\x1b[2Jscreen", "clear^[[2Jscreen"},
        {"title\x1b]0;pwned\x07", "title^[]0;pwned^G"},
        {"back\x08\x08space", "back^H^Hspace"},
        {"del\x7f", "del^?"},
        {"csi \xC2\x9B" "31m", "csi \xEF\xBF\xBD" "31m"},
        {"tab\there\nline\r", "tab here line "},
        {std::string("nul\0byte", 8), "nul^@byte"},
        {"", ""},
    };
    for (const auto& row : rows) {
        INFO(row.input);
        CHECK(text::printable(row.input) == row.expected);
    }
}
