// Money amounts: "$1.5bn", "€600 million", "£2.3m", "3.5 mln dlrs", "50p",
// ranges ("$60 billion-$80 billion", "$60-80 billion", "between $2 billion and
// $3 billion") as min/max, with currency, plus the buckets facets count them in.
#pragma once

#include <optional>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace docket {

// Finds money amounts in text, in text order. Percentages, share counts, years
// and a '$' not followed by a number ("$HOME") are not amounts.
std::vector<Amount> extract_amounts(std::string_view text);

// Approximate US-dollar value of `value` in `currency`, from a fixed table of
// 2024 average rates (documented in the README); used for buckets and range
// filters only: amounts are shown in their own currency. Unknown codes: 1:1.
double to_usd(double value, std::string_view currency);

// Parses a filter bound such as "1e9", "1B", "250m", "$1.5bn", "€600 million"
// into US dollars. nullopt when it is not a number with an optional currency
// and magnitude.
std::optional<double> parse_amount_bound(std::string_view s);

struct AmountBucket {
    std::string key;    // term suffix, e.g. "1b-10b"
    std::string label;  // shown to users, e.g. "$1B-$10B"
    double min;         // USD, inclusive
    double max;         // USD, exclusive; infinity for the last bucket
};
// The fixed buckets, smallest first.
const std::vector<AmountBucket>& amount_buckets();
// Buckets an amount's USD-equivalent [min, max] overlaps.
std::vector<const AmountBucket*> buckets_for(const Amount& amount);

// Value-slot codec for the USD-equivalent ranges of an article's amounts: each
// range is two sortable_serialise() values, each after a byte giving its length.
std::string pack_usd_ranges(const std::vector<Amount>& amounts);
std::vector<std::pair<double, double>> unpack_usd_ranges(std::string_view packed);

// Each distinct amount once (same text, currency and value; the text's white space collapsed,
// as a wire story may wrap "10.53 billion\ndlrs"), in order of first mention: what a hit shows
// and what timelines add up.
std::vector<Amount> distinct_amounts(const std::vector<Amount>& amounts);

// Value-slot codec for the amounts in their own currency: per amount 19 bytes, the
// 3-letter currency code, then min and max as IEEE doubles, little-endian whatever the
// machine (an index may move): a timeline reads this slot for every match, where parsing
// text took a fifth of its time.
std::string pack_amounts(const std::vector<Amount>& amounts);
struct PackedAmount {
    std::string_view currency;
    double min = 0, max = 0;
};
inline constexpr std::size_t kPackedAmountBytes = 3 + 2 * sizeof(double);
namespace detail {
inline double double_at(const char* p) {
    std::uint64_t bits = 0;
    for (int i = 7; i >= 0; --i) bits = bits << 8 | static_cast<unsigned char>(p[i]);
    return std::bit_cast<double>(bits);
}
}  // namespace detail
// Calls fn(PackedAmount) for each amount of pack_amounts' output.
template <typename Fn>
void for_each_packed_amount(std::string_view packed, Fn fn) {
    for (std::size_t at = 0; at + kPackedAmountBytes <= packed.size(); at += kPackedAmountBytes) {
        PackedAmount a;
        a.currency = packed.substr(at, 3);
        a.min = detail::double_at(packed.data() + at + 3);
        a.max = detail::double_at(packed.data() + at + 3 + sizeof(double));
        fn(a);
    }
}

}  // namespace docket
