// Request -> Xapian query: the free-text query (with field prefixes company:,
// case:, title:, date:) combined with the filter options. Pure apart from
// reading the index's alias table.
#pragma once

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

// Canonical company name for a user-given name (NFC-normalised), via the index's
// alias table ("facebook" -> "Meta"); the name itself (legal suffixes dropped) when unknown.
std::string resolve_company(const Xapian::Database& db, const std::string& name);
// Canonical case name for a user-given case name (NFC-normalised); throws QueryError when the
// text has no "X v. Y" / "In re X" shape.
std::string resolve_case(const Xapian::Database& db, const std::string& name);

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

    // `ranked` (the text query, or an expansion of it) restricted by the filters.
    Xapian::Query filtered(const Xapian::Query& ranked) const {
        return filter.empty() ? ranked : Xapian::Query(Xapian::Query::OP_FILTER, ranked, filter);
    }
    Xapian::Query query() const { return filtered(text); }
};

BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db);

}  // namespace docket
