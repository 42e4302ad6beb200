// Runs a request: opens the index(es), matches, counts facets over all matches
// and assembles the hits the printers show.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "index/facets.h"
#include "index/schema.h"
#include "hints.h"
#include "request.h"
#include "summary.h"
#include "timeline.h"

namespace docket {


struct TermWeight {
    std::string term;  // as matched: a stem ("regul"), "title:" + stem, or a company facet
    double weight;
};

// Why a hit matched (--explain).
struct Explanation {
    std::vector<TermWeight> terms;     // matching query terms, heaviest first
    std::vector<std::string> filters;  // each filter option and the value that admitted the hit
};

struct Hit {
    unsigned rank = 0;
    double score = 0;
    Article article;  // body left empty: the snippet stands for it
    std::string record_id;  // the id run files use (see schema.h kRecordId)
    std::string snippet;
    Entities entities;
    Xapian::doccount duplicates = 0;  // exact duplicates folded into this hit (see --no-collapse)
    Explanation explanation;          // filled with --explain
};

// One facet's counts over all matches.
struct FacetValues {
    const schema::Field* field = nullptr;  // its row in schema::kFields
    // Named facets: at least the facet_limit most frequent values, the first
    // facet_limit of them by count then value. Buckets: each with matches, smallest first.
    std::vector<FacetCount> values;
    std::size_t distinct = 0;  // distinct values over all matches
};

// Matches dated in one month ("2025-03").
struct MonthCount {
    std::string month;
    Xapian::doccount count = 0;
};

// A search ran past its request's deadline.
struct SearchTimeout : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct SearchResult {
    std::string query;
    std::string suggestion;      // "did you mean": the query with unknown words corrected; empty if none
    Xapian::doccount total = 0;  // exact number of matching articles (duplicates folded unless --no-collapse)
    unsigned offset = 0;
    unsigned limit = 0;
    std::vector<Hit> hits;
    std::vector<FacetValues> facets;         // one per facet row of schema::kFields, in table order
    std::vector<std::string> missing_shards; // shards left out under --allow-partial (names)
    bool words_ignored = false;              // the query had no searchable words: the filters alone ran
    std::vector<std::string> warnings;       // about the request (an unknown company...), for stderr
    std::vector<EntityHint> hints;           // query words that name a company or case (not for ids_only)
    bool facets_counted = true;              // false under --no-facets
    bool facets_count_duplicates = false;    // facets count each exact duplicate the total folds (see search.cpp)
    bool months_counted = false;             // request.months: the two below are filled
    std::vector<MonthCount> months;          // months with matches, oldest first (each exact duplicate counted)
    Xapian::doccount undated = 0;            // matches without a date
    std::optional<Timeline> timeline;        // request.timeline (each exact duplicate counted)
    std::optional<std::vector<EntitySummary>> summary;  // request.summary: request.facet_limit values (duplicates too)

    // The facet named `name` ("company"); throws std::invalid_argument for another name.
    const FacetValues& facet(std::string_view name) const;
};

// Highlight markers put around matched words in snippets.
struct Highlight {
    std::string start = "**";
    std::string end = "**";
};

// What only the caller knows about the databases searched.
struct SearchScope {
    // Every database is on this machine, so Docket's own match spies can run (a
    // stock xapian-tcpsrv runs only Xapian's built-in ones).
    bool local = true;
    // Several databases whose duplicates the indexer marked across all of them:
    // the count of duplicates (IndexSet::duplicates_across). Empty: not marked so.
    // A single database's own marks are read from it.
    std::string duplicates_across;
    // A second handle on the same single database at the same revision: every match is then
    // counted on it in a second thread, beside the ranking (IndexSet::twin).
    const Xapian::Database* counting = nullptr;
    // The local shards of a set, each alone at the set's revision (IndexSet::local_databases), so
    // the posting path can count them one by one. Empty for one index or with remote shards.
    std::vector<Xapian::Database> shards;
    // Count from posting lists where the query's shape allows (posting_count.h); false: always
    // with Xapian's matcher, the reference the count-paths equality test compares against.
    bool postings = true;
};

SearchResult search(const Xapian::Database& db, const SearchRequest& request, const Highlight& highlight,
                    const SearchScope& scope = {});

}  // namespace docket
