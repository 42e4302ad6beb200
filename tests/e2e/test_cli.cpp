// Command-line contract: --help, bad flags, bad queries, missing or
// incompatible indexes, exit codes (0 hits, 1 none, 2 error).
#include <catch2/catch.hpp>

#include <unistd.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "run.h"

using namespace e2e;

namespace {

// A tiny index shared by the CLI tests.
struct SmallIndex {
    TempDir dir;
    std::string db = (dir.path() / "db").string();
    SmallIndex() {
        std::filesystem::create_directory(dir.path() / "docs");
        std::ofstream(dir.path() / "docs" / "a.md") << "---\ntitle: Meta sues nobody\ndate: 2025-01-01\n---\n"
                                                       "Meta said revenue sharing with AWS continues.\n";
        Result r = indexer({"--db", db, (dir.path() / "docs").string()});
        REQUIRE(r.code == 0);
    }
};

}  // namespace

TEST_CASE("--help prints usage and exits 0", "[cli]") {
    Result s = searcher({"--help"});
    CHECK(s.code == 0);
    CHECK(s.out.find("--company") != std::string::npos);
    CHECK(s.out.find("--json") != std::string::npos);
    Result i = indexer({"--help"});
    CHECK(i.code == 0);
    CHECK(i.out.find("--db") != std::string::npos);
    CHECK(i.out.find("--extract") != std::string::npos);
}

TEST_CASE("version: --version names the program, the project version, the index schema and Xapian", "[cli]") {
    const std::string tail = " " + std::string(DOCKET_VERSION) + " (index schema " + DOCKET_SCHEMA_VERSION + ", Xapian " +
                             Xapian::version_string() + ")\n";
    Result s = searcher({"--version"});
    CHECK(s.code == 0);
    CHECK(s.out == "docket searcher" + tail);
    Result i = indexer({"--version"});
    CHECK(i.code == 0);
    CHECK(i.out == "docket indexer" + tail);
}

TEST_CASE("messages and usage name the program as it was run (docket-search, or searcher in the build tree)", "[cli]") {
    TempDir dir;
    const auto link = dir.path() / "docket-search";
    std::filesystem::create_symlink(DOCKET_SEARCHER, link);
    Result bad = run(link.string(), {"--bogus"});
    CHECK(bad.code == 2);
    CHECK(bad.err.rfind("docket-search: error: ", 0) == 0);
    CHECK(bad.err.find("see docket-search --help") != std::string::npos);
    CHECK(run(link.string(), {"--help"}).out.find("Usage: docket-search [OPTIONS]") != std::string::npos);
    CHECK(run(link.string(), {"serve", "--help"}).out.find("Usage: docket-search serve [OPTIONS]") != std::string::npos);
    Result serve_bad = run(link.string(), {"serve"});
    CHECK(serve_bad.err.rfind("docket-search serve: error: ", 0) == 0);
    Result in_tree = searcher({"--bogus"});
    CHECK(in_tree.err.rfind("searcher: error: ", 0) == 0);
}

TEST_CASE("bad flags and missing arguments: one line, exit 2", "[cli]") {
    check_one_line_error(searcher({"--db", "x", "--bogus", "q"}), "--bogus");
    check_one_line_error(searcher({"llama"}), "--db");
    check_one_line_error(indexer({"corpus"}), "--db");
    check_one_line_error(indexer({"--db", "x"}), "paths");
    check_one_line_error(searcher({"--db", "x", "--sort", "sideways", "q"}), "--sort");
}

TEST_CASE("missing index: one line naming it, exit 2", "[cli]") {
    check_one_line_error(searcher({"--db", "/nonexistent/docket-db", "llama"}), "/nonexistent/docket-db");
}

TEST_CASE("exit codes: 0 with hits, 1 without", "[cli]") {
    SmallIndex idx;
    CHECK(searcher({"--db", idx.db, "revenue"}).code == 0);
    Result none = searcher({"--db", idx.db, "zebra"});
    CHECK(none.code == 1);
    CHECK(none.out.find("No matches") != std::string::npos);
    Result json_none = searcher({"--db", idx.db, "--json", "zebra"});
    CHECK(json_none.code == 1);
    CHECK(json_none.out.find("\"total\": 0") != std::string::npos);
}

TEST_CASE("malformed queries and filters: one line, exit 2", "[cli]") {
    SmallIndex idx;
    check_one_line_error(searcher({"--db", idx.db, "\"revenue sharing"}), "unbalanced");
    check_one_line_error(searcher({"--db", idx.db, "(revenue"}), "'('");
    check_one_line_error(searcher({"--db", idx.db, "revenue AND"}), "AND");
    check_one_line_error(searcher({"--db", idx.db, "--amount-min", "lots", "revenue"}), "--amount-min");
    check_one_line_error(searcher({"--db", idx.db, "--from", "soon", "revenue"}), "--from");
    check_one_line_error(searcher({"--db", idx.db, "--case", "Kadrey", "revenue"}), "Kadrey");
}

TEST_CASE("an index from another schema version is refused", "[cli]") {
    SmallIndex idx;
    {
        Xapian::WritableDatabase db(idx.db);
        db.set_metadata("docket.schema", "999");
        db.commit();
    }
    check_one_line_error(searcher({"--db", idx.db, "revenue"}), "re-index");
    Result i = indexer({"--db", idx.db, (idx.dir.path() / "docs").string()});
    check_one_line_error(i, "re-index");
}

TEST_CASE("a locked index gives a clear error, not a crash", "[cli]") {
    SmallIndex idx;
    Xapian::WritableDatabase holder(idx.db);  // holds the write lock
    check_one_line_error(indexer({"--db", idx.db, (idx.dir.path() / "docs").string()}), "locked by another indexer");
    // Searching still works while the writer holds the lock.
    CHECK(searcher({"--db", idx.db, "revenue"}).code == 0);
}

TEST_CASE("a broken file is skipped with a warning naming it and the run goes on", "[cli]") {
    TempDir dir;
    auto docs = dir.path() / "docs";
    std::filesystem::create_directory(docs);
    std::ofstream(docs / "good.md") << "---\ntitle: Good one\n---\nGroq raised money.\n";
    std::ofstream(docs / "empty.md");
    std::ofstream(docs / "bin.txt") << std::string("\x7f" "ELF\0\0\0binary", 13);
    std::ofstream(docs / "notes.pdf") << "not read";
    std::ofstream(docs / "mixed.jsonl") << "{\"id\":\"1\",\"title\":\"Line one\",\"text\":\"Databricks\"}\n{oops\n";
    std::string db = (dir.path() / "db").string();
    Result r = indexer({"--db", db, docs.string()});
    INFO(r.out << r.err);
    CHECK(r.code == 1);  // something was skipped
    CHECK(r.err.find("empty.md: skipped: empty file") != std::string::npos);
    CHECK(r.err.find("bin.txt: skipped: binary") != std::string::npos);
    CHECK(r.err.find("mixed.jsonl: line 2: invalid JSON") != std::string::npos);
    CHECK(r.out.find("indexed 2,") != std::string::npos);
    CHECK(r.out.find("(1 unsupported, 2 broken)") != std::string::npos);
    CHECK(searcher({"--db", db, "title:line"}).code == 0);
    CHECK(searcher({"--db", db, "title:good"}).code == 0);
}

namespace {

std::string repeated(const std::string& word, std::size_t times) {
    std::string q;
    for (std::size_t i = 0; i < times; ++i) q += (i ? " " : "") + word;
    return q;
}

}  // namespace

TEST_CASE("query limits: 10,000 bytes and 1,000 words, over them one line naming the limit, exit 2", "[cli]") {
    SmallIndex idx;
    check_one_line_error(searcher({"--db", idx.db, repeated("revenue", 1300)}), "the limit is 10000 bytes");
    check_one_line_error(searcher({"--db", idx.db, repeated("aws", 1001)}), "the limit is 1000 words");
    check_one_line_error(searcher({"--db", idx.db, repeated("open-source", 501)}), "the limit is 1000 words");
    // Just under both: 1,000 words in 9,999 bytes.
    const std::string longest = repeated("continues", 1000);
    REQUIRE(longest.size() == 9999);
    Result ok = searcher({"--db", idx.db, longest});
    INFO("stderr: " << ok.err);
    CHECK(ok.code == 0);
    CHECK(ok.err.empty());
    // The header echoes the first 80 characters; --json keeps the whole query.
    const std::string header = ok.out.substr(0, ok.out.find('\n'));
    CHECK(header == "1 match for \"" + longest.substr(0, 80) + "...\" (showing 1-1)");
    Result json = searcher({"--db", idx.db, "--json", longest});
    CHECK(json.code == 0);
    CHECK(nlohmann::json::parse(json.out)["query"] == longest);
    Result none = searcher({"--db", idx.db, repeated("zebra", 100)});
    CHECK(none.code == 1);
    CHECK(none.out.find("No matches for \"" + repeated("zebra", 13) + " ze...\".") != std::string::npos);
    Result typo = searcher({"--db", idx.db, repeated("contnues", 100)});
    CHECK(typo.out.rfind("Did you mean: " + longest.substr(0, 80) + "...\n", 0) == 0);
    // A malformed long query's error shows the same 80 characters.
    check_one_line_error(searcher({"--db", idx.db, repeated("continues", 100) + " AND"}),
                         "malformed query '" + longest.substr(0, 80) + "...'");
}

TEST_CASE("query limits in --batch: a query over them is an error naming its id, before any query runs", "[cli]") {
    SmallIndex idx;
    const auto queries = idx.dir.path() / "queries.jsonl";
    std::ofstream(queries) << "{\"_id\": \"short\", \"text\": \"revenue\"}\n"
                           << "{\"_id\": \"q-long\", \"text\": \"" << repeated("revenue", 1300) << "\"}\n";
    const auto run_file = idx.dir.path() / "run.trec";
    Result r = searcher({"--db", idx.db, "--batch", queries.string(), "--run", run_file.string()});
    check_one_line_error(r, "line 2, query q-long: query too long: 10399 bytes, the limit is 10000 bytes");
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(run_file));
    std::ofstream(queries) << "{\"_id\": \"q-most\", \"text\": \"" << repeated("continues", 1000) << "\"}\n";
    Result ok = searcher({"--db", idx.db, "--batch", queries.string(), "--run", "-"});
    INFO("stderr: " << ok.err);
    CHECK(ok.code == 0);
    CHECK(ok.out.rfind("q-most Q0 ", 0) == 0);
}
