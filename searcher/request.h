// What a user asked the searcher for: one plain struct filled by the CLI (or a
// test) and read by the query builder, the search and the printers.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace docket {

struct SearchRequest {
    std::vector<std::string> databases;  // index directories (or Xapian stub files), searched as one
    std::string query;                   // free text with Xapian query syntax; empty = every article
    bool query_given = false;            // a query was typed: one with no searchable words is an error (see query.h)
    std::vector<std::string> companies;  // --company: OR within the facet
    std::vector<std::string> cases;      // --case: OR within the facet
    std::optional<double> amount_min;    // USD-equivalent bounds (see amounts.h)
    std::optional<double> amount_max;
    std::string date_from;               // "YYYY-MM-DD", inclusive
    std::string date_to;
    unsigned limit = 10;
    unsigned offset = 0;
    unsigned facet_limit = 10;           // values shown per facet (counts are always exact)
    bool sort_by_date = false;           // newest first instead of by relevance
    bool facets = true;                  // count facets over all matches (--no-facets: skip)
    bool snippets = true;                // make a snippet per hit (--no-snippets: skip)
    bool ids_only = false;               // hits carry only rank, score and record id (batch runs: no data read)
    bool explain = false;                // per hit: matching terms with weights, filters that admitted it
    bool collapse = true;                // fold exact duplicates (same title and text) into one hit
    std::string like_id;                 // more like this article (its id, or its file's path)
    double recency_days = 0;             // > 0: boost newer articles, halving the boost every this many days
    bool months = false;                 // also count the matches per month (--months; the web page's timeline)
    std::string timeline;                // "week", "month" or "year": also count articles and amounts per period
    std::string summary;                 // "company" or "case": also summarise each value of that facet
    // Only articles first indexed after these stamps, per index id (a saved search's new
    // matches; see saved/saved.h). Local indexes only.
    std::optional<std::map<std::string, std::string>> new_since;
    // Searches running past this instant stop with SearchTimeout (the server's per-request limit;
    // checked while matches are counted on local databases). Unset: no limit.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

}  // namespace docket
