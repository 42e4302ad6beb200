// searcher: command-line front-end. Parses options into a SearchRequest, runs
// it, prints with the chosen printer. Exit codes: 0 hits, 1 no hits, 2 error.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "amounts.h"
#include "printers.h"
#include "query.h"
#include "search.h"
#include "text.h"

namespace {

std::optional<double> amount_option(const std::string& option, const std::string& value) {
    if (value.empty()) return std::nullopt;
    auto v = docket::parse_amount_bound(value);
    if (!v) throw docket::QueryError(option + ": expected an amount like 1e9, 1B, 250m or $1.5bn, got '" + value + "'");
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"searcher: ranked, faceted search over a Docket index"};
    app.set_version_flag("--version", "docket searcher 0.1.0");
    docket::SearchRequest request;
    std::vector<std::string> words;
    std::string amount_min, amount_max, color = "auto", sort = "relevance";
    bool json = false;
    app.add_option("--db", request.databases, "Index directory; repeat to search several as one")
        ->required()
        ->allow_extra_args(false);
    app.add_option("--company", request.companies, "Only articles naming this company (alias-aware; repeat = any of)")->allow_extra_args(false);
    app.add_option("--case", request.cases, "Only articles naming this case, e.g. \"Kadrey v. Meta\" (repeat = any of)")->allow_extra_args(false);
    app.add_option("--amount-min", amount_min, "Only articles with an amount >= this (USD; 1e9, 1B, $1.5bn, €600m)");
    app.add_option("--amount-max", amount_max, "Only articles with an amount <= this");
    app.add_option("--from", request.date_from, "Only articles dated on or after YYYY-MM-DD");
    app.add_option("--to", request.date_to, "Only articles dated on or before YYYY-MM-DD");
    app.add_option("--limit", request.limit, "Number of hits to show")->check(CLI::Range(0u, 10000u));
    app.add_option("--offset", request.offset, "Number of hits to skip")->check(CLI::NonNegativeNumber);
    app.add_option("--facet-limit", request.facet_limit, "Values shown per facet (0 = all)");
    app.add_option("--sort", sort, "relevance or date (newest first)")->check(CLI::IsMember({"relevance", "date"}));
    app.add_flag("--json", json, "Print one JSON object (schema in README)");
    app.add_option("--color", color, "Colour: auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("query", words, "Query text: words, \"phrases\", AND/OR/NOT, company:, case:, title:, date:");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "searcher: error: " << e.what() << " (see searcher --help)\n";
        return 2;
    }
    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    request.sort_by_date = sort == "date";
    if (request.facet_limit == 0) request.facet_limit = ~0u;

    try {
        request.amount_min = amount_option("--amount-min", amount_min);
        request.amount_max = amount_option("--amount-max", amount_max);
        Xapian::Database db = docket::open_databases(request.databases);
        bool tty = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        bool use_color = !json && (color == "always" || (color == "auto" && tty));
        docket::Highlight highlight;
        if (use_color) highlight = {"\x1b[1;31m", "\x1b[0m"};
        docket::SearchResult result;
        try {
            result = docket::search(db, request, highlight);
        } catch (const Xapian::DatabaseModifiedError&) {
            db.reopen();  // an indexer committed meanwhile: read the new revision
            result = docket::search(db, request, highlight);
        }
        if (json) {
            docket::print_json(result, request.facet_limit, std::cout);
        } else {
            std::error_code ec;
            docket::print_text(result, request.facet_limit, {use_color, std::filesystem::current_path(ec).string()},
                               std::cout);
        }
        return result.total > 0 ? 0 : 1;
    } catch (const docket::QueryError& e) {
        std::cerr << "searcher: error: " << e.what() << "\n";
    } catch (const docket::IndexOpenError& e) {
        std::cerr << "searcher: error: " << e.what() << "\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "searcher: error: " << e.get_type() << ": " << e.get_msg() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "searcher: error: " << e.what() << "\n";
    }
    return 2;
}
