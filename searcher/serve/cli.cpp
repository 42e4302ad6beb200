// `searcher serve`'s command line: the CLI's index options plus the server's own.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "cli.h"
#include "serve.h"
#include "text/text.h"

namespace docket::serve {

int serve_main(const std::string& program, int argc, char** argv) {
    const std::string command = program + " serve";
    CLI::App app{command + ": the HTTP JSON API and the web page over a Docket index", command};
    app.option_defaults()->always_capture_default();
    ServeOptions options;
    options.program = program;
    std::string token_file;
    app.add_option("--db", options.indexes.paths,
                   "Index directory, shard-set directory or stub file, as for searcher; repeatable")
        ->allow_extra_args(false);
    app.add_option("--remote", options.indexes.remotes, "A shard served by xapian-tcpsrv at HOST:PORT; repeatable")
        ->allow_extra_args(false);
    app.add_option("--timeout", options.indexes.timeout_ms, "Milliseconds to wait for a remote shard")
        ->check(CLI::Range(1u, 3600000u));
    app.add_flag("--allow-partial", options.indexes.allow_partial, "If a shard cannot be reached, answer from the others");
    app.add_option("--bind", options.bind, "Address to listen on; other than loopback it needs --token or --token-file");
    app.add_option("--port", options.port, "Port to listen on (0: any free port; the URL is printed)")->check(CLI::Range(0, 65535));
    app.add_option("--threads", options.threads, "Worker threads, each with its own open index")->check(CLI::Range(1u, 256u));
    auto* token = app.add_option("--token", options.token, "Every API request must send Authorization: Bearer SECRET");
    app.add_option("--token-file", token_file, "Read the token from this file's first line")
        ->check(CLI::ExistingFile)
        ->excludes(token);
    app.add_option("--gazetteer", options.gazetteers, "Extra company gazetteer given to the indexer (for the article view)")
        ->check(CLI::ExistingFile)
        ->allow_extra_args(false);
    app.add_option("--time-limit", options.time_limit_ms, "Milliseconds a search may take before it is stopped with 503 (0: none)");
    app.add_option("--saved-file", options.saved_file,
                   "The saved searches the page lists (default: beside the first --db, PATH.saved.json)");
    app.add_flag("--count-beside", options.count_beside,
                 "While a core is idle, count a search's matches in a second thread (faster alone, slower under load)");
    app.add_option("--max-queue", options.max_queue, "Connections that may wait for a worker; more get 503 at once");
    bool print_config = false;
    app.add_flag("--print-config", print_config, "Print each setting (db, gazetteer) and where it came from, and exit");
    if (auto done = cli::parse(app, argc, argv, command)) return *done;
    auto config = cli::load_config(command);
    if (!config) return 2;
    const auto db_setting = config->resolve("db", app.count("--db") > 0 || !options.indexes.remotes.empty(), options.indexes.paths);
    const auto gazetteer_setting = config->resolve("gazetteer", app.count("--gazetteer") > 0, options.gazetteers);
    if (print_config) {
        std::cout << config->describe({db_setting, gazetteer_setting});
        return 0;
    }
    options.indexes.paths = db_setting.values;
    options.gazetteers = gazetteer_setting.values;

    auto fail = [&](const std::string& message) {
        std::cerr << command << ": error: " << message << "\n";
        return 2;
    };
    if (!token_file.empty()) {
        std::ifstream in(token_file);
        std::getline(in, options.token);
        options.token = text::trim(options.token);
        if (options.token.empty()) return fail("--token-file " + token_file + ": the first line holds no token");
    }
    if (options.indexes.paths.empty() && options.indexes.remotes.empty()) return fail("--db PATH or --remote HOST:PORT is required");
    if (!is_loopback(options.bind) && options.token.empty())
        return fail("--bind " + options.bind + " is not a loopback address: anyone who can reach it could read the index; "
                    "give --token SECRET or --token-file FILE");
    return run_server(options);
}

}  // namespace docket::serve
