// `searcher serve` as a user meets it: started on a free loopback port over an
// index of corpus/, real HTTP requests. The page itself is tested in a real
// browser by tests/browser/.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <xapian.h>

#include "run.h"
#include "web.h"

using namespace e2e;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct CorpusIndex {
    TempDir dir;
    std::string db = (dir.path() / "db").string();
    CorpusIndex() { REQUIRE(indexer({"-q", "--db", db, DOCKET_CORPUS}).code == 0); }
};

json parsed(const WebServer::Answer& a) {
    INFO("body: " << a.body);
    REQUIRE(!a.body.empty());
    return json::parse(a.body);
}

// The md5 of every file of an index directory, to show it was not written.
std::string index_fingerprint(const std::string& db) {
    return run_command("(cd " + quote(db) + " && md5sum * | sort)").out;
}

}  // namespace

TEST_CASE("serve: /api/search answers exactly what searcher --json answers for the same arguments", "[serve]") {
    CorpusIndex index;
    WebServer web({"--db", index.db});
    using Params = std::vector<std::pair<std::string, std::string>>;
    const struct {
        std::vector<std::string> cli;
        Params api;
    } cases[] = {
        {{"revenue sharing Llama"}, {{"q", "revenue sharing Llama"}}},
        {{"--company", "Meta", "revenue sharing Llama"}, {{"q", "revenue sharing Llama"}, {"company", "Meta"}}},
        {{"--company", "Meta", "--company", "OpenAI", "funding"},
         {{"q", "funding"}, {"company", "Meta"}, {"company", "OpenAI"}}},
        {{"--case", "Kadrey v. Meta"}, {{"case", "Kadrey v. Meta"}}},
        {{"--amount-min", "1B", "--amount-max", "$20bn", "investment"},
         {{"q", "investment"}, {"amount_min", "1B"}, {"amount_max", "$20bn"}}},
        {{"--from", "2025-03-01", "--to", "2025-06-30"}, {{"from", "2025-03-01"}, {"to", "2025-06-30"}}},
        {{"--sort", "date", "--limit", "3", "--offset", "2", "AI"},
         {{"q", "AI"}, {"sort", "date"}, {"limit", "3"}, {"offset", "2"}}},
        {{"--facet-limit", "0", "--months", "chips"}, {{"q", "chips"}, {"facet_limit", "0"}, {"months", "1"}}},
        {{"--explain", "company:Nvidia"}, {{"q", "company:Nvidia"}, {"explain", "1"}}},
        {{"nosuchwordanywhere"}, {{"q", "nosuchwordanywhere"}}},
        {{}, {}},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"--db", index.db, "--json"};
        args.insert(args.end(), c.cli.begin(), c.cli.end());
        Result cli = searcher(args);
        INFO("searcher " << [&] { std::string s; for (auto& a : c.cli) s += quote(a) + " "; return s; }());
        REQUIRE(cli.code != 2);
        WebServer::Answer api = web.get("/api/search" + query_string(c.api));
        CHECK(api.status == 200);
        CHECK(parsed(api) == json::parse(cli.out));
    }
}

TEST_CASE("serve: bad parameters are 400, unknown paths 404, a missing index 503, each with a JSON error", "[serve]") {
    CorpusIndex index;
    WebServer web({"--db", index.db});
    const struct {
        std::string path;
        int status;
        std::string names;  // in the error message
    } cases[] = {
        {"/api/search?q=%22unclosed", 400, "unbalanced double quote"},
        {"/api/search?limit=ten", 400, "limit:"},
        {"/api/search?limit=10001", 400, "limit:"},
        {"/api/search?offset=-1", 400, "offset:"},
        {"/api/search?sort=size", 400, "sort:"},
        {"/api/search?amount_min=lots", 400, "amount_min:"},
        {"/api/search?from=2025-13-45", 400, "from:"},
        {"/api/search?case=Meta", 400, "case:"},
        {"/api/search?months=maybe", 400, "months:"},
        {"/api/search?q=a&q=b", 400, "q: given more than once"},
        {"/api/search?colour=red", 400, "unknown parameter 'colour'"},
        {"/api/facets/amount", 400, "facets/amount"},
        {"/api/doc?id=/no/such/article.md", 404, "no article with id"},
        {"/api/nothing", 404, "not found"},
        {"/index.php", 404, "not found"},
        {"/search", 404, "not found"},
        // Path traversal: only the embedded files are ever served.
        {"/../../etc/passwd", 404, "not found"},
        {"/%2e%2e/%2e%2e/etc/passwd", 404, "not found"},
        {"/..%2f..%2fetc%2fpasswd", 404, "not found"},
        {"//etc/passwd", 404, "not found"},
        {"/app.js/../../../etc/passwd", 404, "not found"},
        {"/" + fs::path(DOCKET_CORPUS).string() + "/README.md", 404, "not found"},
    };
    for (const auto& c : cases) {
        INFO(c.path);
        // Raw paths: httplib's client would normalise nothing, but say it plainly.
        WebServer::Answer a = web.get(c.path);
        CHECK(a.status == c.status);
        json j = parsed(a);
        CHECK(j["error"].get<std::string>().find(c.names) != std::string::npos);
        CHECK(a.body.find("root:") == std::string::npos);
    }
    SECTION("limits: a request line over 8 KiB is 414, headers over 16 KiB 431") {
        CHECK(web.get("/api/search?q=" + std::string(9000, 'a')).status == 414);
        httplib::Headers big;
        for (int i = 0; i < 3; ++i) big.emplace("X-Filler-" + std::to_string(i), std::string(7000, 'x'));
        CHECK(web.get("/healthz", big).status == 431);
        CHECK(web.get("/api/search?q=" + std::string(7000, 'a') + "%20" + std::string(10, 'b')).status == 200);
        std::string words;  // within the request line's limit, over the query's own (1,000 words)
        for (int i = 0; i < 1001; ++i) words += "w%20";
        WebServer::Answer long_query = web.get("/api/search?q=" + words);
        CHECK(long_query.status == 400);
        CHECK(parsed(long_query)["error"].get<std::string>().rfind("query too long", 0) == 0);
    }
    SECTION("a missing index: 503 with the CLI's message, and the server keeps running") {
        const std::string missing = (index.dir.path() / "nothing-here").string();
        WebServer none({"--db", missing});
        Result cli = searcher({"--db", missing, "--json", "x"});
        const std::string cli_message = cli.err.substr(cli.err.find("error: ") + 7);
        WebServer::Answer a = none.get("/api/search?q=x");
        CHECK(a.status == 503);
        CHECK(parsed(a)["error"].get<std::string>() + "\n" == cli_message);
        CHECK(none.get("/healthz").status == 200);
        // The index appears: the next request finds it, no restart.
        REQUIRE(indexer({"-q", "--db", missing, DOCKET_CORPUS}).code == 0);
        CHECK(none.get("/api/search?q=Llama").status == 200);
        // Re-indexed by another schema version while served: 503 with the CLI's message.
        {
            Xapian::WritableDatabase db(missing);
            db.set_metadata("docket.schema", "999");
            db.commit();
        }
        Result other = searcher({"--db", missing, "--json", "Llama"});
        WebServer::Answer refused = none.get("/api/search?q=Llama");
        CHECK(refused.status == 503);
        CHECK(parsed(refused)["error"].get<std::string>() + "\n" == other.err.substr(other.err.find("error: ") + 7));
    }
}

TEST_CASE("serve: article, facet values, stats, health, and the page's files with their security headers", "[serve]") {
    CorpusIndex index;
    WebServer web({"--db", index.db});
    const std::string id = std::string(DOCKET_CORPUS) + "/lit-kadrey-llama-revenue-sharing.md";
    json doc = parsed(web.get("/api/doc" + query_string({{"id", id}})));
    CHECK(doc["title"] == "Unsealed filing says Meta has revenue-sharing deals with Llama hosts");
    const std::string text = doc["text"];
    bool meta_found = false;
    for (const auto& c : doc["companies"]) {
        for (const auto& m : c["mentions"]) {
            // Every mention's offset points at its text in the article.
            std::size_t at = m["offset"];
            CHECK(text.compare(at, m["text"].get<std::string>().size(), m["text"].get<std::string>()) == 0);
        }
        meta_found |= c["name"] == "Meta" && !c["mentions"].empty();
    }
    CHECK(meta_found);
    CHECK(doc["cases"][0]["name"] == "Kadrey v. Meta");
    CHECK(parsed(web.get("/api/doc/" + query_string({{"", id}}).substr(2)))["id"] == id);  // the id in the path

    json meta = parsed(web.get("/api/facets/company?prefix=me"));
    json list = json::parse(searcher({"--db", index.db, "--json", "--list", "company"}).out);
    std::vector<json> expected;  // --list's values whose name or a word of it starts with "me"
    for (const auto& v : list["values"]) {
        std::string lower = v["value"];
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower.rfind("me", 0) == 0 || lower.find(" me") != std::string::npos) expected.push_back(v);
    }
    CHECK(meta["values"] == json(expected));
    CHECK(meta["values"][0]["value"] == "Meta");
    json llama_cases = parsed(web.get("/api/facets/case?prefix=kad&q=Llama"));
    CHECK(llama_cases["values"][0]["value"] == "Kadrey v. Meta");

    json stats = parsed(web.get("/api/stats"));
    CHECK(stats["documents"] == json::parse(searcher({"--db", index.db, "--json", "--limit", "0"}).out)["total"]);
    CHECK(stats["index_bytes"].get<std::uint64_t>() > 0);
    CHECK(stats["schema_version"].get<std::string>().size() > 0);
    CHECK(stats["last_indexed"].get<std::string>().size() == 20);
    CHECK(parsed(web.get("/healthz"))["status"] == "ok");

    for (const auto& [path, type] : {std::pair{"/", "text/html"}, std::pair{"/app.js", "text/javascript"},
                                     std::pair{"/style.css", "text/css"}, std::pair{"/favicon.svg", "image/svg+xml"}}) {
        INFO(path);
        WebServer::Answer a = web.get(path);
        CHECK(a.status == 200);
        CHECK(a.body.size() > 100);
        auto header = [&](const char* name) { auto h = a.headers.find(name); return h == a.headers.end() ? "" : h->second; };
        CHECK(header("Content-Type").rfind(type, 0) == 0);
        CHECK(header("X-Content-Type-Options") == "nosniff");
        CHECK(header("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
        CHECK(header("Content-Security-Policy").find("unsafe-inline") == std::string::npos);
    }
    CHECK(web.get("/").body.find("<script>") == std::string::npos);  // no inline script: the CSP would block it
}

TEST_CASE("serve: a token guards the API, and addresses other than loopback need one", "[serve]") {
    CorpusIndex index;
    Result open_bind = searcher({"serve", "--db", index.db, "--bind", "0.0.0.0", "--port", "0"});
    CHECK(open_bind.code == 2);
    CHECK(open_bind.err.find("--token") != std::string::npos);
    CHECK(line_count(open_bind.err) == 1);

    WebServer web({"--db", index.db}, {"--token", "s3cret"});
    CHECK(web.get("/api/search?q=Llama").status == 401);
    CHECK(web.get("/api/search?q=Llama", {{"Authorization", "Bearer wrong"}}).status == 401);
    CHECK(web.get("/api/search?q=Llama", {{"Authorization", "Bearer s3cret"}}).status == 200);
    CHECK(web.get("/").status == 200);  // the page holds no data: it asks for the token

    std::ofstream(index.dir.path() / "token") << "from-a-file\n";
    WebServer file_token({"--db", index.db}, {"--token-file", (index.dir.path() / "token").string()});
    CHECK(file_token.get("/api/stats", {{"Authorization", "Bearer from-a-file"}}).status == 200);
    CHECK(file_token.get("/api/stats").status == 401);
}

TEST_CASE("serve: a re-index shows up without a restart, no request fails meanwhile, the index is never written", "[serve]") {
    ArticleFolder folder;
    folder.write("a.md", "Nvidia sells chips", "2025-01-02", "Nvidia sold chips to Microsoft.");
    folder.index();
    const std::string before = index_fingerprint(folder.db);
    WebServer web({"--db", folder.db});
    CHECK(parsed(web.get("/api/search?q=chips"))["total"] == 1);
    std::atomic<bool> indexing{true};
    std::atomic<int> failures{0}, answers{0};
    std::thread load([&] {
        auto client = web.client();
        while (indexing) {
            auto res = client->Get("/api/search?q=chips&months=1");
            if (!res || res->status != 200) ++failures;
            ++answers;
        }
    });
    for (int round = 0; round < 5; ++round) {
        folder.write("more" + std::to_string(round) + ".md", "Chips " + std::to_string(round), "2025-02-0" + std::to_string(round + 1),
                     "AMD makes chips too.");
        folder.index();
    }
    indexing = false;
    load.join();
    CHECK(failures == 0);
    CHECK(answers > 0);
    CHECK(parsed(web.get("/api/search?q=chips"))["total"] == 6);
    // Reads only: after all those requests, serving alone changes no byte of an index.
    const std::string after = index_fingerprint(folder.db);
    for (int i = 0; i < 20; ++i) web.get("/api/search?q=chips&months=1");
    web.get("/api/stats");
    CHECK(index_fingerprint(folder.db) == after);
    CHECK(before != after);  // (the fingerprint sees the indexer's writes)
}

TEST_CASE("serve: SIGTERM stops it cleanly, with one log line per request before", "[serve]") {
    CorpusIndex index;
    WebServer web({"--db", index.db});
    CHECK(web.get("/api/search?q=Llama").status == 200);
    CHECK(web.process().terminate() == 0);
}

// 500 connections at once, each sending one search: every one gets a whole
// answer (200, or 503 when too many wait) or is refused; none hangs, and the server lives on.
TEST_CASE("serve: 500 connections opened at once are answered or refused, never hung", "[serve][load]") {
    CorpusIndex index;
    WebServer web({"--db", index.db}, {"--threads", "4"});
    constexpr int kConnections = 500;
    std::vector<int> fds;
    int refused = 0;
    const sockaddr_in address = loopback(web.port());
    for (int i = 0; i < kConnections; ++i) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            ++refused;
            close(fd);
            continue;
        }
        fds.push_back(fd);
    }
    const std::string request = "GET /api/search?q=revenue+sharing+Llama HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    for (int fd : fds) CHECK(send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    int ok = 0, busy = 0, other = 0, hung = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (int fd : fds) {
        std::string answer;
        char buf[65536];
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{fd, POLLIN, 0};
            if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) {
                ++hung;
                break;
            }
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            answer.append(buf, static_cast<std::size_t>(n));
        }
        close(fd);
        if (answer.rfind("HTTP/1.1 200", 0) == 0) ++ok;
        else if (answer.rfind("HTTP/1.1 503", 0) == 0) ++busy;
        else if (!answer.empty()) ++other;
        else ++refused;  // closed without a word: refused
    }
    INFO("ok " << ok << ", busy " << busy << ", refused " << refused << ", other " << other << ", hung " << hung);
    CHECK(hung == 0);
    CHECK(other == 0);
    CHECK(ok > 0);
    CHECK(ok + busy + refused == kConnections);
    CHECK(web.get("/api/search?q=Llama").status == 200);  // still serving
}

TEST_CASE("export: --format csv|tsv|jsonl and /api/export give one row per match, the same bytes", "[serve][export]") {
    CorpusIndex index;
    // Hand-checked: the five corpus articles naming Kadrey v. Meta, newest first; one title has a comma.
    Result csv = searcher({"--db", index.db, "--case", "Kadrey v. Meta", "--sort", "date", "--format", "csv", "--limit", "0"});
    REQUIRE(csv.code == 0);
    std::vector<std::string> lines;
    std::istringstream rows(csv.out);
    for (std::string line; std::getline(rows, line);) lines.push_back(line);
    REQUIRE(lines.size() == 6);
    CHECK(lines[0] == "rank,score,date,title,path,id,companies,cases,amounts\r");
    CHECK(lines[1].rfind("1,0.0000,2025-06-26,\"Meta wins summary judgment on fair use in authors' case, with caveats\",", 0) == 0);
    CHECK(lines[5].rfind("5,0.0000,2023-07-10,Sarah Silverman and two novelists sue Meta over LLaMA training data,", 0) == 0);
    for (std::size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].find("Kadrey v. Meta") != std::string::npos);

    // Every match with --limit 0, as many rows as the total; the page size of 500 does not show.
    json all = json::parse(searcher({"--db", index.db, "--json", "--limit", "0"}).out);
    Result jsonl = searcher({"--db", index.db, "--format", "jsonl", "--limit", "0"});
    CHECK(line_count(jsonl.out) == all["total"].get<std::size_t>());
    CHECK(line_count(searcher({"--db", index.db, "--format", "tsv", "--limit", "7", "--offset", "3"}).out) == 8);

    WebServer web({"--db", index.db});
    for (const std::string format : {"csv", "tsv", "jsonl"}) {
        INFO(format);
        Result cli = searcher({"--db", index.db, "--format", format, "--limit", "0", "meta"});
        WebServer::Answer api = web.get("/api/export" + query_string({{"q", "meta"}, {"format", format}, {"limit", "0"}}));
        CHECK(api.status == 200);
        CHECK(api.body == cli.out);
        CHECK(api.headers.find("Content-Disposition")->second == "attachment; filename=\"docket-export." + format + "\"");
    }
    CHECK(web.get("/api/export?q=meta&format=xlsx").status == 400);
    CHECK(web.get("/api/export?q=%22meta&format=csv").status == 400);  // before any row: a real status

    // Bad input: one line, exit 2. A closed pipe ends the export quietly.
    check_one_line_error(searcher({"--db", index.db, "--format", "xlsx", "meta"}), "--format");
    check_one_line_error(searcher({"--db", index.db, "--format", "csv", "--json", "meta"}), "--format");
    Result piped = run_command("(" + quote(DOCKET_SEARCHER) + " --db " + quote(index.db) + " --format csv --limit 0 | head -1)");
    CHECK(piped.out == "rank,score,date,title,path,id,companies,cases,amounts\r\n");
    CHECK(piped.err.empty());
}

TEST_CASE("timeline: --timeline and /api/timeline count the articles and amounts per period", "[serve][timeline]") {
    CorpusIndex index;
    // Hand-checked: the five Kadrey v. Meta articles are dated 2023-07-10, 2023-11-21, 2025-03-21,
    // 2025-04-30 and 2025-06-26.
    json kadrey = json::parse(searcher({"--db", index.db, "--json", "--timeline", "year", "--case", "Kadrey v. Meta"}).out);
    const json& years = kadrey["timeline"]["periods"];
    REQUIRE(years.size() == 3);
    CHECK(years[0]["period"] == "2023");
    CHECK(years[0]["articles"] == 2);
    CHECK(years[1]["period"] == "2024");
    CHECK(years[1]["articles"] == 0);  // an empty year between is shown
    CHECK(years[2]["articles"] == 3);
    CHECK(kadrey["timeline"]["undated"]["articles"] == 0);

    // Every month's articles and per-currency sums equal what the hits' own dates and amounts add up to.
    json all = json::parse(searcher({"--db", index.db, "--json", "--limit", "10000", "--no-facets", "--no-snippets"}).out);
    std::map<std::string, int> articles;
    std::map<std::string, std::map<std::string, double>> sums;
    for (const auto& h : all["hits"]) {
        const std::string date = h["date"];
        const std::string month = date.empty() ? "" : date.substr(0, 7);
        ++articles[month];
        for (const auto& a : h["amounts"]) sums[month][a["currency"]] += (a["min"].get<double>() + a["max"].get<double>()) / 2;
    }
    json months = json::parse(searcher({"--db", index.db, "--json", "--timeline", "month"}).out)["timeline"];
    int dated = 0;
    for (const auto& p : months["periods"]) {
        INFO(p["period"]);
        const std::string month = p["period"];
        CHECK(p["articles"].get<int>() == articles[month]);
        dated += p["articles"].get<int>();
        for (const auto& a : p["amounts"]) CHECK(a["sum"].get<double>() == Approx(sums[month][a["currency"]]));
    }
    CHECK(dated + months["undated"]["articles"].get<int>() == all["total"].get<int>());

    Result text = searcher({"--db", index.db, "--timeline", "year", "--case", "Kadrey v. Meta"});
    CHECK(text.out.find("2023          2 ") != std::string::npos);
    CHECK(text.out.find("2024          0") != std::string::npos);

    WebServer web({"--db", index.db});
    for (const std::string period : {"week", "month", "year"}) {
        Result cli = searcher({"--db", index.db, "--json", "--timeline", period, "llama"});
        WebServer::Answer api = web.get("/api/timeline" + query_string({{"period", period}, {"q", "llama"}}));
        CHECK(api.status == 200);
        CHECK(parsed(api) == json::parse(cli.out));
    }
    CHECK(web.get("/api/timeline?period=fortnight").status == 400);
    check_one_line_error(searcher({"--db", index.db, "--timeline", "day", "llama"}), "--timeline");
    check_one_line_error(searcher({"--db", index.db, "--timeline", "month", "--format", "csv", "llama"}), "--timeline");
}

TEST_CASE("summary: --summary and /api/summary profile each company or case over the matches", "[serve][summary]") {
    CorpusIndex index;
    // Hand-checked on corpus/: Kadrey v. Meta is named by five articles from 2023-07-10 to
    // 2025-06-26, all of which name Meta.
    json kadrey = json::parse(searcher({"--db", index.db, "--json", "--summary", "case", "--case", "Kadrey v. Meta"}).out);
    REQUIRE(kadrey["summary"].size() == 1);
    const json& s = kadrey["summary"][0];
    CHECK(s["value"] == "Kadrey v. Meta");
    CHECK(s["articles"] == 5);
    CHECK(s["first_date"] == "2023-07-10");
    CHECK(s["last_date"] == "2025-06-26");
    CHECK(s["with"][0] == json({{"kind", "company"}, {"value", "Meta"}, {"articles", 5}}));
    CHECK(s["largest_amounts"].size() == 3);

    // Every company's article count is its facet count.
    json facets = json::parse(searcher({"--db", index.db, "--json", "--facet-limit", "0", "llama"}).out)["facets"]["company"];
    json summary = json::parse(searcher({"--db", index.db, "--json", "--summary", "company", "--facet-limit", "0", "llama"}).out);
    REQUIRE(summary["summary"].size() == facets.size());
    for (std::size_t i = 0; i < facets.size(); ++i) {
        CHECK(summary["summary"][i]["value"] == facets[i]["value"]);
        CHECK(summary["summary"][i]["articles"] == facets[i]["count"]);
    }
    Result text = searcher({"--db", index.db, "--summary", "case", "--case", "Kadrey v. Meta"});
    CHECK(text.out.find("Kadrey v. Meta: 5 articles, 2023-07-10 to 2025-06-26") != std::string::npos);
    CHECK(text.out.find("  with: Meta (5)") != std::string::npos);

    WebServer web({"--db", index.db});
    Result cli = searcher({"--db", index.db, "--json", "--summary", "company", "llama"});
    WebServer::Answer api = web.get("/api/summary" + query_string({{"kind", "company"}, {"q", "llama"}}));
    CHECK(api.status == 200);
    CHECK(parsed(api) == json::parse(cli.out));
    CHECK(web.get("/api/summary?kind=amount").status == 400);
    check_one_line_error(searcher({"--db", index.db, "--summary", "amount", "llama"}), "--summary");
    check_one_line_error(searcher({"--db", index.db, "--summary", "company", "--timeline", "month", "llama"}), "--summary");
}
