// Bad input gets a clear answer (issue 19): stub cycles, thread counts,
// unlistable folders, terminal escapes, dates, queries with no words, explain
// with recency, duplicate-folded facets, unknown companies, messages about
// --db, input roots and option ranges, and the smaller output contracts.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "run.h"
#include "search_json.h"

using namespace e2e;
using nlohmann::json;

namespace {

void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// Permission checks mean nothing to root: as root, commands run as the user nobody
// (setpriv, util-linux) in a folder nobody owns.
constexpr uid_t kNobody = 65534;
std::string as_user(const std::filesystem::path& owned, const std::string& command) {
    if (geteuid() != 0) return command;
    REQUIRE(run_command("chown -R 65534:65534 " + quote(owned.string())).code == 0);
    return "setpriv --reuid=" + std::to_string(kNobody) + " --regid=" + std::to_string(kNobody) +
           " --clear-groups " + command;
}

// Runs a command on a pseudo-terminal (script, util-linux): its output is a tty.
Result on_terminal(const std::string& command) { return run_command("script -qec " + quote(command) + " /dev/null"); }

struct CorpusIndex {
    TempDir dir;
    std::string db = (dir.path() / "db").string();
    CorpusIndex() { REQUIRE(indexer({"-q", "--db", db, DOCKET_CORPUS}).code == 0); }
};

}  // namespace

TEST_CASE("a stub file cycle or deep nesting is an error naming the files, not a crash", "[bad-input]") {
    TempDir dir;
    const auto self = dir.path() / "self", a = dir.path() / "a", b = dir.path() / "b";
    write(self, "auto self\n");
    write(a, "auto b\n");
    write(b, "auto a\n");
    Result r = searcher({"--db", self.string(), "x"});
    check_one_line_error(r, "cycle");
    CHECK(r.err.find(self.string()) != std::string::npos);
    Result pair = searcher({"--db", a.string(), "x"});
    check_one_line_error(pair, "cycle");
    CHECK(pair.err.find(b.string()) != std::string::npos);
    // A chain longer than the limit, with no cycle.
    for (int i = 0; i < 12; ++i) write(dir.path() / ("s" + std::to_string(i)), "auto s" + std::to_string(i + 1) + "\n");
    check_one_line_error(searcher({"--db", (dir.path() / "s0").string(), "x"}), "nest deeper than");
    // A stub with nothing in it, and a file that is no stub at all.
    write(dir.path() / "empty", "# nothing\n");
    check_one_line_error(searcher({"--db", (dir.path() / "empty").string(), "x"}), "lists no index");
    write(dir.path() / "regfile", "hello\n");
    check_one_line_error(searcher({"--db", (dir.path() / "regfile").string(), "x"}),
                         "is neither an index folder nor a stub file");
}

TEST_CASE("the thread count (--jobs) is capped: a huge value is refused, more threads than files are not started", "[bad-input]") {
    TempDir dir;
    write(dir.path() / "docs" / "a.md", "# One\nMeta said so.\n");
    const std::string db = (dir.path() / "db").string();
    check_one_line_error(indexer({"--db", db, "-j", "100000", (dir.path() / "docs").string()}), "--jobs");
    CHECK_FALSE(std::filesystem::exists(db));
    Result r = indexer({"--db", db, "-j", "256", (dir.path() / "docs").string()});
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.out.find("1 article written") != std::string::npos);  // and "article", not "articles"
}

TEST_CASE("an unlistable folder keeps the articles indexed from it and is named in a warning", "[bad-input]") {
    TempDir dir;
    const auto root = dir.path() / "nb";
    write(root / "sub" / "a.txt", "Kept article\nNvidia zzkeptmarker said.\n");
    write(root / "b.txt", "Other article\nAnother zzothermarker.\n");
    const std::string db = (dir.path() / "db").string();
    const std::string index = as_user(dir.path(), quote(DOCKET_INDEXER) + " --db " + quote(db) + " " + quote(root.string()));
    REQUIRE(run_command(index).code == 0);
    REQUIRE(chmod((root / "sub").c_str(), 0) == 0);
    Result again = run_command(index);
    chmod((root / "sub").c_str(), 0755);
    INFO(again.out << again.err);
    CHECK(again.code == 1);  // something could not be read
    CHECK(again.out.find("deleted 0") != std::string::npos);
    CHECK(again.err.find((root / "sub").string()) != std::string::npos);
    CHECK(search_json(db, {"zzkeptmarker"})["total"] == 1);
    // Readable again: the article is still there, nothing re-read is lost.
    Result third = run_command(index);
    CHECK(third.code == 0);
    CHECK(search_json(db, {"zzkeptmarker"})["total"] == 1);
}

TEST_CASE("control characters from articles are printed visibly, never raw, in text output", "[bad-input]") {
    TempDir dir;
    write(dir.path() / "docs" / "evil.md",
          "---\ntitle: \"Clear\x1b[2Jscreen \x1b]0;pwned\x07 title\"\n---\nBody with zzescmarker \x1b[31mred\x08\x08 and \xc2\x9b"
          "31m C1.\n");
    const std::string db = (dir.path() / "db").string();
    REQUIRE(indexer({"-q", "--db", db, (dir.path() / "docs").string()}).code == 0);
    for (const char* color : {"never", "always"}) {
        Result r = searcher({"--db", db, "--color", color, "zzescmarker"});
        INFO(color << ": " << r.out);
        REQUIRE(r.code == 0);
        CHECK(r.out.find("^[[2J") != std::string::npos);
        CHECK(r.out.find("\x1b]") == std::string::npos);
        CHECK(r.out.find("\x1b[2J") == std::string::npos);
        CHECK(r.out.find('\x07') == std::string::npos);
        CHECK(r.out.find('\x08') == std::string::npos);
        CHECK(r.out.find("\xc2\x9b") == std::string::npos);
        if (std::string(color) == "always") CHECK(r.out.find("\x1b[1;31m") != std::string::npos);  // highlights stay
    }
    // A file name with escapes, in the indexer's warning about it.
    write(dir.path() / "names" / "bad\x1b]0;pwned\x07.md", "");
    Result warned = indexer({"--db", (dir.path() / "db2").string(), (dir.path() / "names").string()});
    INFO(warned.err);
    CHECK(warned.code == 1);
    CHECK(warned.err.find("bad^[]0;pwned^G.md") != std::string::npos);
    CHECK(warned.err.find('\x07') == std::string::npos);
    // JSON keeps the text as indexed (escaped by the JSON encoder).
    json j = search_json(db, {"zzescmarker"});
    CHECK(j["hits"][0]["title"].get<std::string>().find('\x1b') != std::string::npos);
}

TEST_CASE("dates: reversed ranges, impossible and unparseable dates are errors and one day means that day", "[bad-input]") {
    CorpusIndex idx;
    check_one_line_error(searcher({"--db", idx.db, "--from", "2025-04-01", "--to", "2025-03-01", "meta"}), "is after --to");
    check_one_line_error(searcher({"--db", idx.db, "meta date:2025-13-01..2025-03-01"}), "2025-13-01");
    check_one_line_error(searcher({"--db", idx.db, "meta date:2025-04-01..2025-03-01"}), "ends before it starts");
    check_one_line_error(searcher({"--db", idx.db, "date:yesterday"}), "yesterday");
    check_one_line_error(searcher({"--db", idx.db, "--from", "", "meta"}), "--from");
    check_one_line_error(searcher({"--db", idx.db, "--to", " ", "meta"}), "--to");
    json day = search_json(idx.db, {"date:2025-01-24"});
    json range = search_json(idx.db, {"date:2025-01-24..2025-01-24"});
    CHECK(day["total"].get<int>() > 0);
    CHECK(day["total"] == range["total"]);
    CHECK(hit_ids(day) == hit_ids(range));
}

TEST_CASE("a query with no searchable words is an error, or with filters runs the filters alone", "[bad-input]") {
    CorpusIndex idx;
    for (const char* q : {"\xf0\x9f\x8d\x8e", "!!!", "$", "&&", "", "  "}) {
        INFO("query [" << q << "]");
        check_one_line_error(searcher({"--db", idx.db, q}), "no searchable words");
    }
    Result filtered = searcher({"--db", idx.db, "--json", "--company", "Meta", "!!!"});
    INFO(filtered.err);
    CHECK(filtered.code == 0);
    CHECK(filtered.err.find("no searchable words") != std::string::npos);
    json j = json::parse(filtered.out);
    CHECK(j["words_ignored"] == true);
    CHECK(j["total"] == search_json(idx.db, {"--company", "Meta"})["total"]);
    // Common words are indexed (phrases need them): "the" is searched as a word.
    CHECK(searcher({"--db", idx.db, "the"}).code == 0);
}

TEST_CASE("a batch run names and skips a query that cannot run and refuses a line without text", "[bad-input]") {
    CorpusIndex idx;
    const auto queries = idx.dir.path() / "q.jsonl";
    write(queries, "{\"_id\":\"good\",\"text\":\"meta\"}\n{\"_id\":\"empty\",\"text\":\"\"}\n"
                   "{\"_id\":\"broken\",\"text\":\"(meta\"}\n{\"_id\":\"last\",\"text\":\"llama\"}\n");
    Result r = searcher({"--db", idx.db, "--batch", queries.string(), "--run", "-"});
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("query empty:") != std::string::npos);
    CHECK(r.err.find("query broken:") != std::string::npos);
    CHECK(r.out.find("good Q0") != std::string::npos);
    CHECK(r.out.find("last Q0") != std::string::npos);
    CHECK(r.out.find("empty Q0") == std::string::npos);
    write(queries, "{\"_id\":\"q1\",\"title\":\"meta\"}\n");
    check_one_line_error(searcher({"--db", idx.db, "--batch", queries.string()}), "no \"text\"");
}

TEST_CASE("explain with recency lists the recency boost, and the lines add up to the score", "[bad-input]") {
    CorpusIndex idx;
    json j = search_json(idx.db, {"--explain", "--recency", "90", "revenue", "sharing"});
    REQUIRE(j["hits"].size() > 2);
    for (const auto& h : j["hits"]) {
        double sum = 0;
        bool boost = false;
        for (const auto& t : h["explain"]["terms"]) {
            sum += t["weight"].get<double>();
            boost |= t["term"] == "recency boost";
        }
        INFO(h["title"] << " score " << h["score"] << " sum " << sum);
        CHECK(sum == Approx(h["score"].get<double>()).epsilon(0.01));
        if (h["rank"] == 1) CHECK(boost);
    }
}

TEST_CASE("facet counts fold exact duplicates as the total does", "[bad-input]") {
    TempDir dir;
    const std::string article = "---\ntitle: Nvidia story\n---\nNvidia and zzfoldmarker said so.\n";
    write(dir.path() / "docs" / "a.md", article);
    write(dir.path() / "docs" / "copy.md", article);
    write(dir.path() / "docs" / "other.md", "---\ntitle: Another\n---\nNvidia and zzfoldmarker again.\n");
    const std::string db = (dir.path() / "db").string();
    REQUIRE(indexer({"-q", "--db", db, (dir.path() / "docs").string()}).code == 0);
    json j = search_json(db, {"zzfoldmarker"});
    CHECK(j["total"] == 2);
    REQUIRE(j["facets"]["company"].size() == 1);
    CHECK(j["facets"]["company"][0]["count"] == 2);
    CHECK(j["facets_count_duplicates"] == false);
    json all = search_json(db, {"--no-collapse", "zzfoldmarker"});
    CHECK(all["total"] == 3);
    CHECK(all["facets"]["company"][0]["count"] == 3);
}

TEST_CASE("an unknown company warns with the nearest known values and ticker symbols work", "[bad-input]") {
    CorpusIndex idx;
    const json microsoft = search_json(idx.db, {"--company", "Microsoft"});
    REQUIRE(microsoft["total"].get<int>() > 0);
    for (const char* ticker : {"MSFT", "msft"}) CHECK(search_json(idx.db, {"--company", ticker})["total"] == microsoft["total"]);
    Result typo = searcher({"--db", idx.db, "--company", "microsft"});
    CHECK(typo.code == 1);
    CHECK(typo.err.find("no article in the index names this company") != std::string::npos);
    CHECK(typo.err.find("nearest: Microsoft") != std::string::npos);
    Result field = searcher({"--db", idx.db, "company:microsft"});
    CHECK(field.err.find("nearest: Microsoft") != std::string::npos);
    check_one_line_error(searcher({"--db", idx.db, "--company", "", "meta"}), "--company");
}

TEST_CASE("problems with --db name the path and the cause and leave the folder as it was", "[bad-input]") {
    TempDir dir;
    write(dir.path() / "docs" / "a.md", "# One\nMeta said so.\n");
    const std::string docs = (dir.path() / "docs").string();
    // An existing folder of other files: refused, and no lock file left in it.
    write(dir.path() / "mine" / "notes.txt", "mine\n");
    check_one_line_error(indexer({"--db", (dir.path() / "mine").string(), docs}), "not an index");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "mine" / "flintlock"));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path() / "mine"), {}) == 1);
    // A regular file as the indexer's --db.
    check_one_line_error(indexer({"--db", (dir.path() / "mine" / "notes.txt").string(), docs}), "is a file");
    // Permission problems, as an ordinary user: a read-only index, a folder one cannot create in.
    const std::string db = (dir.path() / "db").string();
    REQUIRE(run_command(as_user(dir.path(), quote(DOCKET_INDEXER) + " -q --db " + quote(db) + " " + quote(docs))).code == 0);
    REQUIRE(chmod(db.c_str(), 0555) == 0);
    Result ro = run_command(as_user(dir.path(), quote(DOCKET_INDEXER) + " --db " + quote(db) + " " + quote(docs)));
    check_one_line_error(ro, "read-only");
    std::filesystem::create_directory(dir.path() / "rodir");
    REQUIRE(run_command(as_user(dir.path(), "chmod 555 " + quote((dir.path() / "rodir").string()))).code == 0);
    Result nodir = run_command(
        as_user(dir.path(), quote(DOCKET_INDEXER) + " --db " + quote((dir.path() / "rodir" / "x.db").string()) + " " + quote(docs)));
    check_one_line_error(nodir, "Permission denied");
    chmod(db.c_str(), 0755);
}

TEST_CASE("a missing input root is an error and creates no index", "[bad-input]") {
    TempDir dir;
    const std::string db = (dir.path() / "db").string();
    check_one_line_error(indexer({"--db", db, (dir.path() / "no-such-folder").string()}), "no-such-folder");
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("option range errors say what is allowed in words", "[bad-input]") {
    for (const char* recency : {"0", "-3", "abc"}) {
        Result r = searcher({"--db", "x", "--recency", recency, "q"});
        check_one_line_error(r, "greater than 0");
        CHECK(r.err.size() < 200);
    }
    check_one_line_error(searcher({"--db", "x", "--offset", "-1", "q"}), "whole number");
    check_one_line_error(indexer({"--db", "x", "--commit-every", "0", "y"}), "whole number of at least 1");
}

TEST_CASE("smaller output contracts: no-facets, colour conventions, help, index folders, not ready", "[bad-input]") {
    CorpusIndex idx;
    // --no-facets says so instead of an empty header; JSON says facets_counted false.
    Result text = searcher({"--db", idx.db, "--no-facets", "meta"});
    CHECK(text.out.find("Facets not counted") != std::string::npos);
    CHECK(text.out.find("Facets over") == std::string::npos);
    CHECK(search_json(idx.db, {"--no-facets", "meta"})["facets_counted"] == false);
    CHECK(search_json(idx.db, {"meta"})["facets_counted"] == true);
    // On a terminal: colour by default, none with a non-empty NO_COLOR or TERM=dumb; NO_COLOR= is ignored.
    const std::string search = quote(DOCKET_SEARCHER) + " --db " + quote(idx.db) + " meta";
    CHECK(on_terminal("TERM=xterm " + search).out.find("\x1b[") != std::string::npos);
    CHECK(on_terminal("TERM=xterm NO_COLOR= " + search).out.find("\x1b[") != std::string::npos);
    CHECK(on_terminal("TERM=xterm NO_COLOR=1 " + search).out.find("\x1b[") == std::string::npos);
    CHECK(on_terminal("TERM=dumb " + search).out.find("\x1b[") == std::string::npos);
    // --help shows defaults and says when --db is required.
    Result help = searcher({"--help"});
    CHECK(help.out.find("required unless --remote") != std::string::npos);
    CHECK(help.out.find("=10") != std::string::npos);
    CHECK(indexer({"--help"}).out.find("required unless --extract") != std::string::npos);
    // An index kept inside the folder it indexes is not read as articles.
    TempDir dir;
    write(dir.path() / "docs" / "a.md", "# One\nMeta said so.\n");
    const std::string inner = (dir.path() / "docs" / "idx").string();
    REQUIRE(indexer({"-q", "--db", inner, (dir.path() / "docs").string()}).code == 0);
    Result again = indexer({"--db", inner, (dir.path() / "docs").string()});
    CHECK(again.out.find("(0 unsupported, 0 broken)") != std::string::npos);
    // An index whose first run has not committed yet: "not ready", not "No matches".
    const std::string building = (dir.path() / "building").string();
    {
        Xapian::WritableDatabase db(building, Xapian::DB_CREATE);
        db.set_metadata("docket.schema", Xapian::Database(idx.db).get_metadata("docket.schema"));
        db.set_metadata("docket.first_build", "1");
        db.commit();
    }
    check_one_line_error(searcher({"--db", building, "meta"}), "not ready");
}

TEST_CASE("the progress bar on a terminal shows the bytes read, also when shards are built in parallel", "[bad-input]") {
    TempDir dir;
    for (int i = 0; i < 3000; ++i)
        write(dir.path() / "docs" / ("a" + std::to_string(i) + ".md"),
              "# Story " + std::to_string(i) + "\n" + std::string(20000, 'x') + " Meta said so.\n");
    const std::string db = (dir.path() / "db").string();
    Result r = on_terminal(quote(DOCKET_INDEXER) + " --db " + quote(db) + " -j 2 --files-per-shard 500 " +
                           quote((dir.path() / "docs").string()));
    INFO(r.out);
    REQUIRE(r.out.find("articles written") != std::string::npos);
    REQUIRE(r.out.find("MB/s") != std::string::npos);  // the run lasts over a second: the bar is drawn
    CHECK(r.out.find("  0.0 MB/s") == std::string::npos);
}

TEST_CASE("listing a facet prints every value of a facet with its count, most frequent first", "[list]") {
    CorpusIndex idx;
    Result text = searcher({"--db", idx.db, "--list", "company"});
    INFO(text.err);
    REQUIRE(text.code == 0);
    // Every value, as the facets count them: the same numbers as the full facet list.
    const json facets = search_json(idx.db, {});
    std::string expected;
    for (const auto& v : facets["facets"]["company"])
        expected += std::to_string(v["count"].get<int>()) + "\t" + v["value"].get<std::string>() + "\n";
    CHECK(text.out == expected);
    CHECK(line_count(text.out) == facets["facets"]["company"].size());
    // With a query and filters: the values over those matches only.
    Result cases = searcher({"--db", idx.db, "--list", "case", "--json", "--company", "Meta"});
    json j = json::parse(cases.out);
    CHECK(j["facet"] == "case");
    REQUIRE(!j["values"].empty());
    CHECK(j["values"][0]["value"] == "Kadrey v. Meta");
    for (std::size_t i = 1; i < j["values"].size(); ++i) CHECK(j["values"][i - 1]["count"] >= j["values"][i]["count"]);
    check_one_line_error(searcher({"--db", idx.db, "--list", "people"}), "--list");
    check_one_line_error(searcher({"--db", idx.db, "--list", "company", "--no-facets"}), "--no-facets");
}
