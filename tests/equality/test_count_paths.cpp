// The count-paths equality test (issue 16): every total, facet count, timeline and summary
// counted from posting lists (searcher/posting_count.h) equals what Xapian's matcher counts,
// for every query of the test suites (suite_queries.txt) and of the bench query sets, with and
// without filters, on one index (counted in one thread, and split over two as `serve
// --count-beside` does) and on a shard set (counted shard by shard).
//
// Indexes are written by the real indexer binary in a temp dir; searches run in this process
// through the searcher library with SearchScope::postings on and off, and their JSON output
// (print_json) must be byte-identical. The Reuters part needs ../shared and python3 (the bench's
// make_queries.py); without them it is skipped with a warning.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "index_set.h"
#include "printers.h"
#include "query.h"
#include "run.h"
#include "search.h"

using namespace docket;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const fs::path& file) {
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    return lines;
}

// The "text" of each line of a JSON-lines query file ({"_id": ..., "text": ...}).
std::vector<std::string> texts_of(const fs::path& jsonl) {
    std::vector<std::string> texts;
    for (const auto& line : lines_of(jsonl)) texts.push_back(nlohmann::json::parse(line).at("text"));
    return texts;
}

// What a search printed as JSON, or the error it raised (both paths must raise the same).
std::string outcome(const Xapian::Database& db, const SearchRequest& request, const SearchScope& scope) {
    try {
        std::ostringstream out;
        print_json(search(db, request, Highlight{}, scope), request.facet_limit, false, out);
        return out.str();
    } catch (const QueryError& e) {
        return std::string("QueryError: ") + e.what();
    }
}

std::string top_value(const Xapian::Database& db, const SearchRequest& request, const char* facet) {
    try {
        SearchScope matcher;
        matcher.postings = false;
        const SearchResult result = search(db, request, Highlight{}, matcher);
        const FacetValues& values = result.facet(facet);
        return values.values.empty() ? std::string() : values.values.front().value;
    } catch (const QueryError&) {
        return {};
    }
}

// The requests one query is checked with: alone, each kind of filter, and each view.
// `facet_limit`: the values per facet compared besides each facet's number of distinct values.
std::vector<SearchRequest> variants_of(const Xapian::Database& db, const std::string& query, unsigned facet_limit) {
    SearchRequest plain;
    plain.query = query;
    plain.query_given = true;
    plain.facet_limit = facet_limit;
    std::vector<SearchRequest> variants{plain};
    auto add = [&](const std::function<void(SearchRequest&)>& change) {
        SearchRequest r = plain;
        change(r);
        variants.push_back(std::move(r));
    };
    if (const std::string company = top_value(db, plain, "company"); !company.empty())
        add([&](SearchRequest& r) { r.companies = {company}; });
    if (const std::string lawsuit = top_value(db, plain, "case"); !lawsuit.empty())
        add([&](SearchRequest& r) { r.cases = {lawsuit}; });
    add([](SearchRequest& r) { r.amount_min = 1e6; });  // a posting source: Xapian's matcher counts
    add([](SearchRequest& r) { r.date_from = "1987-03-01", r.date_to = "2025-06-30"; });
    add([](SearchRequest& r) { r.timeline = "month"; });
    add([](SearchRequest& r) { r.summary = "company"; });
    add([](SearchRequest& r) { r.summary = "case"; });
    return variants;
}

std::string described(const SearchRequest& r) {
    std::string d = "query '" + r.query + "'";
    for (const auto& c : r.companies) d += " --company '" + c + "'";
    for (const auto& c : r.cases) d += " --case '" + c + "'";
    if (r.amount_min) d += " --amount-min 1e6";
    if (!r.date_from.empty()) d += " --from " + r.date_from + " --to " + r.date_to;
    if (!r.timeline.empty()) d += " --timeline " + r.timeline;
    if (!r.summary.empty()) d += " --summary " + r.summary;
    return d;
}

struct Checked {
    std::size_t requests = 0, with_matches = 0;
};

// Every variant of every query searched with `reference` and with each of `others`: the same JSON.
Checked check_against(const Xapian::Database& db, const std::vector<std::string>& queries, unsigned facet_limit,
                      const SearchScope& reference, const std::vector<SearchScope>& others) {
    Checked checked;
    for (const auto& query : queries)
        for (const SearchRequest& request : variants_of(db, query, facet_limit)) {
            INFO(described(request));
            const std::string expected = outcome(db, request, reference);
            for (const SearchScope& other : others) CHECK(outcome(db, request, other) == expected);
            ++checked.requests;
            checked.with_matches += expected.rfind("QueryError", 0) != 0 && nlohmann::json::parse(expected).at("total") > 0;
        }
    return checked;
}

// One index: the matcher's answer against the posting path's, in one thread and split over two
// (as the CLI and `serve --count-beside` search it).
Checked check_single_index(const std::string& db_path, const std::vector<std::string>& queries, unsigned facet_limit) {
    IndexSetOptions options;
    options.paths = {db_path};
    options.twin = true;
    IndexSet indexes(options);
    REQUIRE(indexes.database().size() == 1);
    REQUIRE(indexes.twin() != nullptr);
    SearchScope matcher = scope_of(indexes, false);
    matcher.postings = false;
    return check_against(indexes.database(), queries, facet_limit, matcher, {scope_of(indexes, false), scope_of(indexes, true)});
}

// A shard set: the matcher over the set against the posting path shard by shard.
Checked check_shard_set(const std::string& set_path, std::size_t shards, const std::vector<std::string>& queries,
                        unsigned facet_limit) {
    IndexSetOptions options;
    options.paths = {set_path};
    IndexSet indexes(options);
    REQUIRE(indexes.database().size() == shards);
    SearchScope matcher = scope_of(indexes, false);
    REQUIRE(matcher.shards.size() == shards);
    REQUIRE_FALSE(matcher.duplicates_across.empty());  // marked across the set: counted, not collapsed
    matcher.postings = false;
    return check_against(indexes.database(), queries, facet_limit, matcher, {scope_of(indexes, false)});
}

void index_into(const std::string& db, const std::string& docs, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"-q", "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(docs);
    const e2e::Result r = e2e::indexer(args);
    INFO(r.err);
    REQUIRE((r.code == 0 || r.code == 1));  // 1: some file skipped, the index still written
}

const fs::path kSuiteQueries = fs::path(DOCKET_SOURCE_DIR) / "tests/equality/suite_queries.txt";

}  // namespace

TEST_CASE("count paths agree on corpus/ for the test suites' queries", "[equality]") {
    e2e::TempDir dir;
    const std::string single = (dir.path() / "single").string(), set = (dir.path() / "set").string();
    index_into(single, DOCKET_CORPUS);
    index_into(set, DOCKET_CORPUS, {"--shards", "3"});
    const std::vector<std::string> queries = lines_of(kSuiteQueries);
    REQUIRE(queries.size() >= 40);
    // Every value of every facet is compared (naming a value costs a term lookup: fine at this size).
    const Checked one = check_single_index(single, queries, 1000);
    CHECK(one.with_matches >= 100);  // the comparison is about counts, not empty results
    const Checked sharded = check_shard_set(set, 3, queries, 1000);
    WARN("corpus/: " << one.requests << " requests on one index (" << one.with_matches << " with matches), "
                     << sharded.requests << " on a 3-shard set");
}

TEST_CASE("count paths agree on Reuters-21578 for the bench and IR query sets", "[equality]") {
    const fs::path shared = DOCKET_SHARED;
    const fs::path docs = shared / "corpora/reuters21578/docs";
    if (!fs::is_directory(docs)) {
        WARN("skipped: " << docs.string() << " not found (../shared is not beside the project)");
        return;
    }
    if (e2e::run_command("command -v python3 >/dev/null").code != 0) {
        WARN("skipped: python3 not installed (it makes the bench query set: tests/bench/make_queries.py)");
        return;
    }
    e2e::TempDir dir;
    const fs::path bench_queries = dir.path() / "q";
    const e2e::Result made = e2e::run("python3", {(fs::path(DOCKET_SOURCE_DIR) / "tests/bench/make_queries.py").string(),
                                                  docs.string(), "200", bench_queries.string()});
    INFO(made.err);
    REQUIRE(made.code == 0);
    std::vector<std::string> queries = lines_of(kSuiteQueries);
    for (const auto& q : texts_of(bench_queries.string() + ".jsonl")) queries.push_back(q);
    REQUIRE(queries.size() >= 240);
    // The IR evaluation's query sets: long natural-language queries, some past the posting path's limits.
    for (const char* ir : {"ir/cranfield/queries.jsonl", "ir/scifact/queries.jsonl"})
        if (fs::exists(shared / ir)) {
            const auto texts = texts_of(shared / ir);
            queries.insert(queries.end(), texts.begin(), texts.begin() + std::min<std::size_t>(texts.size(), 60));
        }

    const std::string single = (dir.path() / "single").string(), set = (dir.path() / "set").string();
    index_into(single, docs.string());
    index_into(set, docs.string(), {"--shards", "4"});
    const Checked one = check_single_index(single, queries, 25);
    CHECK(one.with_matches >= 1000);
    const Checked sharded = check_shard_set(set, 4, queries, 25);
    WARN("Reuters-21578: " << queries.size() << " queries, " << one.requests << " requests on one index ("
                           << one.with_matches << " with matches), " << sharded.requests << " on a 4-shard set");
}
