// indexer: command-line front-end. Parses options and hands over to run_index()
// or run_extract(). Exit codes: 0 done, 1 done but some files were skipped as
// broken, 2 error (bad arguments, locked or incompatible index), 130 interrupted
// (SIGINT/SIGTERM) after committing the work done.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "extract_cmd.h"
#include "index_run.h"
#include "version.h"

namespace {

// SIGINT/SIGTERM: finish the files in progress, commit, and stop.
std::atomic<bool> g_stop{false};
extern "C" void request_stop(int) { g_stop = true; }

}  // namespace

int main(int argc, char** argv) {
    const std::string program = docket::cli::program_name(argc > 0 ? argv[0] : nullptr, "indexer");
    CLI::App app{program + ": index a directory of news articles (.md .txt .html .json .jsonl) for Docket's searcher",
                 program};
    app.option_defaults()->always_capture_default();  // --help shows each default
    app.set_version_flag("--version", docket::version_line("indexer"), "Print the version, index schema and Xapian version");
    std::string db;
    std::vector<std::string> roots, gazetteers, excludes;
    bool extract = false, quiet = false, verbose = false;
    std::size_t commit_every = 10000, jobs = 0, files_per_shard = 1000, shards = 0;
    app.add_option("--db", db, "Index directory to create or update (default: DOCKET_DB, or db in the config file; required unless --extract)");
    app.add_flag("--extract", extract, "Print each article's entities as JSON lines instead of indexing");
    app.add_option("--gazetteer", gazetteers, "Extra company gazetteer file (TSV, see README); repeatable")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    app.add_option("--exclude", excludes, "Leave out files matching this pattern (e.g. 'README.md', 'drafts/*'); repeatable")
        ->allow_extra_args(false);
    app.add_option("--commit-every", commit_every,
                   "Commit after this many documents (bounds memory and the work a crash can lose)")
        ->check(docket::cli::whole_number(1));
    app.add_option("--jobs,-j", jobs, "Threads that read, parse and extract (0 = one per core; never more than files to read)")
        ->check(CLI::Range(std::size_t{0}, docket::kMaxJobs).description("0 to " + std::to_string(docket::kMaxJobs)));
    app.add_option("--files-per-shard", files_per_shard,
                   "A new index of many files is built as parallel shards of this many files, then merged")
        ->check(docket::cli::whole_number(1));
    app.add_option("--shards", shards,
                   "Split the index into this many shard databases in the --db directory, listed by a stub file "
                   "(articles assigned by a hash of their file path; an existing set keeps its count)")
        ->check(CLI::Range(1, 1000));
    app.add_flag("-q,--quiet", quiet, "Only print errors");
    app.add_flag("-v,--verbose", verbose, "Also log skipped unsupported files");
    bool print_config = false;
    app.add_flag("--print-config", print_config, "Print each setting (db, gazetteer) and where it came from, and exit");
    app.add_option("paths", roots, "Files and directories to index (required)");

    if (auto done = docket::cli::parse(app, argc, argv, program, [&] {
            if (!print_config && roots.empty()) throw CLI::RequiredError("paths");
        }))
        return *done;
    auto config = docket::cli::load_config(program);
    if (!config) return 2;
    const auto db_setting = config->resolve("db", app.count("--db") > 0, db.empty() ? std::vector<std::string>{} : std::vector{db});
    const auto gazetteer_setting = config->resolve("gazetteer", app.count("--gazetteer") > 0, gazetteers);
    if (print_config) {
        std::cout << config->describe({db_setting, gazetteer_setting});
        return 0;
    }
    db = docket::cli::single(db_setting);
    gazetteers = gazetteer_setting.values;
    if (!extract && db.empty()) {
        std::cerr << program << ": error: --db is required (or DOCKET_DB, or db in the config file; see " << program
                  << " --help)\n";
        return 2;
    }

    // From here on, SIGINT/SIGTERM mean: stop after committing what is done.
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    auto logger = spdlog::stderr_color_mt("indexer");
    logger->set_pattern(program + ": %^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(quiet ? spdlog::level::err : verbose ? spdlog::level::debug : spdlog::level::info);

    try {
        docket::Gazetteer gazetteer = docket::Gazetteer::builtin();
        // A user's own entries: --gazetteer files, and gazetteer.tsv kept in the index directory.
        if (!db.empty() && std::filesystem::exists(std::filesystem::path(db) / "gazetteer.tsv"))
            gazetteers.push_back((std::filesystem::path(db) / "gazetteer.tsv").string());
        for (const auto& g : gazetteers) gazetteer.load_file(g);
        if (extract) return docket::run_extract(roots, excludes, gazetteer, std::cout) ? 1 : 0;
        docket::IndexOptions options{db, roots, excludes, commit_every, jobs, !quiet, files_per_shard, shards};
        docket::IndexSummary summary = docket::run_index(options, gazetteer, g_stop);
        std::cout << summary.line() << "\n";
        if (summary.interrupted) return 130;
        return summary.broken ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 2;
    }
}
