// Facet values: how an article's companies, cases and amount buckets are packed
// into value slots (names, and codes for counting), and how they are counted
// over all matches (FacetCounter locally, split combinations from remote shards).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "index/schema.h"
#include "text/flat_map.h"

namespace docket {

// Index keys of facet values: lower-cased canonical names (see schema.h prefixes).
std::string facet_key(std::string_view canonical);

// An article's facet values, per facet row of schema::kFields in table order
// (companies, cases, amount buckets); rows left out have none.
using FacetValuesByKind = std::vector<std::vector<std::string>>;
// The facets slot (schema.h kFacets): one line per value, led by its kind's code.
std::string pack_facets(const FacetValuesByKind& values);

// The facet codes slot (schema.h kFacetCodes) for a packed facets value: per
// line, its kind byte and 6 bytes of an FNV-1a hash of the line.
inline constexpr std::size_t kFacetCodeBytes = 7;
std::string facet_codes(std::string_view packed);
// The terms that name those codes, one per line (schema.h kFacetName).
std::vector<std::string> facet_name_terms(std::string_view packed);

// Calls fn(code) for each code of a facet codes value: its kind in bits 48-55, then 48 bits
// of the line's hash (see facet_codes).
template <typename Fn>
void for_each_facet_code(std::string_view codes, Fn fn) {
    for (std::size_t i = 0; i + kFacetCodeBytes <= codes.size(); i += kFacetCodeBytes) {
        std::uint64_t code = 0;
        for (std::size_t b = 0; b < kFacetCodeBytes; ++b) code = (code << 8) | static_cast<unsigned char>(codes[i + b]);
        fn(code);
    }
}
inline char facet_code_kind(std::uint64_t code) { return static_cast<char>(code >> 48); }
// The value a code stands for in `db` (its kFacetName term), or "" when no article names it.
std::string facet_code_name(const Xapian::Database& db, std::uint64_t code);

// Per-value counts of each facet over a match set.
struct StringHash {
    using is_transparent = void;  // lookups by string_view without building a string (remote counts)
    std::size_t operator()(std::string_view s) const noexcept;
};
using ValueCounts = std::unordered_map<std::string, Xapian::doccount, StringHash, std::equal_to<>>;
struct FacetTally {
    ValueCounts counts;
    std::size_t distinct = 0;  // values counted: `counts` may hold only the most frequent
};
// One tally per facet row of schema::kFields, in table order.
struct FacetTallies {
    std::array<FacetTally, schema::kFacetKinds> kinds;
    // The tally of a facet code, or nullptr for an unknown code.
    FacetTally* of(char code) {
        const std::size_t i = schema::facet_index(code);
        return i < kinds.size() ? &kinds[i] : nullptr;
    }
    const FacetTally& tally(std::string_view facet_name) const;  // by the row's name ("company")
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
    // Counts values of one kind only (its facet byte): a summary's values are chosen so.
    void count_only(char kind) { only_ = kind; }
    // Counts one match's facet codes (a kFacetCodes value).
    void count(std::string_view codes) {
        if (only_)
            for_each_facet_code(codes, [&](std::uint64_t code) {
                if (facet_code_kind(code) == only_) ++counts_[code];
            });
        else
            for_each_facet_code(codes, [&](std::uint64_t code) { ++counts_[code]; });
    }
    // Takes back `n` counted matches of one document's facet codes (kFacetCodes):
    // exact duplicates folded into one hit count once, as the total does.
    void forget(std::string_view codes, Xapian::doccount n);
    // Adds another counter's counts (the same match set counted in two parts).
    void add(const FacetCounter& other);
    // Per facet, the `shown` most frequent values (all tied with the last of
    // them too, so ties order by name) named through `db`'s kFacetName terms,
    // and how many distinct values were counted. shown = SIZE_MAX: every value.
    FacetTallies named(const Xapian::Database& db, std::size_t shown) const;
    // Each counted value of the kind whose facet byte is `kind`: (matches, code), in no order.
    std::vector<std::pair<Xapian::doccount, std::uint64_t>> counts_of(char kind) const;

  private:
    text::FlatMap64<Xapian::doccount> counts_;  // code (kind in the top byte) -> matches; 0 once forgotten
    char only_ = 0;                             // 0: every kind
};

struct FacetCount {
    std::string value;
    Xapian::doccount count;
    double min = 0, max = 0;  // a bucket's bounds (FieldType::Buckets); max is infinity for the top one
};
// Every value, the first `ordered` of them most frequent first, then by value
// (deterministic output); the rest follow in no particular order.
std::vector<FacetCount> sorted_by_count(const ValueCounts& counts, std::size_t ordered = SIZE_MAX);

}  // namespace docket
