#include "batch.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "query.h"
#include "search.h"

namespace docket {
namespace {

double percentile(std::vector<double> sorted_ms, double p) {
    if (sorted_ms.empty()) return 0;
    // Nearest-rank percentile: the smallest value with at least p% of values at or below it.
    std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted_ms.size()));
    return sorted_ms[std::clamp<std::size_t>(rank, 1, sorted_ms.size()) - 1];
}

}  // namespace

std::vector<BatchQuery> read_batch_queries(std::istream& in, const std::string& source_name) {
    std::vector<BatchQuery> queries;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto where = source_name + " line " + std::to_string(number);
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object()) throw QueryError(where + ": not a JSON object");
        auto field = [&](std::initializer_list<const char*> names) -> std::string {
            for (const char* n : names)
                if (auto f = j.find(n); f != j.end()) return f->is_string() ? f->get<std::string>() : f->dump();
            return "";
        };
        BatchQuery q{field({"_id", "id"}), field({"text", "query"})};
        if (q.id.empty()) throw QueryError(where + ": no \"_id\"");
        if (!j.contains("text") && !j.contains("query")) throw QueryError(where + ": no \"text\"");
        try {
            check_query_limits(q.text);  // before any query runs, not half-way through the batch
        } catch (const QueryError& e) {
            throw QueryError(where + ", query " + q.id + ": " + e.what());
        }
        queries.push_back(std::move(q));
    }
    return queries;
}

BatchStats run_batch(const SearchFunction& search, const SearchRequest& base, const std::vector<BatchQuery>& queries,
                     const std::string& tag, std::ostream& run) {
    using clock = std::chrono::steady_clock;
    std::vector<double> latencies_ms;
    std::vector<std::string> skipped;
    auto start = clock::now();
    for (const auto& q : queries) {
        SearchRequest request = base;
        request.query = q.text;
        request.query_given = true;
        request.ids_only = true;  // a run needs ids, not titles or text
        auto t0 = clock::now();
        SearchResult result;
        try {
            result = search(request);
        } catch (const QueryError& e) {
            skipped.push_back("query " + q.id + ": " + e.what());  // the others still run
            continue;
        }
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
        for (const auto& hit : result.hits) {
            // Run files are whitespace-separated: an id with spaces would break the line.
            std::string id = hit.record_id;
            std::replace_if(id.begin(), id.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; }, '_');
            run << std::setprecision(10) << q.id << " Q0 " << id << " " << hit.rank << " " << hit.score << " " << tag << "\n";
        }
    }
    BatchStats stats;
    stats.queries = queries.size();
    stats.skipped = std::move(skipped);
    stats.total_seconds = std::chrono::duration<double>(clock::now() - start).count();
    std::sort(latencies_ms.begin(), latencies_ms.end());
    stats.p50_ms = percentile(latencies_ms, 50);
    stats.p95_ms = percentile(latencies_ms, 95);
    stats.p99_ms = percentile(latencies_ms, 99);
    return stats;
}

}  // namespace docket
