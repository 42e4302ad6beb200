#include <catch2/catch.hpp>

#include "readers.h"

using namespace docket;
using namespace docket::readers;

TEST_CASE("format_of picks a reader by extension", "[readers]") {
    CHECK(format_of("a/b.md") == Format::Markdown);
    CHECK(format_of("a/b.MD") == Format::Markdown);
    CHECK(format_of("b.txt") == Format::Text);
    CHECK(format_of("b.htm") == Format::Html);
    CHECK(format_of("b.json") == Format::Json);
    CHECK(format_of("b.jsonl") == Format::JsonLines);
    CHECK(format_of("b.pdf") == Format::Unsupported);
    CHECK(format_of("README") == Format::Unsupported);
}

TEST_CASE("markdown: front matter, markup dropped, code left out", "[readers]") {
    auto r = read(Format::Markdown, "/c/a.md",
                  "---\ntitle: \"Meta wins\"\ndate: 2025-06-25\nurl: https://example.com/x\nsource: Docket staff\n---\n"
                  "# Heading\n\nSome **bold** and a [link](https://example.com).\n\n```\necho $HOME\n```\n\n"
                  "Inline `$PATH` code.\n\n- item one\n- item two\n");
    REQUIRE(r.error.empty());
    REQUIRE(r.articles.size() == 1);
    const Article& a = r.articles[0];
    CHECK(a.title == "Meta wins");
    CHECK(a.date == "2025-06-25");
    CHECK(a.url == "https://example.com/x");
    CHECK(a.source == "Docket staff");
    CHECK(a.id == "/c/a.md");
    CHECK(a.body.find("Some bold and a link.") != std::string::npos);
    CHECK(a.body.find("item two") != std::string::npos);
    CHECK(a.body.find("$HOME") == std::string::npos);
    CHECK(a.body.find("$PATH") == std::string::npos);
    CHECK(a.body.find("**") == std::string::npos);
}

TEST_CASE("markdown without front matter takes the first line as title", "[readers]") {
    auto r = read(Format::Markdown, "/c/a.md", "# A headline\n\nBody text.\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "A headline");
    CHECK(r.articles[0].body == "Body text.");
}

TEST_CASE("text: first line title, optional date line", "[readers]") {
    auto r = read(Format::Text, "/c/a.txt", "The title\n2024-03-04\n\nFirst paragraph.\n\nSecond.\n");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "The title");
    CHECK(r.articles[0].date == "2024-03-04");
    CHECK(r.articles[0].body == "First paragraph.\n\nSecond.");
    auto no_date = read(Format::Text, "/c/b.txt", "Title\nBody line.\n");
    CHECK(no_date.articles[0].date.empty());
    CHECK(no_date.articles[0].body == "Body line.");
}

TEST_CASE("html: headline and visible article text only", "[readers]") {
    const std::string page = R"(<!DOCTYPE html><html><head><title>Site | Headline</title>
<meta name="date" content="2025-02-11"><style>.x{color:red}</style>
<script>var promo = "Apple $999 zzscriptsentinel";</script></head>
<body><nav><a href="/">Home zznavsentinel</a></nav><header>Site name zzheadersentinel</header>
<article><h1>The real headline</h1><p>First &amp; foremost, &euro;5 million.</p><p>Second paragraph.</p>
<aside>Related zzasidesentinel</aside></article>
<footer>&copy; zzfootersentinel</footer></body></html>)";
    auto r = read(Format::Html, "/c/p.html", page);
    REQUIRE(r.error.empty());
    REQUIRE(r.articles.size() == 1);
    const Article& a = r.articles[0];
    CHECK(a.title == "The real headline");
    CHECK(a.date == "2025-02-11");
    CHECK(a.body.find("First & foremost, \xE2\x82\xAC" "5 million.") != std::string::npos);
    CHECK(a.body.find("Second paragraph.") != std::string::npos);
    for (const char* hidden : {"zzscriptsentinel", "zznavsentinel", "zzheadersentinel", "zzasidesentinel",
                               "zzfootersentinel", "color:red", "$999"}) {
        INFO(hidden);
        CHECK(a.body.find(hidden) == std::string::npos);
    }
}

TEST_CASE("html: article:published_time and <title> fallback", "[readers]") {
    auto r = read(Format::Html, "/c/p.html",
                  "<html><head><title>Only title</title><meta property=\"article:published_time\" "
                  "content=\"2025-01-24T09:00:00Z\"></head><body><p>Text.</p></body></html>");
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Only title");
    CHECK(r.articles[0].date == "2025-01-24");
    CHECK(r.articles[0].body == "Text.");
}

TEST_CASE("jsonl: one article per line, bad lines warned, good lines kept", "[readers]") {
    auto r = read(Format::JsonLines, "/c/w.jsonl",
                  "{\"id\":\"w1\",\"title\":\"One\",\"text\":\"Body one\",\"date\":\"2025-01-02\",\"url\":\"https://e.com\"}\n"
                  "{not json}\n"
                  "\n"
                  "{\"_id\":\"42\",\"title\":\"Two\",\"body\":\"Body two\"}\n"
                  "{\"title\":\"Three\",\"content\":\"Body three\"}\n"
                  "{\"other\":1}\n");
    REQUIRE(r.error.empty());
    REQUIRE(r.articles.size() == 3);
    CHECK(r.articles[0].id == "/c/w.jsonl#w1");
    CHECK(r.articles[0].date == "2025-01-02");
    CHECK(r.articles[0].url == "https://e.com");
    CHECK(r.articles[1].id == "/c/w.jsonl#42");
    CHECK(r.articles[1].body == "Body two");
    CHECK(r.articles[2].id == "/c/w.jsonl#L5");
    CHECK(r.articles[2].body == "Body three");
    REQUIRE(r.warnings.size() == 2);
    CHECK(r.warnings[0].find("line 2") != std::string::npos);
    CHECK(r.warnings[1].find("line 6") != std::string::npos);
}

TEST_CASE("json: an object or an array of objects", "[readers]") {
    auto one = read(Format::Json, "/c/a.json", R"({"title":"T","text":"B"})");
    REQUIRE(one.articles.size() == 1);
    CHECK(one.articles[0].id == "/c/a.json#R1");
    auto many = read(Format::Json, "/c/b.json", R"([{"id":"x","title":"T1","text":"B"},{"title":"T2","body":"B"}])");
    CHECK(many.articles.size() == 2);
    CHECK(read(Format::Json, "/c/c.json", "{broken").error == "invalid JSON");
}

TEST_CASE("broken input: skipped with a reason, or repaired", "[readers]") {
    CHECK(read(Format::Markdown, "/c/e.md", "").error == "empty file");
    CHECK(read(Format::Text, "/c/e.txt", "  \n\n ").error == "empty file");
    CHECK(read(Format::Text, "/c/b.txt", std::string("ab\0cd", 5)).error.find("binary") == 0);
    auto bad_utf8 = read(Format::Text, "/c/u.txt", "Title\nBody \xFF text\n");
    REQUIRE(bad_utf8.articles.size() == 1);  // the valid text is kept
    CHECK(bad_utf8.articles[0].body == "Body \xEF\xBF\xBD text");
    REQUIRE(bad_utf8.warnings.size() == 1);
    CHECK(bad_utf8.warnings[0].find("invalid UTF-8") == 0);
    auto bom = read(Format::Text, "/c/bom.txt", "\xEF\xBB\xBFTitle\nBody\n");
    CHECK(bom.articles[0].title == "Title");
}
