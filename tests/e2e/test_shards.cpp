// Sharding and remote search through the real binaries: `indexer --shards N` shard sets, and the
// same query set over one index, local shards, remote shards (xapian-tcpsrv on 127.0.0.1 only) and
// mixes of them; a dead, dying or silent shard server; per-shard incremental updates.
//
// Remote servers are started with servers.h's Server (own process group, killed with the group on
// teardown, PR_SET_PDEATHSIG); results are compared with json_diff.h. Every address used is
// 127.0.0.1. Without xapian-tcpsrv the remote parts are skipped with a warning.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <tuple>

#include "json_diff.h"
#include "run.h"
#include "search_json.h"
#include "servers.h"
#include "web.h"

using namespace e2e;
using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

bool have_tcpsrv() {
    static const bool found = have_program("xapian-tcpsrv");
    return found;
}

#define SKIP_WITHOUT_TCPSRV()                                                           \
    do {                                                                                \
        if (!have_tcpsrv()) {                                                           \
            WARN("xapian-tcpsrv not installed (package xapian-tools): remote part skipped"); \
            SUCCEED();                                                                  \
            return;                                                                     \
        }                                                                               \
    } while (0)

// One xapian-tcpsrv serving one database on 127.0.0.1, ready once it says "Listening...".
class ShardServer : public Server {
public:
    explicit ShardServer(const std::string& db)
        : Server("xapian-tcpsrv", {"--interface", kLoopback, "--port", kPort, db}, "Listening") {}
    std::string stub_line() const { return "remote " + address(); }
};

// One server per shard; writes a stub file of `remote 127.0.0.1:PORT` lines.
class Cluster {
public:
    explicit Cluster(const std::vector<std::string>& shards) {
        for (const auto& s : shards) servers_.push_back(std::make_unique<ShardServer>(s));
    }
    ShardServer& operator[](std::size_t i) { return *servers_.at(i); }
    std::size_t size() const { return servers_.size(); }
    std::string write_stub(const fs::path& file) const {
        std::ofstream out(file);
        out << "# remote shards on loopback\n";
        for (const auto& s : servers_) out << s->stub_line() << "\n";
        return file.string();
    }

private:
    std::vector<std::unique_ptr<ShardServer>> servers_;
};

std::vector<std::string> shard_dirs(const std::string& set, int n) {
    std::vector<std::string> dirs;
    for (int i = 0; i < n; ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "shard-%02d", i);
        dirs.push_back((fs::path(set) / name).string());
    }
    return dirs;
}

std::vector<std::string> stub_lines(const fs::path& stub) {
    std::vector<std::string> lines;
    std::istringstream in(slurp(stub));
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    return lines;
}

std::string summary_counts(const std::string& out) { return out.substr(0, out.find(" in ")); }

// searcher ARGS --json, every hit (unless ARGS set --limit) and every facet value.
Result search_raw(const std::vector<std::string>& db_args, const std::vector<std::string>& args) {
    std::vector<std::string> all = db_args;
    all.insert(all.end(), {"--json", "--facet-limit", "0"});
    if (std::find(args.begin(), args.end(), "--limit") == args.end()) all.insert(all.end(), {"--limit", "10000"});
    all.insert(all.end(), args.begin(), args.end());
    return searcher(all);
}

json search(const std::vector<std::string>& db_args, const std::vector<std::string>& args) {
    Result r = search_raw(db_args, args);
    INFO("searcher stderr: " << r.err);
    REQUIRE((r.code == 0 || r.code == 1));
    return json::parse(r.out);
}

// --- the shared fixture: corpus/ as one index and as 4 shards, 4 servers on loopback ----------

struct Config {
    std::string name;
    std::vector<std::string> db_args;
};

struct ShardedCorpus {
    TempDir dir;
    std::string single = (dir.path() / "single").string();
    std::string set = (dir.path() / "set").string();
    Result single_run, set_run;
    std::unique_ptr<Cluster> cluster;  // declared after dir: servers stop before the files go
    std::string remote_stub, mixed_stub;

    ShardedCorpus() {
        single_run = indexer({"-q", "--db", single, DOCKET_CORPUS});
        set_run = indexer({"-q", "--db", set, "--shards", "4", DOCKET_CORPUS});
        INFO(single_run.err << set_run.err);
        REQUIRE(single_run.code == 0);
        REQUIRE(set_run.code == 0);
        if (!have_tcpsrv()) return;
        cluster = std::make_unique<Cluster>(shard_dirs(set, 4));
        remote_stub = cluster->write_stub(dir.path() / "remote.stub");
        // A mix: an absolute and a relative local shard, a remote one in the file, one more by option.
        mixed_stub = (dir.path() / "mixed.stub").string();
        std::ofstream(mixed_stub) << "# two local shards, one remote; the fourth comes from --remote\n"
                                  << "auto " << shard_dirs(set, 4)[0] << "\n\n"
                                  << "auto set/shard-01\n"
                                  << (*cluster)[2].stub_line() << "\n";
    }

    std::vector<Config> configs() const {
        std::vector<Config> c = {{"1 index", {"--db", single}},
                                 {"4 local shards (set dir)", {"--db", set}},
                                 {"4 local shards (stub file)", {"--db", set + "/XAPIANDB"}}};
        std::vector<std::string> repeated;
        for (const auto& s : shard_dirs(set, 4)) repeated.insert(repeated.end(), {"--db", s});
        c.push_back({"4 local shards (--db x4)", repeated});
        if (!cluster) return c;
        c.push_back({"4 remote shards (stub file)", {"--db", remote_stub}});
        std::vector<std::string> opts;
        for (std::size_t i = 0; i < cluster->size(); ++i) opts.insert(opts.end(), {"--remote", (*cluster)[i].address()});
        c.push_back({"4 remote shards (--remote x4)", opts});
        c.push_back({"2 local + 2 remote (stub + --remote)", {"--db", mixed_stub, "--remote", (*cluster)[3].address()}});
        return c;
    }
};

ShardedCorpus& sharded() {
    static ShardedCorpus corpus;
    return corpus;
}

struct Query {
    std::string name;
    std::vector<std::string> args;
    Order order = Order::relevance;
    bool local_only = false;  // refused on remote shards, with a clear error
};

std::vector<Query> query_set() {
    const std::string like = std::string(DOCKET_CORPUS) + "/lit-kadrey-llama-revenue-sharing.md";
    return {
        {"plain words", {"revenue sharing Llama"}},
        {"plain words with tied scores", {"ai funding"}},
        {"phrase", {"\"revenue sharing\""}},
        {"boolean NOT", {"copyright NOT openai"}},
        {"boolean AND, OR", {"lawsuit AND (meta OR google)"}},
        {"NEAR", {"llama NEAR/3 meta"}},
        {"wildcard", {"regul*"}},
        {"title field", {"title:anthropic"}},
        {"company: in the query", {"company:facebook llama"}},
        {"--company", {"--company", "nvidia", "chips"}},
        {"--company twice", {"--company", "openai", "--company", "microsoft", "investment"}},
        {"--case", {"--case", "Kadrey v. Meta", "copyright"}},
        {"case: in the query", {"case:\"Bartz v. Anthropic\" settlement"}},
        {"misspelt words", {"copyrigth lawsut"}},
        {"misspelt word", {"antitrsut"}},
        {"date range", {"--from", "2025-01-01", "--to", "2025-06-30", "ai"}},
        // Amounts are filtered by Docket's own posting source, which a stock xapian-tcpsrv cannot run.
        {"amount filter", {"--amount-min", "$1bn", "funding"}, Order::relevance, true},
        {"page 2 of 5", {"--limit", "5", "--offset", "5", "ai"}},
        {"page 3 of 7", {"--limit", "7", "--offset", "14", "openai"}},
        {"page past the end", {"--limit", "10", "--offset", "60", "ai"}},
        {"explain with a company filter", {"--explain", "--company", "meta", "llama"}},
        {"explain with a phrase and a case filter", {"--explain", "--case", "Kadrey v. Meta", "\"fair use\" books"}},
        {"explain, page 2", {"--explain", "--limit", "4", "--offset", "4", "antitrust google"}},
        {"no query text, a company filter", {"--company", "google"}, Order::date},
        {"sort by date", {"--sort", "date", "lawsuit"}, Order::date},
        {"recency boost", {"--recency", "90", "ai chips"}},
        {"more like this", {"--like", like}},
        {"no collapse", {"--no-collapse", "openai"}},
        {"everything", {}, Order::date},
    };
}

std::string describe(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) s += (s.empty() ? "" : " ") + quote(a);
    return s;
}

// Every article, exact duplicates included (folding would hide a copy).
std::set<std::string> all_ids(const std::vector<std::string>& db_args) { return hit_ids(search(db_args, {"--no-collapse"})); }


}  // namespace

TEST_CASE("shards: indexer --shards 4 writes a stub file and four complete shard indexes", "[shards]") {
    auto& c = sharded();
    // Same counts as one index (the time aside).
    CHECK(summary_counts(c.set_run.out) == summary_counts(c.single_run.out));
    CHECK(c.set_run.out.find("indexed 58,") != std::string::npos);

    auto lines = stub_lines(fs::path(c.set) / "XAPIANDB");
    CHECK(lines == std::vector<std::string>{"auto shard-00", "auto shard-01", "auto shard-02", "auto shard-03"});

    // Each shard is a Docket index of its own; together they hold every article exactly once,
    // and the records of one file (biz-wire.jsonl) stay together.
    std::set<std::string> everything = all_ids({"--db", c.single}), seen;
    std::size_t sum = 0;
    std::map<std::string, std::set<int>> shards_of_file;
    auto shards = shard_dirs(c.set, 4);
    for (int i = 0; i < 4; ++i) {
        INFO(shards[i]);
        REQUIRE(fs::is_directory(shards[i]));
        auto ids = all_ids({"--db", shards[i]});
        CHECK(!ids.empty());
        sum += ids.size();
        for (const auto& id : ids) {
            seen.insert(id);
            shards_of_file[id.substr(0, id.find('#'))].insert(i);
        }
    }
    CHECK(sum == everything.size());
    CHECK(seen == everything);
    for (const auto& [file, in] : shards_of_file) {
        INFO(file);
        CHECK(in.size() == 1);
    }

    // Stable assignment: the same files indexed into another set land in the same shards.
    TempDir other;
    std::string set2 = (other.path() / "set").string();
    REQUIRE(indexer({"-q", "--db", set2, "--shards", "4", DOCKET_CORPUS}).code == 0);
    auto shards2 = shard_dirs(set2, 4);
    for (int i = 0; i < 4; ++i) {
        INFO(shards2[i]);
        CHECK(all_ids({"--db", shards2[i]}) == all_ids({"--db", shards[i]}));
    }
}

TEST_CASE("shards: one index, local shards and remote shards give identical results for every query", "[shards]") {
    auto& c = sharded();
    if (!c.cluster) WARN("xapian-tcpsrv not installed (package xapian-tools): comparing local configurations only");
    const auto configs = c.configs();
    const auto queries = query_set();
    REQUIRE(queries.size() >= 10);
    for (const auto& q : queries) {
        // Snippets have a test of their own (and cost a round trip per word on remote shards).
        std::vector<std::string> args = q.args;
        args.push_back("--no-snippets");
        json ref = search(configs[0].db_args, args);
        INFO("query \"" << q.name << "\": " << describe(q.args));
        if (q.name.find("misspelt") != std::string::npos) CHECK(!ref["suggestion"].is_null());
        if (q.name.find("past the end") == std::string::npos && q.name.find("misspelt") == std::string::npos)
            CHECK(!ref["hits"].empty());  // the query means something on this corpus
        for (std::size_t i = 1; i < configs.size(); ++i) {
            INFO("configuration \"" << configs[i].name << "\" vs \"" << configs[0].name << "\"");
            Result r = search_raw(configs[i].db_args, args);
            INFO("stderr: " << r.err);
            if (q.local_only && configs[i].name.find("remote") != std::string::npos) {
                CHECK(r.code == 2);
                CHECK(line_count(r.err) == 1);
                CHECK(r.err.find("remote") != std::string::npos);
                continue;
            }
            CHECK((r.code == 0 || r.code == 1));
            if (r.code != 0 && r.code != 1) continue;
            json got = json::parse(r.out);
            CHECK(diff(ref, got, q.order) == "");
            CHECK(got.value("partial", json()) == false);
            CHECK(got.value("missing_shards", json()) == json::array());
            CHECK(r.err.empty());
        }
    }
}

// Snippets are not compared: MSet::snippet() chooses its passage from per-term weights that
// Xapian derives per shard, so on shards it can pick another passage of the same article
// (seen with NEAR and --like queries); hits, scores and explain weights are compared above.

TEST_CASE("shards: batch runs over local and remote shards give the same TREC run", "[shards]") {
    auto& c = sharded();
    SKIP_WITHOUT_TCPSRV();
    TempDir tmp;
    auto queries = tmp.path() / "q.jsonl";
    {
        std::ofstream out(queries);
        int i = 0;
        for (const char* q : {"revenue sharing llama", "antitrust google", "copyright lawsuit", "nvidia chips",
                              "openai microsoft investment", "zebra"})
            out << json{{"_id", "q" + std::to_string(++i)}, {"text", q}}.dump() << "\n";
    }
    // One line per hit: qid Q0 docid rank score tag. Ties may swap places: compare sorted (qid, docid, score).
    auto run_of = [&](const std::vector<std::string>& db_args) {
        std::vector<std::string> args = db_args;
        args.insert(args.end(), {"--batch", queries.string(), "--limit", "20", "--run", "-"});
        Result r = searcher(args);
        INFO(r.err);
        CHECK(r.code == 0);
        std::vector<std::tuple<std::string, std::string, double>> rows;
        std::istringstream in(r.out);
        std::string qid, q0, docid, tag;
        int rank;
        double score;
        while (in >> qid >> q0 >> docid >> rank >> score >> tag) rows.emplace_back(qid, docid, score);
        std::sort(rows.begin(), rows.end());
        return rows;
    };
    auto local = run_of({"--db", c.single});
    auto remote = run_of({"--db", c.remote_stub});
    REQUIRE(!local.empty());
    REQUIRE(local.size() == remote.size());
    for (std::size_t i = 0; i < local.size(); ++i) {
        INFO(std::get<0>(local[i]) << " " << std::get<1>(local[i]) << " vs " << std::get<1>(remote[i]));
        CHECK(std::get<0>(local[i]) == std::get<0>(remote[i]));
        CHECK(std::get<1>(local[i]) == std::get<1>(remote[i]));
        CHECK(close_to(std::get<2>(local[i]), std::get<2>(remote[i])));
    }
}

TEST_CASE("shards: a dead shard server fails the search naming it, unless --allow-partial", "[shards][failure]") {
    auto& c = sharded();
    SKIP_WITHOUT_TCPSRV();
    auto shards = shard_dirs(c.set, 4);
    Cluster cluster(shards);  // servers of its own: the shared ones stay up for the other tests
    TempDir tmp;
    std::string stub = cluster.write_stub(tmp.path() / "remote.stub");
    const std::vector<std::string> db = {"--db", stub};
    json before_all = search(db, {}), before_llama = search(db, {"llama"});
    REQUIRE(before_all["total"].get<int>() == 63);

    const std::size_t dead = 1;
    const std::string name = cluster[dead].address();
    cluster[dead].kill();
    REQUIRE_FALSE(port_open(cluster[dead].port()));

    // Default: exit 2, one line on stderr naming the shard, no results.
    for (const auto& args : std::vector<std::vector<std::string>>{{"llama"}, {"--json", "llama"}, {}}) {
        std::vector<std::string> a = db;
        a.insert(a.end(), args.begin(), args.end());
        Result r = searcher(a);
        INFO(describe(a) << "\nstderr: " << r.err);
        CHECK(r.code == 2);
        CHECK(r.err.find(name) != std::string::npos);
        CHECK(r.err.find("error") != std::string::npos);
        CHECK(line_count(r.err) == 1);
        CHECK(r.out.find("\"hits\"") == std::string::npos);
    }
    // The same through --remote.
    {
        std::vector<std::string> a;
        for (std::size_t i = 0; i < cluster.size(); ++i) a.insert(a.end(), {"--remote", cluster[i].address()});
        a.push_back("llama");
        Result r = searcher(a);
        INFO("stderr: " << r.err);
        CHECK(r.code == 2);
        CHECK(r.err.find(name) != std::string::npos);
    }

    // --allow-partial: the three live shards answer, exactly as those three shards searched locally.
    std::vector<std::string> live_local;
    for (std::size_t i = 0; i < shards.size(); ++i)
        if (i != dead) live_local.insert(live_local.end(), {"--db", shards[i]});
    for (const auto& q : std::vector<Query>{{"everything", {}, Order::date}, {"llama", {"llama"}}, {"explain", {"--explain", "antitrust google"}}}) {
        INFO("query " << q.name);
        std::vector<std::string> args = {"--allow-partial"};
        args.insert(args.end(), q.args.begin(), q.args.end());
        Result r = search_raw(db, args);
        INFO("stderr: " << r.err);
        REQUIRE((r.code == 0 || r.code == 1));
        CHECK(r.err.find("warning") != std::string::npos);
        CHECK(r.err.find(name) != std::string::npos);
        json got = json::parse(r.out);
        CHECK(got["partial"] == true);
        CHECK(got["missing_shards"] == json::array({"remote " + name}));
        json ref = search(live_local, q.args);
        CHECK(diff(ref, got, q.order) == "");
        if (q.name == "everything") CHECK(got["total"].get<int>() < before_all["total"].get<int>());
        if (q.name == "llama") CHECK(got["total"].get<int>() <= before_llama["total"].get<int>());
    }
    // Text output too: results on stdout, the warning on stderr.
    Result text = searcher({"--db", stub, "--allow-partial", "llama"});
    CHECK((text.code == 0 || text.code == 1));
    CHECK(text.err.find(name) != std::string::npos);
    CHECK(text.out.find("matches") != std::string::npos);
}

TEST_CASE("shards: a shard server killed during a batch run", "[shards][failure]") {
    auto& c = sharded();
    SKIP_WITHOUT_TCPSRV();
    TempDir tmp;
    auto queries = tmp.path() / "q.jsonl";
    const int count = 2000;  // ~6 s over 4 remote shards: the kill at 0.7 s lands mid-run (checked below)
    {
        std::ofstream out(queries);
        const char* texts[] = {"revenue sharing llama", "antitrust google", "copyright lawsuit", "openai"};
        for (int i = 0; i < count; ++i)
            out << json{{"_id", "q" + std::to_string(i)}, {"text", texts[i % 4]}}.dump() << "\n";
    }
    for (bool partial : {false, true}) {
        INFO((partial ? "with --allow-partial" : "default"));
        Cluster cluster(shard_dirs(c.set, 4));
        std::string stub = cluster.write_stub(tmp.path() / "remote.stub");
        auto run_file = tmp.path() / "run.trec";
        std::string cmd = quote(DOCKET_SEARCHER) + " --db " + quote(stub) + " --batch " + quote(queries.string()) +
                          " --limit 5 --no-snippets --run " + quote(run_file.string()) + (partial ? " --allow-partial" : "");
        auto started = std::chrono::steady_clock::now();
        Result r = run_command(cmd, [&] {
            std::this_thread::sleep_for(700ms);
            cluster[2].kill();
        });
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        INFO("stderr: " << r.err << "\nbatch took " << seconds << " s");
        if (r.code == 0 && r.err.find(cluster[2].address()) == std::string::npos && seconds < 1.0) {
            WARN("the batch finished before the server was killed: make it longer");
            continue;
        }
        CHECK(r.err.find(cluster[2].address()) != std::string::npos);
        if (partial) {
            CHECK(r.code == 0);
            CHECK(r.err.find("warning") != std::string::npos);
            // Every query was answered (by the live shards after the kill).
            std::string run_text = slurp(run_file);
            CHECK(run_text.find("q" + std::to_string(count - 1) + " Q0 ") != std::string::npos);
        } else {
            CHECK(r.code == 2);
        }
    }
}

TEST_CASE("shards: a shard that accepts but never answers times out after --timeout", "[shards][failure]") {
    auto& c = sharded();
    SKIP_WITHOUT_TCPSRV();
    SilentServer silent;
    const std::string name = loopback_address(silent.port());
    auto timed = [&](std::vector<std::string> args) {
        auto t = std::chrono::steady_clock::now();
        Result r = search_raw({"--db", c.remote_stub, "--remote", name}, args);
        return std::make_pair(r, std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
    };
    {
        auto [r, seconds] = timed({"--timeout", "300", "llama"});
        INFO("stderr: " << r.err);
        CHECK(r.code == 2);
        CHECK(r.err.find(name) != std::string::npos);
        CHECK(seconds < 5.0);
    }
    {
        auto [r, seconds] = timed({"--timeout", "300", "--allow-partial", "llama"});
        INFO("stderr: " << r.err);
        REQUIRE(r.code == 0);
        CHECK(seconds < 5.0);
        json got = json::parse(r.out);
        CHECK(got["partial"] == true);
        CHECK(got["missing_shards"] == json::array({"remote " + name}));
        CHECK(diff(search({"--db", c.single}, {"llama"}), got, Order::relevance) == "");
    }
    {
        // A longer timeout is waited for.
        auto [r, seconds] = timed({"--timeout", "1500", "llama"});
        CHECK(r.code == 2);
        CHECK(seconds >= 1.4);
    }
}

TEST_CASE("shards: stub files with comments, relative paths and a missing shard", "[shards]") {
    auto& c = sharded();
    TempDir tmp;
    auto stub = tmp.path() / "local.stub";
    std::ofstream(stub) << "# comment\n\n  \nauto " << c.set << "/shard-00\nauto " << c.set << "/shard-01\n";
    std::vector<std::string> two = {"--db", c.set + "/shard-00", "--db", c.set + "/shard-01"};
    CHECK(diff(search(two, {"ai"}), search({"--db", stub.string()}, {"ai"}), Order::relevance) == "");
    // A stub next to the set, with paths relative to the stub's folder.
    auto rel = fs::path(c.set).parent_path() / "relative.stub";
    std::ofstream(rel) << "auto set/shard-00\nauto ./set/shard-01\n";
    CHECK(diff(search(two, {"ai"}), search({"--db", rel.string()}, {"ai"}), Order::relevance) == "");
    fs::remove(rel);
    // A shard that is not there: exit 2, naming it.
    std::ofstream(stub, std::ios::app) << "auto " << (tmp.path() / "no-such-shard").string() << "\n";
    Result r = searcher({"--db", stub.string(), "ai"});
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find("no-such-shard") != std::string::npos);
}

TEST_CASE("shards: incremental runs update and delete in the article's own shard", "[shards]") {
    TempDir tmp;
    auto docs = tmp.path() / "docs";
    fs::create_directories(docs);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(DOCKET_CORPUS))
        if (e.path().extension() == ".md" && e.path().filename() != "README.md") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    names.resize(7);
    names.push_back("biz-wire.jsonl");  // several articles in one file
    for (const auto& n : names) fs::copy_file(fs::path(DOCKET_CORPUS) / n, docs / n);
    const std::string set = (tmp.path() / "set").string();
    const auto shards = shard_dirs(set, 4);
    const std::vector<std::string> db = {"--db", set};

    Result first = indexer({"--db", set, "--shards", "4", docs.string()});
    INFO(first.err);
    REQUIRE(first.code == 0);
    CHECK(first.out.find("indexed 8, updated 0, unchanged 0, deleted 0,") != std::string::npos);
    auto shard_ids = [&] {
        std::vector<std::set<std::string>> ids;
        for (const auto& s : shards) ids.push_back(all_ids({"--db", s}));
        return ids;
    };
    auto shard_of = [&](const std::vector<std::set<std::string>>& ids, const std::string& id) {
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (ids[i].count(id)) return static_cast<int>(i);
        return -1;
    };
    const auto ids0 = shard_ids();
    const std::size_t articles = search(db, {})["total"].get<std::size_t>();
    REQUIRE(articles > 8);

    // Again, without --shards (the set's count is kept) and with the same count: nothing to do.
    Result again = indexer({"--db", set, docs.string()});
    CHECK(again.code == 0);
    CHECK(again.out.find("indexed 0, updated 0, unchanged 8, deleted 0,") != std::string::npos);
    Result same_n = indexer({"--db", set, "--shards", "4", docs.string()});
    CHECK(same_n.code == 0);
    CHECK(same_n.out.find("indexed 0, updated 0, unchanged 8, deleted 0,") != std::string::npos);
    CHECK(shard_ids() == ids0);

    // Edit one file: only it is updated, in its own shard, and no old copy is left anywhere.
    const std::string edited = (docs / names[2]).string();
    std::ofstream(edited, std::ios::app) << "\nA late correction mentions zzeditmarker.\n";
    fs::last_write_time(edited, fs::file_time_type::clock::now() + 5s);
    Result upd = indexer({"--db", set, docs.string()});
    INFO(upd.err);
    CHECK(upd.code == 0);
    CHECK(upd.out.find("indexed 0, updated 1, unchanged 7, deleted 0,") != std::string::npos);
    json hit = search(db, {"zzeditmarker"});
    CHECK(hit["total"] == 1);
    CHECK(hit_ids(hit) == std::set<std::string>{edited});
    CHECK(search(db, {})["total"].get<std::size_t>() == articles);
    CHECK(shard_ids() == ids0);
    CHECK(search({"--db", shards[shard_of(ids0, edited)]}, {"zzeditmarker"})["total"] == 1);

    // Delete one file: gone from the set and from every shard.
    const std::string gone = (docs / names[4]).string();
    REQUIRE(shard_of(ids0, gone) >= 0);
    fs::remove(gone);
    Result del = indexer({"--db", set, docs.string()});
    CHECK(del.code == 0);
    CHECK(del.out.find("indexed 0, updated 0, unchanged 7, deleted 1,") != std::string::npos);
    CHECK(search(db, {})["total"].get<std::size_t>() == articles - 1);
    CHECK(all_ids(db).count(gone) == 0);
    auto ids1 = shard_ids();
    CHECK(shard_of(ids1, gone) == -1);

    // Drop a record from the .jsonl file: that article goes, the file's others stay in their shard.
    const auto wire = docs / "biz-wire.jsonl";
    std::string text = slurp(wire);
    text.erase(text.find_last_of('\n', text.size() - 2) + 1);  // remove the last line
    std::ofstream(wire, std::ios::trunc) << text;
    fs::last_write_time(wire, fs::file_time_type::clock::now() + 10s);
    Result rec = indexer({"--db", set, docs.string()});
    CHECK(rec.out.find("indexed 0, updated 1, unchanged 6, deleted 0,") != std::string::npos);
    CHECK(search(db, {})["total"].get<std::size_t>() == articles - 2);

    // A new file lands in exactly one shard.
    fs::copy_file(fs::path(DOCKET_CORPUS) / names[0], docs / "zz-new-copy.md");
    Result add = indexer({"--db", set, docs.string()});
    CHECK(add.out.find("indexed 1, updated 0, unchanged 7, deleted 0,") != std::string::npos);
    auto ids2 = shard_ids();
    int in = 0;
    for (const auto& s : ids2) in += s.count((docs / "zz-new-copy.md").string());
    CHECK(in == 1);
}

TEST_CASE("shards: a different --shards count on an existing shard set is an error", "[shards]") {
    TempDir tmp;
    auto docs = tmp.path() / "docs";
    fs::create_directories(docs);
    for (const char* n : {"biz-wire.jsonl", "lit-kadrey-llama-revenue-sharing.md"})
        fs::copy_file(fs::path(DOCKET_CORPUS) / n, docs / n);
    const std::string set = (tmp.path() / "set").string();
    REQUIRE(indexer({"-q", "--db", set, "--shards", "4", docs.string()}).code == 0);
    const std::string stub_before = slurp(fs::path(set) / "XAPIANDB");
    json before = search({"--db", set}, {});
    for (const char* n : {"2", "8", "1"}) {
        Result r = indexer({"--db", set, "--shards", n, docs.string()});
        INFO("--shards " << n << ": " << r.err);
        CHECK(r.code == 2);
        CHECK(!r.err.empty());
    }
    CHECK(slurp(fs::path(set) / "XAPIANDB") == stub_before);
    CHECK(!fs::exists(fs::path(set) / "shard-04"));
    CHECK(diff(before, search({"--db", set}, {}), Order::date) == "");
}

TEST_CASE("shards: exact duplicates fold into one hit with the same count, in one shard or across shards", "[shards]") {
    TempDir tmp;
    auto docs = tmp.path() / "docs";
    fs::create_directories(docs / "mirror");
    // Eight duplicated pairs under unlike names: some pairs share a shard, others are split.
    const int pairs = 8;
    for (int i = 0; i < pairs; ++i) {
        std::ostringstream text;
        text << "---\ntitle: Duplicate story " << i << "\ndate: 2025-02-0" << i + 1
             << "\n---\nNvidia zzdupmarker story number " << i << " about chips.\n";
        std::ofstream(docs / ("dup" + std::to_string(i) + ".md")) << text.str();
        std::ofstream(docs / "mirror" / ("copy-" + std::string(i + 1, 'x') + ".md")) << text.str();
    }
    std::ofstream(docs / "single.md") << "---\ntitle: Single story\ndate: 2025-03-01\n---\nNvidia zzdupmarker alone.\n";
    const std::string one = (tmp.path() / "one").string(), set = (tmp.path() / "set").string();
    REQUIRE(indexer({"-q", "--db", one, docs.string()}).code == 0);
    REQUIRE(indexer({"-q", "--db", set, "--shards", "4", docs.string()}).code == 0);

    std::map<std::string, std::set<int>> shards_of_title;
    for (int k = 0; k < 4; ++k) {
        json in_shard = search({"--db", shard_dirs(set, 4)[k]}, {"--no-collapse", "zzdupmarker"});
        for (const auto& h : in_shard["hits"]) shards_of_title[h["title"]].insert(k);
    }
    int split = 0;
    std::string where;
    for (const auto& [title, in] : shards_of_title) {
        split += in.size() > 1;
        where += title + ":";
        for (int k : in) where += " " + std::to_string(k);
        where += "; ";
    }
    INFO(split << " of " << pairs << " pairs are split across shards (" << where << ")");
    if (split == 0 || split == pairs) WARN("only one kind of pair this time: " << split << " of " << pairs << " split");

    std::vector<Config> configs = {{"1 index", {"--db", one}}, {"4 local shards", {"--db", set}}};
    std::unique_ptr<Cluster> cluster;
    if (have_tcpsrv()) {
        cluster = std::make_unique<Cluster>(shard_dirs(set, 4));
        configs.push_back({"4 remote shards", {"--db", cluster->write_stub(tmp.path() / "remote.stub")}});
    }
    // Which path of a pair stands for it is a tie: compare titles and counts.
    auto shape = [&](const json& r) {
        std::multiset<std::string> s;
        for (const auto& h : r["hits"]) {
            std::string title = h["title"];
            s.insert(title + (shards_of_title[title].size() > 1 ? " (split)" : "") + " +" +
                     std::to_string(h["duplicates"].get<int>()));
        }
        std::string text;
        for (const auto& x : s) text += x + "; ";
        return text;
    };
    for (const auto& args : std::vector<std::vector<std::string>>{{"zzdupmarker"}, {}, {"--no-collapse", "zzdupmarker"}}) {
        json ref = search(configs[0].db_args, args);
        INFO("query: " << describe(args));
        for (std::size_t i = 1; i < configs.size(); ++i) {
            INFO(configs[i].name);
            json got = search(configs[i].db_args, args);
            CHECK(got["total"] == ref["total"]);
            CHECK(got["facets"] == ref["facets"]);
            CHECK(shape(got) == shape(ref));
        }
    }
    CHECK(search({"--db", one}, {"zzdupmarker"})["total"] == pairs + 1);

    // The set's marks cover its shards only: searched beside the plain index (which repeats every
    // article), every story still folds into one hit, by collapsing all matches.
    json both = search({"--db", set, "--db", one}, {"zzdupmarker"});
    CHECK(both["total"] == pairs + 1);
    for (const auto& h : both["hits"])
        CHECK(h["duplicates"].get<int>() == (h["title"] == "Single story" ? 1 : 3));
    // The same set given twice repeats every article: still one hit each.
    CHECK(search({"--db", set, "--db", set}, {"zzdupmarker"})["total"] == pairs + 1);
    // A shard of the set is not an index of its own: indexing into it would put every article
    // in that shard too and double the set's counts. Refused, naming the set; the set is unchanged.
    Result member = indexer({"-q", "--db", shard_dirs(set, 4)[0], docs.string()});
    CHECK(member.code == 2);
    CHECK(member.err.find("is a shard of the set") != std::string::npos);
    CHECK(search({"--db", set}, {"zzdupmarker"})["total"] == pairs + 1);
}

TEST_CASE("shards: searcher serve answers what --json answers on every --db form, remote shards too", "[shards][serve]") {
    const ShardedCorpus& corpus = sharded();
    for (const Config& config : corpus.configs()) {
        INFO(config.name);
        WebServer web(config.db_args);
        for (const std::string q : {"revenue sharing Llama", "company:Meta funding"}) {
            json cli = json::parse(searcher([&] {
                std::vector<std::string> a = config.db_args;
                a.insert(a.end(), {"--json", "--months", q});
                return a;
            }()).out);
            WebServer::Answer api = web.get("/api/search" + query_string({{"q", q}, {"months", "1"}}));
            CHECK(api.status == 200);
            CHECK(json::parse(api.body) == cli);
        }
    }
}

TEST_CASE("shards: timelines and summaries of local shards equal those of one index", "[shards][summary]") {
    const ShardedCorpus& corpus = sharded();
    for (const std::vector<std::string>& view : {std::vector<std::string>{"--timeline", "month"},
                                                 std::vector<std::string>{"--summary", "company", "--facet-limit", "0"},
                                                 std::vector<std::string>{"--summary", "case", "--case", "Kadrey v. Meta"}}) {
        auto run_view = [&](std::vector<std::string> args) {
            args.insert(args.end(), {"--json", "llama"});
            args.insert(args.end(), view.begin(), view.end());
            Result r = searcher(args);
            INFO(r.err);
            REQUIRE(r.code == 0);
            json j = json::parse(r.out);
            j.erase("query");
            return j;
        };
        const json one = run_view({"--db", corpus.single});
        for (const Config& config : corpus.configs()) {
            if (config.name.find("remote") != std::string::npos) continue;  // Docket's own spies: not on xapian-tcpsrv
            INFO(config.name << " " << view[0]);
            CHECK(run_view(config.db_args) == one);
        }
    }
}
