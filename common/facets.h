// Facet values: how an article's companies, cases and amount buckets are packed
// into one value slot each, and the match spy that counts them over all matches.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
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

// Per-value counts of each facet over a match set.
// Facet values are short names counted per match: a hash of their length and
// first and last eight bytes is enough to spread them, and much cheaper than
// hashing every byte (equal hashes are told apart by comparing the strings).
struct StringHash {
    using is_transparent = void;  // lookups by string_view without building a string
    std::size_t operator()(std::string_view s) const noexcept;
};
using ValueCounts = std::unordered_map<std::string, Xapian::doccount, StringHash, std::equal_to<>>;
struct FacetTallies {
    ValueCounts companies, cases, amounts;
};

// Adds `n` to every value of one packed facets value (see pack_facets).
void tally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies);

// From Xapian's own ValueCountMatchSpy on the facets slot, which counts each
// distinct packed combination; a document has exactly one, so splitting
// combinations gives exact per-value counts. Being built in, that spy also runs
// inside a stock xapian-tcpsrv and merges across remote shards.
FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy);

// For local databases: tallies each match's values directly. The matcher hands
// it values from a sequential value stream; counting whole combinations first
// (ValueCountMatchSpy) costs a string map entry per almost every match. A
// custom spy cannot run in a stock xapian-tcpsrv, so remote shards use the above.
class FacetCounter : public Xapian::MatchSpy {
  public:
    explicit FacetCounter(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    const FacetTallies& tallies() const { return tallies_; }

  private:
    Xapian::valueno slot_;
    FacetTallies tallies_;
};

struct FacetCount {
    std::string value;
    Xapian::doccount count;
};
// Every value, the first `ordered` of them most frequent first, then by value
// (deterministic output); the rest follow in no particular order.
std::vector<FacetCount> sorted_by_count(const ValueCounts& counts, std::size_t ordered = SIZE_MAX);

}  // namespace docket
