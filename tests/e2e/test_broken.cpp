// Bad input: every file of tests/broken/ plus generated ones (huge, deep, odd
// names, symlinks) is skipped with a warning naming it, or indexed with one;
// the run finishes and nothing else is lost.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "run.h"

using namespace e2e;

TEST_CASE("broken inputs are skipped or repaired with a warning naming the file", "[broken]") {
    TempDir dir;
    auto docs = dir.path() / "broken";
    std::filesystem::copy(DOCKET_BROKEN, docs, std::filesystem::copy_options::recursive);
    {
        std::ofstream huge(docs / "huge-single-line.txt", std::ios::binary);  // 100 MB, one line
        std::string chunk;
        for (int i = 0; i < 1000; ++i) chunk += "zzhuge" + std::to_string(i % 10) + " ";
        for (std::size_t written = 0; written < 100u << 20; written += chunk.size()) huge << chunk;
    }
    {
        std::ofstream repeated(docs / "repeated-word.md");
        repeated << "---\ntitle: One word zzrepeattitle\n---\n";
        for (int i = 0; i < (1 << 20) / 9; ++i) repeated << "zzrepeat ";
    }
    {
        std::ofstream deep(docs / "deep.html");
        deep << "<html><body>";
        for (int i = 0; i < 100000; ++i) deep << "<div>";
        deep << "zzdeeptext";
        for (int i = 0; i < 100000; ++i) deep << "</div>";
        deep << "</body></html>";
    }
    std::filesystem::create_symlink(docs / "does-not-exist.md", docs / "broken-link.md");
    std::filesystem::create_symlink(docs / "loop-b.md", docs / "loop-a.md");
    std::filesystem::create_symlink(docs / "loop-a.md", docs / "loop-b.md");
    std::filesystem::create_directory_symlink(docs, docs / "dir-loop");  // directory symlinks are not followed
    std::ofstream(docs / "line\nbreak.md") << "---\ntitle: zznewlinename\n---\nOpenAI.\n";
    std::ofstream(docs / "bad\xff-name.md") << "---\ntitle: zznonutf8name\n---\nOpenAI.\n";
    std::ofstream(docs / "unreadable.md") << "---\ntitle: zzunreadable\n---\nOpenAI.\n";
    std::filesystem::permissions(docs / "unreadable.md", std::filesystem::perms::none);

    std::string db = (dir.path() / "db").string();
    Result r = indexer({"--db", db, docs.string()});
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.code == 1);  // finished, and says that something was skipped
    for (const char* warning : {
             "empty.md: skipped: empty file", "whitespace-only.txt: skipped: empty file",
             "binary.txt: skipped: binary file", "invalid-utf8.md: invalid UTF-8",
             "utf16-bom.txt: UTF-16 text converted", "malformed.jsonl: line 2: invalid JSON",
             "malformed.jsonl: line 4: not a JSON object", "broken.json: skipped: invalid JSON",
             "no-text.html: skipped: no visible text", "deep.html: skipped: HTML nested",
             "broken-link.md: broken symbolic link", "loop-a.md: symbolic link loop",
             "loop-b.md: symbolic link loop"}) {
        INFO(warning);
        CHECK(r.err.find(warning) != std::string::npos);
    }
    if (geteuid() != 0)  // root reads any file
        CHECK(r.err.find("unreadable.md: skipped: cannot open file") != std::string::npos);

    // What could be read is searchable; what could not, or was not text, is not.
    for (const char* present : {"zzinvalidutf8", "zzutf16title", "zzgoodline1", "zzgoodline2", "zzlongword", "zzspaces",
                                "zzrepeattitle", "zzhuge3", "zznewlinename", "zznonutf8name"}) {
        INFO(present);
        CHECK(searcher({"--db", db, present}).code == 0);
    }
    for (const char* absent : {"zzbrokenjson", "zzscriptonly", "zzdeeptext"}) {
        INFO(absent);
        CHECK(searcher({"--db", db, absent}).code == 1);
    }
    // A second run over the same input changes nothing and loses nothing.
    Result again = indexer({"--db", db, docs.string()});
    CHECK(again.out.find("indexed 0, updated 0,") != std::string::npos);
    CHECK(searcher({"--db", db, "zzgoodline2"}).code == 0);
}
