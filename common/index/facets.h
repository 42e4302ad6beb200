// Facet values: how an article's companies, cases and amount buckets are packed
// into value slots (names, and codes for counting), and how they are counted
// over all matches (FacetCounter locally, split combinations from remote shards).
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

// The facet codes slot (schema.h kFacetCodes) for a packed facets value: per
// line, its kind byte and 6 bytes of an FNV-1a hash of the line.
inline constexpr std::size_t kFacetCodeBytes = 7;
std::string facet_codes(std::string_view packed);
// The terms that name those codes, one per line (schema.h kFacetName).
std::vector<std::string> facet_name_terms(std::string_view packed);

// Per-value counts of each facet over a match set.
struct StringHash {
    using is_transparent = void;  // lookups by string_view without building a string (remote counts)
    std::size_t operator()(std::string_view s) const noexcept;
};
using ValueCounts = std::unordered_map<std::string, Xapian::doccount, StringHash, std::equal_to<>>;
struct FacetTallies {
    ValueCounts companies, cases, amounts;
    // Distinct values counted per facet: the maps may hold only the most frequent.
    std::size_t company_values = 0, case_values = 0;
};

// Adds `n` to every value of one packed facets value (see pack_facets).
void tally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies);
// Takes `n` back from each of them (folded duplicates); values that reach 0 go.
void untally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies);

// From Xapian's own ValueCountMatchSpy on the facets slot, which counts each
// distinct packed combination; a document has exactly one, so splitting
// combinations gives exact per-value counts. Being built in, that spy also runs
// inside a stock xapian-tcpsrv and merges across remote shards.
FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy);

// For local databases: counts each match's facet codes (kFacetCodes; the
// matcher hands it values from a sequential value stream), then names only the
// values that can be shown. Counting names (ValueCountMatchSpy, or parsing the
// packed names) cost several times more per match. A custom spy cannot run in
// a stock xapian-tcpsrv, so remote shards use split_facet_counts.
class FacetCounter : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override;
    // Takes back `n` counted matches of one document's facet codes (kFacetCodes):
    // exact duplicates folded into one hit count once, as the total does.
    void forget(std::string_view codes, Xapian::doccount n);
    // Per facet, the `shown` most frequent values (all tied with the last of
    // them too, so ties order by name) named through `db`'s kFacetName terms,
    // and how many distinct values were counted. shown = SIZE_MAX: every value.
    FacetTallies named(const Xapian::Database& db, std::size_t shown) const;

  private:
    std::unordered_map<std::uint64_t, Xapian::doccount> counts_;  // code (kind in the top byte) -> matches
};

struct FacetCount {
    std::string value;
    Xapian::doccount count;
};
// Every value, the first `ordered` of them most frequent first, then by value
// (deterministic output); the rest follow in no particular order.
std::vector<FacetCount> sorted_by_count(const ValueCounts& counts, std::size_t ordered = SIZE_MAX);

}  // namespace docket
