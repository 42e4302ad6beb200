#include "facets.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "text.h"

namespace docket {

std::string pack_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        out += v;
        out += '\n';
    }
    return out;
}

std::vector<std::string> unpack_list(std::string_view packed) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = packed.find('\n', start)) != std::string_view::npos; start = nl + 1)
        out.emplace_back(packed.substr(start, nl - start));
    return out;
}

std::string facet_key(std::string_view canonical) { return text::to_lower_ascii(canonical); }

std::string pack_facets(const std::vector<std::string>& companies, const std::vector<std::string>& cases,
                        const std::vector<std::string>& amount_buckets) {
    std::string out;
    for (auto [kind, values] : {std::pair{facet_kind::kCompany, &companies}, std::pair{facet_kind::kCase, &cases},
                                std::pair{facet_kind::kAmount, &amount_buckets}})
        for (const auto& v : *values) {
            out += kind;
            out += v;
            out += '\n';
        }
    return out;
}

std::size_t StringHash::operator()(std::string_view s) const noexcept {
    std::uint64_t head = 0, tail = 0;
    if (!s.empty()) std::memcpy(&head, s.data(), std::min<std::size_t>(s.size(), 8));
    if (s.size() > 8) std::memcpy(&tail, s.data() + s.size() - std::min<std::size_t>(s.size() - 8, 8), std::min<std::size_t>(s.size() - 8, 8));
    std::uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ s.size();
    h ^= h >> 29;
    h *= 0x165667B19E3779F9ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
}

void tally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = packed.find('\n', start)) != std::string_view::npos; start = nl + 1) {
        if (nl == start) continue;
        ValueCounts* counts = packed[start] == facet_kind::kCompany ? &tallies.companies
                              : packed[start] == facet_kind::kCase  ? &tallies.cases
                              : packed[start] == facet_kind::kAmount ? &tallies.amounts
                                                                     : nullptr;
        if (!counts) continue;
        std::string_view value = packed.substr(start + 1, nl - start - 1);
        if (auto it = counts->find(value); it != counts->end())
            it->second += n;
        else
            counts->emplace(std::string(value), n);
    }
}

FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy) {
    FacetTallies t;
    for (auto combo = spy.values_begin(); combo != spy.values_end(); ++combo) tally_packed(*combo, combo.get_termfreq(), t);
    return t;
}

void FacetCounter::operator()(const Xapian::Document& doc, double) { tally_packed(doc.get_value(slot_), 1, tallies_); }

std::vector<FacetCount> sorted_by_count(const ValueCounts& counts, std::size_t ordered) {
    std::vector<FacetCount> out;
    out.reserve(counts.size());
    for (const auto& [v, n] : counts) out.push_back({v, n});
    auto before = [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    // Printers show a few values of thousands: order only those.
    auto middle = out.begin() + static_cast<std::ptrdiff_t>(std::min(ordered, out.size()));
    std::partial_sort(out.begin(), middle, out.end(), before);
    return out;
}

}  // namespace docket
