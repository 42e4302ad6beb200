// DOCKET_DB and the config file, through the real binaries with HOME and
// XDG_CONFIG_HOME pointed at a temporary folder: precedence, --print-config,
// and a malformed file as one line naming the file and line (exit 2).
#include <catch2/catch.hpp>

#include "run.h"

using namespace e2e;

namespace {

// A home of its own, so the user's own config never leaks in.
struct Home {
    TempDir dir;
    std::filesystem::path config = dir.path() / "xdg" / "docket" / "config";
    Home() { std::filesystem::create_directories(config.parent_path()); }
    void write(const std::string& text) const { std::ofstream(config) << text; }
    Result run(const std::string& program, const std::vector<std::string>& args, const std::string& env = "") const {
        std::string cmd = "env -u DOCKET_DB -u DOCKET_CONFIG HOME=" + quote(dir.path().string()) +
                          " XDG_CONFIG_HOME=" + quote((dir.path() / "xdg").string()) + " " + env + " " + quote(program);
        for (const auto& a : args) cmd += " " + quote(a);
        return run_command(cmd);
    }
};

}  // namespace

TEST_CASE("config: db and limit from the file, DOCKET_DB over it, the command line over both", "[config]") {
    Home home;
    const std::string db = (home.dir.path() / "news.db").string();
    home.write("# my settings\ndb = news.db\nlimit = 2\ncolor = never\n");  // relative: from the config's folder
    const std::string file_db = (home.config.parent_path() / "news.db").string();
    Result indexed = home.run(DOCKET_INDEXER, {"-q", DOCKET_CORPUS});
    INFO(indexed.err);
    REQUIRE(indexed.code == 0);
    CHECK(std::filesystem::exists(file_db));
    Result found = home.run(DOCKET_SEARCHER, {"--json", "revenue", "sharing", "Llama"});
    INFO(found.err);
    CHECK(found.code == 0);
    CHECK(found.out.find("\"limit\": 2") != std::string::npos);
    CHECK(home.run(DOCKET_SEARCHER, {"--json", "--limit", "4", "llama"}).out.find("\"limit\": 4") != std::string::npos);

    // DOCKET_DB beats the file: an index that is not there is the error.
    Result env = home.run(DOCKET_SEARCHER, {"llama"}, "DOCKET_DB=" + quote(db));
    check_one_line_error(env, db);
    Result print = home.run(DOCKET_SEARCHER, {"--print-config"}, "DOCKET_DB=" + quote(db));
    CHECK(print.code == 0);
    CHECK(print.out == "config = " + home.config.string() + " (from XDG_CONFIG_HOME)\n" + "db = " + db +
                           " (from DOCKET_DB)\n" + "limit = 2 (from " + home.config.string() + ":3)\n" +
                           "color = never (from " + home.config.string() + ":4)\n");
    // The command line beats both.
    Result cli = home.run(DOCKET_SEARCHER, {"--db", file_db, "--color", "auto", "--print-config"}, "DOCKET_DB=/x");
    CHECK(cli.out.find("db = " + file_db + " (from command line)") != std::string::npos);
    CHECK(cli.out.find("color = auto (from command line)") != std::string::npos);
}

TEST_CASE("config: the indexer's db and gazetteers, DOCKET_CONFIG naming another file", "[config]") {
    Home home;
    const auto other = home.dir.path() / "other.conf";
    std::ofstream(home.dir.path() / "extra.tsv") << "Zyxwv Widgets\tZyxwv\n";
    std::ofstream(other) << "db = " << (home.dir.path() / "db").string() << "\ngazetteer = extra.tsv\n";
    Result print = home.run(DOCKET_INDEXER, {"--print-config"}, "DOCKET_CONFIG=" + quote(other.string()));
    CHECK(print.code == 0);
    CHECK(print.out == "config = " + other.string() + " (from DOCKET_CONFIG)\n" + "db = " +
                           (home.dir.path() / "db").string() + " (from " + other.string() + ":1)\n" + "gazetteer = " +
                           (home.dir.path() / "extra.tsv").string() + " (from " + other.string() + ":2)\n");
    const auto docs = home.dir.path() / "docs";
    std::filesystem::create_directories(docs);
    std::ofstream(docs / "a.md") << "---\ntitle: Zyxwv results\ndate: 2025-01-01\n---\nZyxwv said profits rose.\n";
    Result extract = home.run(DOCKET_INDEXER, {"--extract", docs.string()}, "DOCKET_CONFIG=" + quote(other.string()));
    CHECK(extract.out.find("\"name\":\"Zyxwv Widgets\"") != std::string::npos);
    // Without a config file or DOCKET_DB, --db is still required.
    check_one_line_error(home.run(DOCKET_INDEXER, {docs.string()}), "--db is required");
    CHECK(home.run(DOCKET_INDEXER, {"--print-config"}).out ==
          "config = " + home.config.string() + " (from XDG_CONFIG_HOME; not found)\ndb = (none) (default)\n"
          "gazetteer = (none) (default)\n");
}

TEST_CASE("config: a malformed file is one line naming the file and line, exit 2, for every program", "[config]") {
    Home home;
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"db = x\nlimit = 5\ncolour = never\n", ":3: unknown key 'colour'"},
        {"limit five\n", ":1: expected 'key = value'"},
        {"color = blue\n", ":1: color: expected auto, always or never, got 'blue'"},
        {"limit = 20000\n", ":1: limit: expected a whole number from 0 to 10000"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        home.write(c.text);
        const std::string where = home.config.string() + c.message;
        Result s = home.run(DOCKET_SEARCHER, {"llama"});
        check_one_line_error(s, where);
        CHECK(s.err.rfind("searcher: error: " + home.config.string() + ":", 0) == 0);
        check_one_line_error(home.run(DOCKET_INDEXER, {"--print-config"}), where);
        check_one_line_error(home.run(DOCKET_SEARCHER, {"serve", "--print-config"}), where);
    }
    check_one_line_error(home.run(DOCKET_SEARCHER, {"llama"}, "DOCKET_CONFIG=/nonexistent-docket.conf"),
                         "/nonexistent-docket.conf: cannot read the config file named by DOCKET_CONFIG");
}
