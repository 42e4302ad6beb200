// Settings both programs read besides their command line: the DOCKET_DB
// environment variable and a config file of `key = value` lines
// ($DOCKET_CONFIG, else $XDG_CONFIG_HOME/docket/config, else
// ~/.config/docket/config). Precedence: command line > environment > config
// file > built-in default; resolve() says which one a value came from.
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace docket::config {

// "FILE:LINE: what is wrong", or a DOCKET_CONFIG naming no file.
class ConfigError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Entry {
    std::string key;
    std::string value;
    std::string origin;  // "FILE:LINE"
};

// Parses config lines: `key = value`, `#` comments, blank lines. Keys: db,
// limit (0 to 10000), color (auto, always, never), gazetteer (repeatable); a
// relative db or gazetteer path is taken from `file`'s folder. Throws
// ConfigError naming `file` and the line.
std::vector<Entry> parse(std::istream& in, const std::string& file);

// One effective setting: its values (several for gazetteer, none for an unset
// db) and where they came from ("command line", "DOCKET_DB", "FILE:LINE", "default").
struct Setting {
    std::string key;
    std::vector<std::string> values;
    std::string origin;
};

using Getenv = std::function<const char*(const char*)>;

class Config {
public:
    // Finds and reads the config file; a missing default file is no error, a
    // missing $DOCKET_CONFIG file is. Throws ConfigError.
    static Config load(const Getenv& getenv);
    Config(std::string path, std::string path_origin, std::vector<Entry> entries, const Getenv& getenv);

    // The setting for `key`: `current` from the command line when `given`,
    // else DOCKET_DB (key db), else the file's lines, else `current` as the default.
    Setting resolve(std::string_view key, bool given, std::vector<std::string> current) const;

    // --print-config: "config = PATH (from ...)" then "key = value (from ...)" per setting.
    std::string describe(const std::vector<Setting>& settings) const;

private:
    std::string path_;         // the config file looked for ("" without HOME)
    std::string path_origin_;  // DOCKET_CONFIG, XDG_CONFIG_HOME or HOME
    bool found_ = false;
    std::vector<Entry> entries_;
    std::optional<std::string> env_db_;
};

}  // namespace docket::config
