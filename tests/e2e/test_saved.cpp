// Saved searches and what is new (searcher --save/--saved/--new, /api/saved): what a
// search shows as new after incremental runs, on one index, a shard set and an index built
// in parallel shards, with the expected articles written out by hand.
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "run.h"
#include "web.h"

using namespace e2e;
using nlohmann::json;

namespace {

// A copy of corpus/ (so articles can be added, changed and removed) and its index.
struct CorpusCopy {
    TempDir dir;
    std::filesystem::path docs = dir.path() / "docs";
    std::string db = (dir.path() / "db").string();
    std::string saved = db + ".saved.json";  // the default place: beside the index

    CorpusCopy() { std::filesystem::copy(DOCKET_CORPUS, docs, std::filesystem::copy_options::recursive); }
    void write(const std::string& name, const std::string& title, const std::string& body) {
        std::ofstream(docs / name) << "---\ntitle: " << title << "\ndate: 2026-11-30\n---\n" << body << "\n";
    }
    void index(const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"-q", "--db", db};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(docs.string());
        Result r = indexer(args);
        INFO(r.err);
        REQUIRE(r.code == 0);
    }
    std::string path(const std::string& name) const { return (docs / name).string(); }
};

std::vector<std::string> hit_paths(const Result& r) {
    INFO("exit " << r.code << ", stderr: " << r.err);
    const json answer = json::parse(r.out);
    std::vector<std::string> paths;
    for (const auto& h : answer["hits"]) paths.push_back(h["path"]);
    std::sort(paths.begin(), paths.end());
    return paths;
}

// Every file of the index with its bytes: what a searcher must leave as it is.
std::map<std::string, std::string> index_bytes(const std::string& db) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(db))
        if (e.is_regular_file()) files[e.path().string()] = slurp(e.path());
    return files;
}

json saved_list(const CorpusCopy& c) {
    Result r = searcher({"--db", c.db, "--saved", "--json"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    return json::parse(r.out);
}

// The story the tests follow: one article on "zephyrine", then a second, an edit of the
// first, an unrelated article and a touched corpus file; then one removed and one more added.
void follow_a_story(CorpusCopy& c, const std::vector<std::string>& index_options) {
    c.write("zeph-1.md", "Zephyrine deal signed", "Meta Platforms signed the zephyrine supply deal.");
    c.index(index_options);
    const auto before = index_bytes(c.db);
    Result saved = searcher({"--db", c.db, "--save", "zeph", "zephyrine"});
    INFO(saved.err);
    REQUIRE(saved.code == 0);
    CHECK(saved.out.find("saved search 'zeph' (1 matches now)") != std::string::npos);
    REQUIRE(searcher({"--db", c.db, "--save", "meta-zeph", "--company", "Meta", "zephyrine"}).code == 0);
    CHECK(saved_list(c)["saved"][0]["new"] == 0);
    // Nothing new yet: exit 1, no hits.
    Result none = searcher({"--db", c.db, "--new", "zeph", "--json"});
    CHECK(none.code == 1);
    CHECK(hit_paths(none).empty());
    CHECK(index_bytes(c.db) == before);  // saving and checking write beside the index, never into it

    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a new mtime for the edited file
    c.write("zeph-2.md", "Zephyrine output doubles", "The zephyrine plant doubled output, Meta Platforms said.");
    c.write("zeph-1.md", "Zephyrine deal signed", "Meta Platforms signed the zephyrine supply deal. Updated.");
    c.write("other.md", "Unrelated", "Nothing about the story here.");
    std::filesystem::last_write_time(c.docs / "lit-kadrey-llama-revenue-sharing.md", std::filesystem::file_time_type::clock::now());
    c.index(index_options);

    const json list = saved_list(c);
    CHECK(list["saved"][0]["name"] == "zeph");
    CHECK(list["saved"][0]["new"] == 1);  // zeph-2 only: the edited zeph-1 was indexed before
    CHECK(list["saved"][1]["new"] == 1);
    CHECK(hit_paths(searcher({"--db", c.db, "--new", "zeph", "--json"})) == std::vector<std::string>{c.path("zeph-2.md")});
    // Checked: nothing new until the index changes again, and an unchanged re-run adds nothing.
    CHECK(searcher({"--db", c.db, "--new", "zeph", "--json"}).code == 1);
    c.index(index_options);
    CHECK(searcher({"--db", c.db, "--new", "zeph", "--json"}).code == 1);

    std::filesystem::remove(c.docs / "zeph-2.md");
    c.write("zeph-3.md", "Zephyrine talks", "Talks on zephyrine resumed.");
    c.index(index_options);
    CHECK(hit_paths(searcher({"--db", c.db, "--new", "zeph", "--json"})) == std::vector<std::string>{c.path("zeph-3.md")});
    // meta-zeph was not checked since the first re-run: zeph-2 (now gone) and zeph-3 (no Meta) are not in it.
    CHECK(hit_paths(searcher({"--db", c.db, "--new", "meta-zeph", "--json"})).empty());
}

}  // namespace

TEST_CASE("saved: --new shows exactly the articles added since the last check, across incremental runs", "[saved]") {
    CorpusCopy c;
    follow_a_story(c, {});
}

TEST_CASE("saved: --new is exact on a shard set", "[saved][shards]") {
    CorpusCopy c;
    follow_a_story(c, {"--shards", "3"});
}

TEST_CASE("saved: --new is exact on an index first built in parallel shards", "[saved]") {
    CorpusCopy c;
    follow_a_story(c, {"--files-per-shard", "5", "-j", "2"});
}

TEST_CASE("saved: an index rebuilt from scratch is all new, and --saved lists queries as options", "[saved]") {
    CorpusCopy c;
    c.index();
    REQUIRE(searcher({"--db", c.db, "--save", "kadrey", "--case", "Kadrey v. Meta", "--from", "2023-01-01"}).code == 0);
    const auto total = json::parse(searcher({"--db", c.db, "--json", "--limit", "0", "--case", "Kadrey v. Meta",
                                             "--from", "2023-01-01"}).out)["total"].get<int>();
    REQUIRE(total > 0);
    std::filesystem::remove_all(c.db);
    c.index();
    CHECK(saved_list(c)["saved"][0]["new"] == total);
    Result text = searcher({"--db", c.db, "--saved"});
    CHECK(text.out.find("kadrey") != std::string::npos);
    CHECK(text.out.find("--case \"Kadrey v. Meta\" --from 2023-01-01") != std::string::npos);
}

TEST_CASE("saved: bad input is one line and exit 2, and a broken saved file is left alone", "[saved][bad-input]") {
    CorpusCopy c;
    c.index();
    check_one_line_error(searcher({"--db", c.db, "--new", "nope"}), "no saved search named 'nope'");
    check_one_line_error(searcher({"--db", c.db, "--save", "bad name!", "x"}), "a saved search's name is");
    check_one_line_error(searcher({"--db", c.db, "--save", "q", "\"unclosed"}), "malformed query");
    CHECK(!std::filesystem::exists(c.saved));  // a query that does not run is not saved
    REQUIRE(searcher({"--db", c.db, "--save", "ok", "llama"}).code == 0);
    check_one_line_error(searcher({"--db", c.db, "--new", "ok", "--company", "Meta"}), "give no --company");
    check_one_line_error(searcher({"--db", c.db, "--new", "ok", "extra words"}), "give no query");
    check_one_line_error(searcher({"--db", c.db, "--saved", "--new", "ok"}), "excludes");
    std::ofstream(c.saved) << "{not json";
    check_one_line_error(searcher({"--db", c.db, "--saved"}), c.saved);
    check_one_line_error(searcher({"--db", c.db, "--save", "again", "llama"}), "is not valid");
    CHECK(slurp(c.saved) == "{not json");
    // No file yet elsewhere: nothing saved, said so.
    Result empty = searcher({"--db", c.db, "--saved", "--saved-file", (c.dir.path() / "none.json").string()});
    CHECK(empty.code == 0);
    CHECK(empty.out.find("No saved searches") != std::string::npos);
}

TEST_CASE("saved: /api/saved counts what --saved counts, new=NAME filters a search, check marks it", "[saved][serve]") {
    CorpusCopy c;
    c.write("zeph-1.md", "Zephyrine deal signed", "Meta Platforms signed the zephyrine supply deal.");
    c.index();
    REQUIRE(searcher({"--db", c.db, "--save", "zeph", "zephyrine"}).code == 0);
    c.write("zeph-2.md", "Zephyrine output doubles", "The zephyrine plant doubled output.");
    c.index();
    WebServer web({"--db", c.db});
    const auto listed = web.get("/api/saved");
    REQUIRE(listed.status == 200);
    const json api = json::parse(listed.body);
    CHECK(api["saved"][0]["new"] == 1);
    CHECK(api["saved"] == saved_list(c)["saved"]);
    const auto fresh = web.get("/api/search" + query_string({{"q", "zephyrine"}, {"new", "zeph"}}));
    REQUIRE(fresh.status == 200);
    CHECK(json::parse(fresh.body)["total"] == 1);
    // The CLI's answer, byte for byte after parsing (and it marks the search checked).
    CHECK(json::parse(fresh.body) == json::parse(searcher({"--db", c.db, "--json", "--new", "zeph"}).out));
    CHECK(saved_list(c)["saved"][0]["new"] == 0);
    CHECK(web.get("/api/search" + query_string({{"new", "nope"}})).status == 400);
    auto client = web.client();
    auto refused = client->Post("/api/saved/zeph/check", "{}", "text/plain");
    REQUIRE(refused);
    CHECK(refused->status == 415);
    c.write("zeph-3.md", "Zephyrine talks", "Talks on zephyrine resumed.");
    c.index();
    const json again = json::parse(web.get("/api/saved").body);
    CHECK(again["saved"][0]["new"] == 1);
    auto checked = client->Post("/api/saved/zeph/check", "{\"upto\": " + again["upto"].dump() + "}", "application/json");
    REQUIRE(checked);
    CHECK(checked->status == 200);
    CHECK(saved_list(c)["saved"][0]["new"] == 0);
    auto saved = client->Post("/api/saved", R"({"name": "meta", "company": ["Meta"]})", "application/json");
    REQUIRE(saved);
    CHECK(saved->status == 200);
    CHECK(json::parse(saved->body)["matches"].get<int>() > 0);
    auto bad = client->Post("/api/saved", R"({"name": "bad name!"})", "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 400);
}
