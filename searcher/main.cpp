// searcher: command-line front-end. Parses options into a SearchRequest, runs
// it, prints with the chosen printer. Exit codes: 0 hits, 1 no hits, 2 error.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iostream>

#include "cli.h"
#include "batch.h"
#include "export.h"
#include "index/schema.h"
#include "index_set.h"
#include "printers.h"
#include "query.h"
#include "saved/saved.h"
#include "search.h"
#include "serve/serve.h"
#include "text/text.h"
#include "version.h"

namespace {

int run_batch_mode(const std::string& program, docket::IndexSet& indexes, const docket::SearchRequest& request,
                   const std::string& batch_file, const std::string& run_file, const std::string& tag) {
    std::ifstream in(batch_file);
    if (!in) throw docket::QueryError("cannot read " + batch_file);
    auto queries = docket::read_batch_queries(in, batch_file);
    std::ofstream file;
    if (!run_file.empty() && run_file != "-") {
        file.open(run_file, std::ios::trunc);
        if (!file) throw docket::QueryError("--run: cannot write " + run_file);
    }
    std::ostringstream discard;
    std::ostream& run = file.is_open() ? file : run_file == "-" ? std::cout : discard;
    auto search = [&](const docket::SearchRequest& r) { return docket::search_with_retry(indexes, r, docket::Highlight{}); };
    auto stats = docket::run_batch(search, request, queries, tag, run);
    for (const auto& m : indexes.missing())
        std::cerr << program << ": warning: shard " << m.name << " unavailable: " << m.reason << " (results are partial)\n";
    run.flush();
    if (!run) throw docket::QueryError("--run: write failed for " + run_file);
    for (const auto& why : stats.skipped) std::cerr << program << ": error: " << why << " (skipped: no rows written)\n";
    std::fprintf(stderr, "batch: %zu queries in %.2f s, latency ms p50 %.2f p95 %.2f p99 %.2f\n", stats.queries,
                 stats.total_seconds, stats.p50_ms, stats.p95_ms, stats.p99_ms);
    return stats.skipped.empty() ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
    // `searcher serve ...` runs the HTTP server; only as the first word, so a query may still say "serve".
    const std::string program = docket::cli::program_name(argc > 0 ? argv[0] : nullptr, "searcher");
    if (argc > 1 && std::string_view(argv[1]) == "serve") return docket::serve::serve_main(program, argc - 1, argv + 1);
    CLI::App app{program + ": ranked, faceted search over a Docket index", program};
    app.option_defaults()->always_capture_default();  // --help shows each default
    app.set_version_flag("--version", docket::version_line("searcher"), "Print the version, index schema and Xapian version");
    docket::SearchRequest request;
    std::vector<std::string> words;
    std::string amount_min, amount_max, color = "auto", sort = "relevance";
    bool json = false, no_facets = false, no_snippets = false;
    std::string batch_file, run_file, run_tag = "docket";
    app.add_option("--db", request.databases,
                   "Index directory, shard-set directory or stub file (auto PATH / remote HOST:PORT lines); "
                   "repeat to search several as one (default: DOCKET_DB, or db in the config file; required unless --remote)")
        ->allow_extra_args(false);
    std::vector<std::string> remotes;
    unsigned timeout_ms = 10000;
    bool allow_partial = false;
    app.add_option("--remote", remotes, "A shard served by xapian-tcpsrv at HOST:PORT; repeatable, mixes with --db")
        ->allow_extra_args(false);
    app.add_option("--timeout", timeout_ms, "Milliseconds to wait for a remote shard (connect and each operation)")
        ->check(CLI::Range(1u, 3600000u));
    app.add_flag("--allow-partial", allow_partial,
                 "If a shard cannot be reached, answer from the others (a warning names the missing shards)");
    app.add_option("--company", request.companies, "Only articles naming this company (alias-aware; repeat = any of)")->allow_extra_args(false);
    app.add_option("--case", request.cases, "Only articles naming this case, e.g. \"Kadrey v. Meta\" (repeat = any of)")->allow_extra_args(false);
    app.add_option("--amount-min", amount_min, "Only articles with an amount >= this (USD; 1e9, 1B, $1.5bn, €600m)");
    app.add_option("--amount-max", amount_max, "Only articles with an amount <= this");
    app.add_option("--from", request.date_from, "Only articles dated on or after YYYY-MM-DD");
    app.add_option("--to", request.date_to, "Only articles dated on or before YYYY-MM-DD");
    app.add_option("--limit", request.limit, "Number of hits to show")->check(CLI::Range(0u, 10000u));
    app.add_option("--offset", request.offset, "Number of hits to skip")->check(docket::cli::whole_number(0));
    app.add_option("--facet-limit", request.facet_limit, "Values shown per facet (0 = all)");
    app.add_option("--sort", sort, "relevance or date (newest first)")->check(CLI::IsMember({"relevance", "date"}));
    app.add_flag("--explain", request.explain, "Show, per hit, the matching terms with their weights and the filters that admitted it");
    app.add_option("--like", request.like_id, "More like this article (its id from --json output, or its file's path)");
    app.add_option("--recency", request.recency_days, "Favour newer articles: the boost halves every this many days")
        ->check(docket::cli::greater_than_zero());
    bool no_collapse = false;
    app.add_flag("--no-collapse", no_collapse, "Show exact duplicates (same title and text, other path) as separate hits");
    app.add_flag("--months", request.months, "Also count the matches per month (JSON: months, undated)");
    app.add_option("--timeline", request.timeline,
                   "Instead of hits: per week, month or year, the matching articles and their amounts per currency")
        ->check(CLI::IsMember({"week", "month", "year"}));
    app.add_option("--summary", request.summary,
                   "Instead of hits: per company or case over the matches, its articles, dates, largest amounts and "
                   "co-mentions (--facet-limit values)")
        ->check(CLI::IsMember({"company", "case"}));
    app.add_flag("--no-facets", no_facets, "Do not count facets (faster)");
    app.add_flag("--no-snippets", no_snippets, "Do not make snippets (faster)");
    auto* batch = app.add_option("--batch", batch_file, "Run every query of a BEIR queries.jsonl ({\"_id\",\"text\"} lines)")
                      ->check(CLI::ExistingFile);
    app.add_option("--run", run_file, "With --batch: write a TREC run file here (- = stdout)")->needs(batch);
    app.add_option("--run-tag", run_tag, "With --batch: the run tag (last column)")->needs(batch);
    std::string save_name, new_name, saved_file;
    bool list_saved = false;
    auto* save = app.add_option("--save", save_name, "Save the query and its filters as NAME, seen up to now (see --new)");
    auto* saved = app.add_flag("--saved", list_saved, "List the saved searches with their new matches since last checked");
    auto* fresh = app.add_option("--new", new_name,
                                 "Only the matches of saved search NAME first indexed since it was last checked; marks it checked");
    save->excludes(saved)->excludes(fresh)->excludes(batch);
    saved->excludes(fresh)->excludes(batch);
    fresh->excludes(batch);
    app.add_option("--saved-file", saved_file, "Where saved searches are kept (default: beside the first --db, PATH.saved.json)");
    std::string list;
    std::vector<std::string> facet_names, query_fields;  // from the schema's field table
    for (const docket::schema::Field& field : docket::schema::kFields) {
        if (field.facet) facet_names.emplace_back(field.name);
        if (field.typed) query_fields.push_back(std::string(field.name) + ":");
    }
    app.add_option("--list", list, "Print every value of this facet over the matches with its count, most frequent first")
        ->check(CLI::IsMember(facet_names));
    app.add_flag("--json", json, "Print one JSON object (schema in README)");
    std::string format = "text";
    app.add_option("--format", format,
                   "text, json (as --json), or one row per hit to export: csv, tsv, jsonl (with --limit 0: every match)")
        ->check(CLI::IsMember({"text", "json", "csv", "tsv", "jsonl"}));
    app.add_option("--color", color, "Colour: auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    std::string fields_help;
    for (const auto& f : query_fields) fields_help += ", " + f;
    bool print_config = false;
    app.add_flag("--print-config", print_config, "Print each setting (db, limit, color) and where it came from, and exit");
    app.add_option("query", words, "Query text: words, \"phrases\", AND/OR/NOT" + fields_help);

    if (auto done = docket::cli::parse(app, argc, argv, program)) return *done;
    auto config = docket::cli::load_config(program);
    if (!config) return 2;
    // --remote names the indexes too: then DOCKET_DB and the config's db are not added.
    const auto db_setting = config->resolve("db", app.count("--db") > 0 || !remotes.empty(), request.databases);
    const auto limit_setting = config->resolve("limit", app.count("--limit") > 0, {std::to_string(request.limit)});
    const auto color_setting = config->resolve("color", app.count("--color") > 0, {color});
    if (print_config) {
        std::cout << config->describe({db_setting, limit_setting, color_setting});
        return 0;
    }
    request.databases = db_setting.values;
    request.limit = static_cast<unsigned>(std::stoul(docket::cli::single(limit_setting)));  // checked by CLI11 or config
    color = docket::cli::single(color_setting);
    for (const auto& [option, value] : {std::pair{"--from", &request.date_from}, std::pair{"--to", &request.date_to}})
        if (app.count(option) && docket::text::trim(*value).empty()) {
            std::cerr << program << ": error: " << option << ": expected a date like 2025-01-31, got ''\n";
            return 2;
        }
    const std::optional<docket::ExportFormat> export_as = docket::export_format(format);
    if (export_as && (json || !list.empty() || !batch_file.empty())) {
        std::cerr << program << ": error: --format " << format << " writes its own rows: it cannot go with --json, --list or --batch\n";
        return 2;
    }
    json = json || format == "json";
    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    request.query_given = !words.empty();
    if (!batch_file.empty() && !words.empty()) {
        std::cerr << program << ": error: --batch takes its queries from " << batch_file << ", not the command line\n";
        return 2;
    }
    if (!new_name.empty() || list_saved) {
        for (const char* option : {"query", "--company", "--case", "--amount-min", "--amount-max", "--from", "--to"})
            if (app.count(option)) {
                std::cerr << program << ": error: " << (list_saved ? "--saved" : "--new NAME")
                          << " runs the saved searches' own queries and filters: give no " << option << "\n";
                return 2;
            }
    }
    if (!batch_file.empty() && app.count("--limit") == 0) request.limit = 1000;  // TREC runs go 1000 deep
    request.sort_by_date = sort == "date";
    request.facets = !no_facets;
    request.collapse = !no_collapse;
    request.snippets = !no_snippets;
    if (request.facet_limit == 0) request.facet_limit = ~0u;
    if (!request.timeline.empty() || !request.summary.empty()) {  // the periods or values, not the hits
        const char* view = request.timeline.empty() ? "--summary" : "--timeline";
        if (!request.timeline.empty() && !request.summary.empty()) {
            std::cerr << program << ": error: --timeline and --summary are two views: give one\n";
            return 2;
        }
        if (!list.empty() || export_as) {
            std::cerr << program << ": error: " << view << " prints its own table: it cannot go with --list or --format "
                      << format << "\n";
            return 2;
        }
        request.limit = 0;
        request.snippets = false;
        request.facets = false;
    }
    if (!list.empty()) {  // the values, not the hits
        if (no_facets) {
            std::cerr << program << ": error: --list counts a facet: it cannot go with --no-facets\n";
            return 2;
        }
        request.limit = 0;
        request.facet_limit = ~0u;
        request.snippets = false;
    }

    try {
        request.amount_min = docket::amount_bound_option("--amount-min", amount_min);
        request.amount_max = docket::amount_bound_option("--amount-max", amount_max);
        docket::IndexSet indexes({request.databases, remotes, timeout_ms, allow_partial});
        if ((request.amount_min || request.amount_max) && indexes.has_remote())
            throw docket::QueryError("--amount-min/--amount-max are not available on remote shards: a stock "
                                     "xapian-tcpsrv cannot run Docket's amount filter");
        if (!batch_file.empty()) return run_batch_mode(program, indexes, request, batch_file, run_file, run_tag);
        std::optional<docket::SavedSearches> saved_searches;
        if (!save_name.empty() || list_saved || !new_name.empty())
            saved_searches.emplace(saved_file.empty() ? docket::default_saved_file(request.databases) : saved_file);
        if (list_saved) {
            std::optional<docket::SeenStamps> now;
            if (!indexes.has_remote()) now = docket::current_stamps(indexes, "--saved");
            const auto statuses = docket::saved_statuses(indexes, *saved_searches);
            if (json) docket::print_json_saved(statuses, saved_searches->path(), now ? &*now : nullptr, std::cout);
            else docket::print_text_saved(statuses, saved_searches->path(), std::cout);
            return 0;
        }
        if (!save_name.empty()) {
            const auto outcome = docket::save_search(indexes, request, amount_min, amount_max, save_name, *saved_searches);
            std::cout << (outcome.replaced ? "replaced" : "saved") << " search '" << save_name << "' (" << outcome.matches
                      << " matches now) in " << saved_searches->path() << "; --new " << save_name
                      << " shows the ones indexed from now on\n";
            return 0;
        }
        docket::SeenStamps seen_before;  // read before the search: a commit meanwhile is shown again, never missed
        if (!new_name.empty()) {
            const docket::SavedSearch& search = saved_searches->named(new_name);
            seen_before = docket::current_stamps(indexes, "--new");
            docket::apply_saved(search, true, request);
        }
        auto marked = [&](int code) {
            if (new_name.empty()) return code;
            std::cerr << program << ": note: '" << new_name << "': the matches first indexed since it was last checked ("
                      << saved_searches->named(new_name).checked_at << "); now marked checked\n";
            docket::mark_checked(*saved_searches, new_name, seen_before);
            return code;
        };
        if (export_as) {
            auto page = [&](const docket::SearchRequest& r) { return docket::search_with_retry(indexes, r, docket::Highlight{}); };
            return marked(docket::export_hits(page, request, *export_as, std::cout) > 0 ? 0 : 1);
        }
        // The NO_COLOR convention: set and not empty means no colour; so does a dumb terminal.
        const char* no_color = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        bool tty = isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
        bool use_color = !json && (color == "always" || (color == "auto" && tty));
        docket::Highlight highlight;
        if (use_color) highlight = {std::string(docket::kHighlightStart), std::string(docket::kHighlightEnd)};
        docket::SearchResult result = docket::search_with_retry(indexes, request, highlight);
        for (const auto& m : indexes.missing())
            std::cerr << program << ": warning: shard " << m.name << " unavailable: " << m.reason << " (results are partial)\n";
        for (const auto& w : result.warnings) std::cerr << program << ": warning: " << w << "\n";
        if (result.words_ignored)
            std::cerr << program << ": note: the query has no searchable words: showing what the filters admit\n";
        if (result.summary && !json) {
            docket::print_text_summary(result, request.summary, std::cout);
        } else if (result.timeline && !json) {
            docket::print_text_timeline(result, {use_color, false, "", tty && docket::utf8_locale()}, std::cout);
        } else if (!list.empty()) {
            if (json) docket::print_json_list(result, list, std::cout);
            else docket::print_text_list(result, list, std::cout);
        } else if (json) {
            docket::print_json(result, request.facet_limit, request.explain, std::cout);
        } else {
            std::error_code ec;
            docket::print_text(result, request.facet_limit, {use_color, request.explain, std::filesystem::current_path(ec).string()},
                               std::cout);
        }
        return marked(result.total > 0 ? 0 : 1);
    } catch (const docket::QueryError& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
    } catch (const docket::IndexOpenError& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << program << ": error: " << e.get_type() << ": " << e.get_msg() << "\n";
    } catch (const std::exception& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
    }
    return 2;
}
