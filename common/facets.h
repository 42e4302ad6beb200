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

// The facets slot (schema.h kFacets): one line per value, led by its kind.
namespace facet_kind {
inline constexpr char kCompany = 'c';
inline constexpr char kCase = 'k';
inline constexpr char kAmount = 'a';
}  // namespace facet_kind
std::string pack_facets(const std::vector<std::string>& companies, const std::vector<std::string>& cases,
                        const std::vector<std::string>& amount_buckets);

// Per-value counts of each facet, from Xapian's own ValueCountMatchSpy on the
// facets slot. The spy counts each distinct packed combination; a document has
// exactly one, so splitting combinations gives exact per-value counts. Being
// built in, the spy also runs inside a stock xapian-tcpsrv and merges across
// remote shards.
struct FacetTallies {
    std::map<std::string, Xapian::doccount> companies, cases, amounts;
};
FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy);

struct FacetCount {
    std::string value;
    Xapian::doccount count;
};
// Most frequent first, then by value: deterministic output.
std::vector<FacetCount> sorted_by_count(const std::map<std::string, Xapian::doccount>& counts);

}  // namespace docket
