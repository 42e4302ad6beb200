// The command-line block both mains share: parse, answer --help and --version
// on stdout (exit 0), and a bad command line with one line on stderr (exit 2).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "cli_checks.h"
#include "config.h"

namespace docket::cli {

// The name the program was run by (argv[0] without its folder: "docket-search",
// or "searcher" in the build tree or through the lib/docket/bin links), so that
// messages and usage lines name the command the user typed.
inline std::string program_name(const char* argv0, std::string_view fallback) {
    std::string_view name = argv0 ? argv0 : "";
    if (auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    return std::string(name.empty() ? fallback : name);
}

// Parses argv into `app`; `after` (if given) runs right after the parse and may
// throw a CLI::ParseError of its own (e.g. CLI::RequiredError). Returns the exit
// code when the program is done (0 after --help or --version, 2 after an error
// "PROGRAM: error: WHAT (see PROGRAM --help)"), nothing when it should go on.
inline std::optional<int> parse(CLI::App& app, int argc, char** argv, const std::string& program,
                                const std::function<void()>& after = {}) {
    try {
        app.parse(argc, argv);
        if (after) after();
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << program << ": error: " << e.what() << " (see " << program << " --help)\n";
        return 2;
    }
    return std::nullopt;
}

// The config file and DOCKET_DB (config.h); a malformed file is one line on
// stderr ("PROGRAM: error: FILE:LINE: ...") and nothing returned (exit 2).
inline std::optional<config::Config> load_config(const std::string& program) {
    try {
        return config::Config::load(std::getenv);
    } catch (const config::ConfigError& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return std::nullopt;
    }
}

// The one value of a single-valued setting ("" when it has none).
inline std::string single(const config::Setting& s) { return s.values.empty() ? "" : s.values.front(); }

}  // namespace docket::cli
