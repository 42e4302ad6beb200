// Amounts as the index and the searcher use them: filter bounds parsed into US
// dollars, the fixed buckets facets count, and the value-slot codec of an
// article's USD ranges and of its amounts in their own currency. The scanner itself is in amount_scanner.cpp.
#include "entities/amounts.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <xapian.h>

#include "entities/amount_scanner.h"
#include "text/text.h"

namespace docket {

std::optional<double> parse_amount_bound(std::string_view raw) {
    std::string s = text::trim(raw);
    if (s.empty()) return std::nullopt;
    // Scientific notation and plain numbers: "1e9", "2500000".
    double plain;
    auto r = std::from_chars(s.data(), s.data() + s.size(), plain);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size() && plain >= 0) return plain;
    // A bare number with a magnitude: "1B", "250m", "1.5 billion".
    if (auto total = amount_scanner::number_with_magnitude(s)) return total;
    auto amounts = extract_amounts(s);
    if (amounts.size() == 1 && amounts[0].offset == 0 && amounts[0].text.size() == s.size())
        return to_usd(amounts[0].min, amounts[0].currency);
    return std::nullopt;
}

const std::vector<AmountBucket>& amount_buckets() {
    static const std::vector<AmountBucket> buckets = {
        {"under-1m", "under $1M", 0, 1e6},
        {"1m-10m", "$1M-$10M", 1e6, 1e7},
        {"10m-100m", "$10M-$100M", 1e7, 1e8},
        {"100m-1b", "$100M-$1B", 1e8, 1e9},
        {"1b-10b", "$1B-$10B", 1e9, 1e10},
        {"10b-100b", "$10B-$100B", 1e10, 1e11},
        {"100b-plus", "$100B and more", 1e11, std::numeric_limits<double>::infinity()},
    };
    return buckets;
}

std::vector<const AmountBucket*> buckets_for(const Amount& amount) {
    double lo = to_usd(amount.min, amount.currency), hi = to_usd(amount.max, amount.currency);
    std::vector<const AmountBucket*> out;
    for (const auto& b : amount_buckets())
        if (hi >= b.min && lo < b.max) out.push_back(&b);
    return out;
}

std::string pack_usd_ranges(const std::vector<Amount>& amounts) {
    std::string out;
    for (const auto& a : amounts) {
        // Length-prefixed fields: sortable_serialise() results vary in length, so each
        // follows one byte that gives its length.
        for (double v : {to_usd(a.min, a.currency), to_usd(a.max, a.currency)}) {
            std::string enc = Xapian::sortable_serialise(v);
            out += static_cast<char>(enc.size());
            out += enc;
        }
    }
    return out;
}

std::vector<Amount> distinct_amounts(const std::vector<Amount>& amounts) {
    std::vector<Amount> out;
    for (Amount m : amounts) {
        m.text = text::collapse_space(m.text);
        auto same = [&](const Amount& o) { return o.text == m.text && o.currency == m.currency && o.min == m.min && o.max == m.max; };
        if (std::none_of(out.begin(), out.end(), same)) out.push_back(std::move(m));
    }
    return out;
}

std::string pack_amounts(const std::vector<Amount>& amounts) {
    std::string out;
    for (const auto& a : amounts) {
        if (a.currency.size() != 3) continue;  // ISO 4217 codes only
        out += a.currency;
        for (double v : {a.min, a.max}) {
            const auto bits = std::bit_cast<std::uint64_t>(v);
            for (int i = 0; i < 8; ++i) out += static_cast<char>(bits >> (8 * i) & 0xff);
        }
    }
    return out;
}

std::vector<std::pair<double, double>> unpack_usd_ranges(std::string_view packed) {
    std::vector<std::pair<double, double>> out;
    std::size_t i = 0;
    auto next = [&](double& v) {
        if (i >= packed.size()) return false;
        std::size_t len = static_cast<unsigned char>(packed[i++]);
        if (i + len > packed.size()) return false;
        v = Xapian::sortable_unserialise(std::string(packed.substr(i, len)));
        i += len;
        return true;
    };
    double lo, hi;
    while (next(lo) && next(hi)) out.emplace_back(lo, hi);
    return out;
}

}  // namespace docket
