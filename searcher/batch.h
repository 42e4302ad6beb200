// Batch mode: many queries in one process, ranked exactly like interactive
// search, written as a TREC run file (for IR evaluation and benchmarks).
#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include <xapian.h>

#include "request.h"
#include "search.h"

namespace docket {

struct BatchQuery {
    std::string id;
    std::string text;
};

// BEIR queries.jsonl: one {"_id": ..., "text": ...} object per line ("id" and
// "query" are accepted too). Throws QueryError naming the line of a bad record.
std::vector<BatchQuery> read_batch_queries(std::istream& in, const std::string& source_name);

struct BatchStats {
    std::size_t queries = 0;
    double total_seconds = 0;
    double p50_ms = 0, p95_ms = 0, p99_ms = 0;
    std::vector<std::string> skipped;  // one message per query that could not run (it wrote no rows)
};

// A query that cannot run (malformed, no searchable words) is skipped and named
// in `skipped`. Runs each query with `base` (filters, limit, facets...) and writes
// "qid Q0 docid rank score tag" lines. Latency covers the search itself.
using SearchFunction = std::function<SearchResult(const SearchRequest&)>;

// `search` runs one request (the searcher passes the same retrying search as interactive mode).
BatchStats run_batch(const SearchFunction& search, const SearchRequest& base, const std::vector<BatchQuery>& queries,
                     const std::string& tag, std::ostream& run);

}  // namespace docket
