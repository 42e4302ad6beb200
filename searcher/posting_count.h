// Exact match counting without Xapian's matcher, for the simple query shapes most
// searches have: every match read straight from the terms' posting lists in docid
// order, and the values the counters need (facet codes, dated amounts) from the value
// streams. Xapian's unweighted match costs about 100 ns a match more, which at x16 was
// most of a query's CPU.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include <xapian.h>

#include "index/facets.h"
#include "summary.h"
#include "timeline.h"

namespace docket {

// What a count feeds beside the total, each match's values read from the value streams;
// null for what is not wanted.
struct MatchCounters {
    FacetCounter* facets = nullptr;       // kFacetCodes
    TimelineCounter* timeline = nullptr;  // kDatedAmounts
    SummaryCounters* summary = nullptr;   // kFacetCodes and kDatedAmounts: the summarised values' matches
};

// Counts the matches of `query` among docids first..last of `db` (one local database)
// into `matches`, and feeds them to `counters`. Returns false, having counted nothing, when
// the query has another shape than terms combined with OR, SYNONYM, AND, FILTER, AND_NOT,
// AND_MAYBE (its left side) and SCALE_WEIGHT: then Xapian's match must count. Throws
// SearchTimeout past `deadline`.
bool count_from_postings(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid first,
                         Xapian::docid last, std::optional<std::chrono::steady_clock::time_point> deadline,
                         const MatchCounters& counters, Xapian::doccount& matches);

// The same over every docid of each shard of a local set, read alone one after another
// (IndexSet::local_databases), the totals added; a summary is given the set's docids.
bool count_shards_from_postings(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                std::optional<std::chrono::steady_clock::time_point> deadline,
                                const MatchCounters& counters, Xapian::doccount& matches);

}  // namespace docket
