// The config file's lines (common/config): good lines, near-misses that must
// fail with the file and line, and the precedence of command line, DOCKET_DB,
// file and default.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "config.h"

using namespace docket::config;

namespace {

std::vector<Entry> parse_text(const std::string& text) {
    std::istringstream in(text);
    return parse(in, "/home/u/.config/docket/config");
}

}  // namespace

TEST_CASE("config: good lines give key, value and origin", "[config]") {
    struct Case {
        const char* text;
        const char* key;
        const char* value;
        const char* origin;
    };
    const Case cases[] = {
        {"db = /srv/news.db\n", "db", "/srv/news.db", "/home/u/.config/docket/config:1"},
        {"db=news.db", "db", "/home/u/.config/docket/news.db", "/home/u/.config/docket/config:1"},  // from the file's folder
        {"# comment\n\n  limit   =   25  \n", "limit", "25", "/home/u/.config/docket/config:3"},
        {"limit = 0", "limit", "0", "/home/u/.config/docket/config:1"},
        {"limit = 10000", "limit", "10000", "/home/u/.config/docket/config:1"},
        {"color = never", "color", "never", "/home/u/.config/docket/config:1"},
        {"\tcolor = always\t", "color", "always", "/home/u/.config/docket/config:1"},
        {"gazetteer = /etc/docket/extra.tsv", "gazetteer", "/etc/docket/extra.tsv", "/home/u/.config/docket/config:1"},
        {"db = /a b/with = sign", "db", "/a b/with = sign", "/home/u/.config/docket/config:1"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        auto entries = parse_text(c.text);
        REQUIRE(entries.size() == 1);
        CHECK(entries[0].key == c.key);
        CHECK(entries[0].value == c.value);
        CHECK(entries[0].origin == c.origin);
    }
    auto two = parse_text("gazetteer = a.tsv\ngazetteer = /b.tsv\n");
    REQUIRE(two.size() == 2);
    CHECK(two[0].value == "/home/u/.config/docket/a.tsv");
    CHECK(two[1].value == "/b.tsv");
    CHECK(parse_text("# only comments\n\n   \n").empty());
}

TEST_CASE("config: near-misses fail naming the file and line", "[config]") {
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"db /srv/news.db", "config:1: expected 'key = value', got 'db /srv/news.db'"},
        {"limit = 5\ncolour = never", "config:2: unknown key 'colour'"},
        {"Limit = 5", "config:1: unknown key 'Limit'"},
        {"= 5", "config:1: unknown key ''"},
        {"db =", "config:1: 'db' has no value"},
        {"limit = -1", "config:1: limit: expected a whole number from 0 to 10000, got '-1'"},
        {"limit = 10001", "got '10001'"},
        {"limit = 5x", "got '5x'"},
        {"limit = 99999999999999999999", "limit: expected a whole number"},
        {"color = yes", "config:1: color: expected auto, always or never, got 'yes'"},
        {"color = Never", "got 'Never'"},
        {"db = a\n# x\ndb = b", "config:3: 'db' is set twice (first at /home/u/.config/docket/config:1)"},
        {"limit = 5 # five", "got '5 # five'"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        try {
            parse_text(c.text);
            FAIL("no error for: " << c.text);
        } catch (const ConfigError& e) {
            const std::string what = e.what();
            CHECK(what.rfind("/home/u/.config/docket/config:", 0) == 0);
            CHECK(what.find(c.message) != std::string::npos);
            CHECK(what.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("config: command line > DOCKET_DB > config file > default", "[config]") {
    std::map<std::string, std::string> env;
    Getenv getenv = [&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    const std::vector<Entry> file{{"db", "/file.db", "/c:1"}, {"limit", "7", "/c:2"}, {"gazetteer", "/g1", "/c:3"},
                                  {"gazetteer", "/g2", "/c:4"}};
    {
        Config config("/c", "DOCKET_CONFIG", file, getenv);
        CHECK(config.resolve("db", false, {}).values == std::vector<std::string>{"/file.db"});
        CHECK(config.resolve("db", false, {}).origin == "/c:1");
        CHECK(config.resolve("limit", true, {"3"}).origin == "command line");
        CHECK(config.resolve("limit", true, {"3"}).values == std::vector<std::string>{"3"});
        CHECK(config.resolve("color", false, {"auto"}).origin == "default");
        CHECK(config.resolve("gazetteer", false, {}).values == std::vector<std::string>{"/g1", "/g2"});
        CHECK(config.resolve("gazetteer", true, {"/cli"}).values == std::vector<std::string>{"/cli"});
    }
    env["DOCKET_DB"] = "/env.db";
    Config config("/c", "DOCKET_CONFIG", file, getenv);
    CHECK(config.resolve("db", false, {}).values == std::vector<std::string>{"/env.db"});
    CHECK(config.resolve("db", false, {}).origin == "DOCKET_DB");
    CHECK(config.resolve("db", true, {"/cli.db"}).origin == "command line");
    CHECK(config.describe({config.resolve("db", false, {}), config.resolve("color", false, {"auto"})}) ==
          "config = /c (from DOCKET_CONFIG; not found)\ndb = /env.db (from DOCKET_DB)\ncolor = auto (default)\n");
}

TEST_CASE("config: where the file is looked for", "[config]") {
    std::map<std::string, std::string> env{{"HOME", "/nonexistent-home"}};
    Getenv getenv = [&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    CHECK(Config::load(getenv).describe({}) == "config = /nonexistent-home/.config/docket/config (from HOME; not found)\n");
    env["XDG_CONFIG_HOME"] = "/nonexistent-xdg";
    CHECK(Config::load(getenv).describe({}) == "config = /nonexistent-xdg/docket/config (from XDG_CONFIG_HOME; not found)\n");
    env["DOCKET_CONFIG"] = "/nonexistent-config";
    CHECK_THROWS_WITH(Config::load(getenv), "/nonexistent-config: cannot read the config file named by DOCKET_CONFIG");
}
