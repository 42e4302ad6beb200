// Facet values: how an article's companies, cases and amount buckets are packed
// into one value slot each, and the match spy that counts them over all matches.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace docket {

// "a\nb\n": every value followed by '\n' (values never contain a newline).
std::string pack_list(const std::vector<std::string>& values);
std::vector<std::string> unpack_list(std::string_view packed);

// Index keys of facet values: lower-cased canonical names (see schema.h prefixes).
std::string facet_key(std::string_view canonical);

// Facets are counted with Xapian's own ValueCountMatchSpy, one per slot: it
// counts each distinct packed combination ("Meta\nOpenAI\n"), and a document
// has exactly one combination per slot, so splitting the combinations gives
// exact per-value counts. Being built in, it also runs inside a stock
// xapian-tcpsrv and merges across remote shards.
std::map<std::string, Xapian::doccount> split_combination_counts(const Xapian::ValueCountMatchSpy& spy);

struct FacetCount {
    std::string value;
    Xapian::doccount count;
};
// Most frequent first, then by value: deterministic output.
std::vector<FacetCount> sorted_by_count(const std::map<std::string, Xapian::doccount>& counts);

}  // namespace docket
