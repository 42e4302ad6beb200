// Request -> Xapian query: the free-text query (with field prefixes company:,
// case:, title:, date:) combined with the filter options. Pure apart from
// reading the index's alias table.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "request.h"

namespace docket {

// A query or filter the user must fix; the message names the offending part.
struct QueryError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An --amount-min/--amount-max value ("1e9", "1B", "$1.5bn", "€600m") in USD; nullopt when
// empty. Throws QueryError naming `option` for anything else.
std::optional<double> amount_bound_option(const std::string& option, const std::string& value);

// Canonical company name for a user-given name (NFC-normalised), via the index's alias table
// ("facebook" -> "Meta"), or a ticker symbol ("MSFT") when no article carries the name itself;
// the name itself (legal suffixes dropped) when unknown.
std::string resolve_company(const Xapian::Database& db, const std::string& name);
// Canonical case name for a user-given case name (NFC-normalised); throws QueryError when the
// text has no "X v. Y" / "In re X" shape.
std::string resolve_case(const Xapian::Database& db, const std::string& name);

// Limits on one query's text (README, "Query syntax"). 1,000 words is a pasted
// page of prose (about 7 KB of English); within them no query measured took
// more than about half a second on Reuters-21578. Past them Xapian 1.4's matcher
// time grows faster than the number of distinct words (it re-walks an OR's
// whole tree each time one word's postings run out).
constexpr std::size_t kMaxQueryBytes = 10000;
constexpr std::size_t kMaxQueryWords = 1000;  // runs of letters or digits ("open-source" is 2)
// Every wildcard of one query together may match at most this many words.
constexpr std::size_t kMaxWildcardExpansion = 5000;

// Throws QueryError naming the limit the query text goes over.
void check_query_limits(const std::string& query);

// A query (or its suggestion) as messages and the text header show it: its
// first 80 characters, then "..." when there are more.
std::string echo_query(const std::string& query);

// Checks the query text for syntax Xapian would silently reinterpret:
// unbalanced quotes or parentheses, a boolean operator without an operand,
// a field prefix with no value. Throws QueryError.
void check_query_syntax(const std::string& query);

// A hyphenated word of the query ("HIV-positive"): its words match apart, and
// its phrase adds ranking::Config::phrase_bonus times the words' weight.
struct CompoundPhrase {
    std::string words;  // "hiv positive"
    Xapian::Query phrase;
};

struct BuiltQuery {
    Xapian::Query text;     // the ranked part; MatchAll when there is no free text
    std::vector<CompoundPhrase> compound_phrases;  // for --explain: each phrase bonus in `text`
    Xapian::Query filter;   // the options' filters (empty Query when none)
    bool has_text = false;  // false: no free text, every article matches (filters aside)
    std::vector<std::string> warnings;  // e.g. a company no article names, with the nearest that some do
    bool words_ignored = false;  // a query with no searchable words was given with filters: the filters alone ran

    // `ranked` (the text query, or an expansion of it) restricted by the filters.
    Xapian::Query filtered(const Xapian::Query& ranked) const {
        return filter.empty() ? ranked : Xapian::Query(Xapian::Query::OP_FILTER, ranked, filter);
    }
    Xapian::Query query() const { return filtered(text); }
};

// The company values the index knows that are nearest to `typed` (edit
// distance on lower-cased names, a prefix counting as close), most named first.
std::vector<std::string> nearest_companies(const Xapian::Database& db, const std::string& typed, std::size_t limit = 3);

// A typed query with no searchable words ("!!!", "the", "") is a QueryError
// unless filters are given (options or fields): then the filters alone run.
BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db);

}  // namespace docket
