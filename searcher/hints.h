// Entity hints: words of a query that name a known company or case, with the filter
// that would narrow to the articles naming it. A suggestion only: the query is not changed.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "request.h"

namespace docket {

struct EntityHint {
    std::string kind;    // "company" or "case"
    std::string value;   // canonical name, as the facet shows it
    std::string text;    // the query's words that name it
    std::string option;  // the CLI filter: --company "Meta"
};

// Hints for request.query over `db`: the longest runs of plain words (up to four) that are a
// company's name or alias in the index's alias table (not forms that are also common words,
// like "llama") and that some article carries, and "X v. Y" / "In re X" case names some article
// carries; none for what the request already filters on, or for field and operator words.
std::vector<EntityHint> entity_hints(const Xapian::Database& db, const SearchRequest& request);

}  // namespace docket
