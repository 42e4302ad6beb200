// Index lifecycle on the real binaries: parallel shard builds, touched files,
// gazetteer changes, and runs killed or stopped part-way.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "run.h"
#include "search_json.h"

using namespace e2e;
using nlohmann::json;

namespace {

json search_all(const std::string& db) { return search_json(db); }

// n small articles, each naming a company and an amount.
void write_articles(const std::filesystem::path& dir, std::size_t n) {
    std::filesystem::create_directories(dir);
    for (std::size_t i = 0; i < n; ++i) {
        std::ofstream(dir / ("a" + std::to_string(i) + ".md"))
            << "---\ntitle: Story " << i << "\ndate: 2025-01-01\n---\nNvidia said it would invest $" << (i % 90 + 1)
            << " million in startup number " << i << " zzmarker.\n";
    }
}

Result run_shell(const std::string& script) { return run("/bin/sh", {"-c", script}); }

std::size_t count_of(const std::string& summary, const std::string& what) {
    auto at = summary.find(what + " ");
    return at == std::string::npos ? 0 : std::stoul(summary.substr(at + what.size() + 1));
}

}  // namespace

TEST_CASE("a fresh index built as parallel shards equals a single-writer build", "[lifecycle]") {
    TempDir dir;
    std::filesystem::copy(DOCKET_CORPUS, dir.path() / "corpus", std::filesystem::copy_options::recursive);
    std::string sharded = (dir.path() / "sharded").string(), single = (dir.path() / "single").string();
    Result a = indexer({"--db", sharded, "--jobs", "2", "--files-per-shard", "7", (dir.path() / "corpus").string()});
    Result b = indexer({"--db", single, "--jobs", "1", (dir.path() / "corpus").string()});
    INFO(a.err << b.err);
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    CHECK(a.out.substr(0, a.out.find(" in ")) == b.out.substr(0, b.out.find(" in ")));
    CHECK_FALSE(std::filesystem::exists(sharded + ".docket-build"));
    json x = search_all(sharded), y = search_all(single);
    CHECK(x["total"] == y["total"]);
    CHECK(hit_ids(x) == hit_ids(y));
    CHECK(x["facets"] == y["facets"]);
    // The shard-built index is a normal index: incremental runs work on it.
    Result again = indexer({"--db", sharded, "--jobs", "2", "--files-per-shard", "7", (dir.path() / "corpus").string()});
    CHECK(again.out.find("indexed 0, updated 0, unchanged 58,") != std::string::npos);
}

TEST_CASE("a touched but unchanged file is not re-indexed", "[lifecycle]") {
    TempDir dir;
    write_articles(dir.path() / "docs", 5);
    std::string db = (dir.path() / "db").string();
    REQUIRE(indexer({"--db", db, (dir.path() / "docs").string()}).code == 0);
    std::filesystem::last_write_time(dir.path() / "docs" / "a1.md",
                                     std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
    Result r = indexer({"--db", db, (dir.path() / "docs").string()});
    CHECK(r.out.find("indexed 0, updated 0, unchanged 5,") != std::string::npos);
    // ...and its new mtime is remembered: the next run does not even read it.
    Result r2 = indexer({"--db", db, (dir.path() / "docs").string()});
    CHECK(r2.out.find("unchanged 5,") != std::string::npos);
}

TEST_CASE("a changed gazetteer re-extracts every file", "[lifecycle]") {
    TempDir dir;
    write_articles(dir.path() / "docs", 4);
    std::string db = (dir.path() / "db").string();
    REQUIRE(indexer({"--db", db, (dir.path() / "docs").string()}).code == 0);
    std::ofstream(dir.path() / "extra.tsv") << "Zzmarker Holdings\tzzmarker\n";
    Result r = indexer({"--db", db, "--gazetteer", (dir.path() / "extra.tsv").string(), (dir.path() / "docs").string()});
    CHECK(r.out.find("indexed 0, updated 4,") != std::string::npos);
    CHECK(search_all(db)["facets"]["company"].dump().find("Zzmarker Holdings") != std::string::npos);
    CHECK(searcher({"--db", db, "--company", "zzmarker"}).code == 0);
}

TEST_CASE("SIGKILL at any moment leaves a readable index and the next run completes", "[lifecycle]") {
    TempDir dir;
    const std::size_t n = 12000;
    write_articles(dir.path() / "docs", n);
    for (const char* mode : {"--jobs=1", "--jobs=2"}) {  // single writer with frequent commits; shard build
        std::string db = (dir.path() / (std::string("db") + mode)).string();
        Result killed = run_shell(quote(DOCKET_INDEXER) + " --db " + quote(db) + " " + mode + " --commit-every 300 " +
                                  quote((dir.path() / "docs").string()) + " >/dev/null 2>&1 & pid=$!; sleep 0.15; "
                                  "kill -9 $pid; wait $pid; echo $?");
        INFO(mode << " killed run exit: " << killed.out);
        // Either no index yet (killed while creating it) or a readable one: the searcher
        // answers (hits or none), or, killed before the first commit, says it is not ready.
        if (std::filesystem::exists(db)) {
            Result s = searcher({"--db", db, "zzmarker"});
            INFO(s.err);
            CHECK((s.code != 2 || s.err.find("is not ready") != std::string::npos));
        }
        Result rerun = indexer({"--db", db, mode, (dir.path() / "docs").string()});
        INFO(rerun.out << rerun.err);
        CHECK(rerun.code == 0);
        CHECK(search_all(db)["total"].get<std::size_t>() == n);
        CHECK_FALSE(std::filesystem::exists(db + ".docket-build"));
    }
}

TEST_CASE("SIGTERM stops after committing the work done", "[lifecycle]") {
    TempDir dir;
    const std::size_t n = 12000;
    write_articles(dir.path() / "docs", n);
    std::string db = (dir.path() / "db").string();
    Result stopped = run_shell(quote(DOCKET_INDEXER) + " --db " + quote(db) + " --jobs 1 " +
                               quote((dir.path() / "docs").string()) + " 2>/dev/null & pid=$!; sleep 0.15; "
                               "kill -TERM $pid; wait $pid; echo \"exit=$?\"");
    INFO(stopped.out);
    if (stopped.out.find("exit=130") != std::string::npos) {
        CHECK(stopped.out.find("interrupted: indexed ") != std::string::npos);
        std::size_t done = count_of(stopped.out, "indexed");
        CHECK(done < n);
        CHECK(search_all(db)["total"].get<std::size_t>() == done);  // what it said it did is committed
    } else {
        CHECK(stopped.out.find("exit=0") != std::string::npos);  // finished before the signal
    }
    Result rerun = indexer({"--db", db, (dir.path() / "docs").string()});
    CHECK(rerun.code == 0);
    CHECK(search_all(db)["total"].get<std::size_t>() == n);
}

TEST_CASE("searchers keep answering while an indexer commits", "[lifecycle]") {
    TempDir dir;
    write_articles(dir.path() / "docs", 12000);
    std::string db = (dir.path() / "db").string();
    REQUIRE(indexer({"--db", db, "--jobs", "1", (dir.path() / "docs").string() + "/a1.md"}).code == 0);
    // Index the rest with frequent commits while searching in a loop.
    Result r = run_shell(quote(DOCKET_INDEXER) + " --db " + quote(db) + " --jobs 1 --commit-every 200 " +
                         quote((dir.path() / "docs").string()) + " >/dev/null 2>&1 & pid=$!; errors=0; searches=0; " +
                         "while kill -0 $pid 2>/dev/null; do " + quote(DOCKET_SEARCHER) + " --db " + quote(db) +
                         " --limit 3 zzmarker >/dev/null 2>&1; [ $? -eq 2 ] && errors=$((errors+1)); "
                         "searches=$((searches+1)); done; wait $pid; echo \"indexer=$? searches=$searches errors=$errors\"");
    INFO(r.out);
    CHECK(r.out.find("indexer=0") != std::string::npos);
    CHECK(r.out.find("errors=0") != std::string::npos);
    CHECK(search_all(db)["total"].get<std::size_t>() == 12000);
}
