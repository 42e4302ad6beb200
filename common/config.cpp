#include "config.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/text.h"

namespace docket::config {

namespace {

struct Key {
    std::string_view name;
    bool repeatable;
    bool path;  // relative values are taken from the config file's folder
    std::string (*check)(const std::string& value);  // "" or why the value is bad
};

std::string check_limit(const std::string& v) {
    const bool digits = !v.empty() && v.size() <= 5 && v.find_first_not_of("0123456789") == std::string::npos;
    return digits && std::stoul(v) <= 10000 ? "" : "expected a whole number from 0 to 10000";
}
std::string check_color(const std::string& v) {
    return v == "auto" || v == "always" || v == "never" ? "" : "expected auto, always or never";
}
std::string check_any(const std::string&) { return ""; }

constexpr std::array<Key, 4> kKeys{{
    {"db", false, true, check_any},
    {"limit", false, false, check_limit},
    {"color", false, false, check_color},
    {"gazetteer", true, true, check_any},
}};

const Key* find_key(std::string_view name) {
    for (const Key& k : kKeys)
        if (k.name == name) return &k;
    return nullptr;
}

}  // namespace

std::vector<Entry> parse(std::istream& in, const std::string& file) {
    std::vector<Entry> entries;
    const std::filesystem::path folder = std::filesystem::path(file).parent_path();
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string where = file + ":" + std::to_string(number);
        auto fail = [&](const std::string& why) { throw ConfigError(where + ": " + why); };
        std::string content = text::trim(line);
        if (content.empty() || content[0] == '#') continue;
        const auto eq = content.find('=');
        if (eq == std::string::npos) fail("expected 'key = value', got '" + content + "'");
        const std::string key = text::trim(content.substr(0, eq));
        const std::string value = text::trim(content.substr(eq + 1));
        const Key* k = find_key(key);
        if (!k) fail("unknown key '" + key + "' (keys: db, limit, color, gazetteer)");
        if (value.empty()) fail("'" + key + "' has no value");
        if (std::string why = k->check(value); !why.empty()) fail(key + ": " + why + ", got '" + value + "'");
        if (!k->repeatable)
            for (const Entry& e : entries)
                if (e.key == key) fail("'" + key + "' is set twice (first at " + e.origin + ")");
        std::string v = value;
        if (k->path && std::filesystem::path(v).is_relative()) v = (folder / v).string();
        entries.push_back({key, v, where});
    }
    return entries;
}

Config Config::load(const Getenv& getenv) {
    std::string path, origin;
    auto set = [&](const char* name) { return getenv(name) && *getenv(name); };
    if (set("DOCKET_CONFIG")) {
        path = getenv("DOCKET_CONFIG");
        origin = "DOCKET_CONFIG";
    } else if (set("XDG_CONFIG_HOME")) {
        path = std::string(getenv("XDG_CONFIG_HOME")) + "/docket/config";
        origin = "XDG_CONFIG_HOME";
    } else if (set("HOME")) {
        path = std::string(getenv("HOME")) + "/.config/docket/config";
        origin = "HOME";
    }
    std::vector<Entry> entries;
    // A default path we may not even look into (another user's HOME) counts as no file.
    std::error_code ec;
    const bool exists = !path.empty() && std::filesystem::exists(path, ec);
    if (exists || origin == "DOCKET_CONFIG") {
        std::ifstream in(path);
        if (!in)
            throw ConfigError(path + ": cannot read the config file" +
                              (origin == "DOCKET_CONFIG" ? std::string(" named by DOCKET_CONFIG") : ""));
        entries = parse(in, path);
    }
    Config config(path, origin, std::move(entries), getenv);
    config.found_ = exists;
    return config;
}

Config::Config(std::string path, std::string path_origin, std::vector<Entry> entries, const Getenv& getenv)
    : path_(std::move(path)), path_origin_(std::move(path_origin)), entries_(std::move(entries)) {
    if (const char* db = getenv("DOCKET_DB"); db && *db) env_db_ = db;
}

Setting Config::resolve(std::string_view key, bool given, std::vector<std::string> current) const {
    Setting s{std::string(key), {}, ""};
    if (given) {
        s.values = std::move(current);
        s.origin = "command line";
    } else if (key == "db" && env_db_) {
        s.values = {*env_db_};
        s.origin = "DOCKET_DB";
    } else {
        for (const Entry& e : entries_)
            if (e.key == key) {
                s.values.push_back(e.value);
                if (s.origin.empty()) s.origin = e.origin;
            }
        if (s.values.empty()) {
            s.values = std::move(current);
            s.origin = "default";
        }
    }
    return s;
}

std::string Config::describe(const std::vector<Setting>& settings) const {
    std::ostringstream out;
    if (path_.empty()) out << "config = (none: HOME is not set)\n";
    else out << "config = " << path_ << " (from " << path_origin_ << (found_ ? "" : "; not found") << ")\n";
    for (const Setting& s : settings) {
        const std::string from = s.origin == "default" ? "(default)" : "(from " + s.origin + ")";
        if (s.values.empty()) out << s.key << " = (none) " << from << "\n";
        for (const auto& v : s.values) out << s.key << " = " << v << " " << from << "\n";
    }
    return out.str();
}

}  // namespace docket::config
