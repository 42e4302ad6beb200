// Money amounts: "$1.5bn", "€600 million", "£2.3m", "3.5 mln dlrs", "50p",
// ranges ("$60 billion-$80 billion", "$60-80 billion", "between $2 billion and
// $3 billion") as min/max, with currency, plus the buckets facets count them in.
#pragma once

#include <optional>
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

// Value-slot codec for the amounts in their own currency: one "CUR min max" line each.
std::string pack_amounts(const std::vector<Amount>& amounts);
struct PackedAmount {
    std::string_view currency;
    double min = 0, max = 0;
};
// Calls fn(PackedAmount) for each well-formed line of pack_amounts' output.
template <typename Fn>
void for_each_packed_amount(std::string_view packed, Fn fn);

namespace detail {
bool parse_packed_amount(std::string_view line, PackedAmount& out);
}

template <typename Fn>
void for_each_packed_amount(std::string_view packed, Fn fn) {
    for (std::size_t start = 0; start < packed.size();) {
        std::size_t end = packed.find('\n', start);
        if (end == std::string_view::npos) end = packed.size();
        PackedAmount a;
        if (detail::parse_packed_amount(packed.substr(start, end - start), a)) fn(a);
        start = end + 1;
    }
}

}  // namespace docket
