#include "facets.h"

#include <algorithm>

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

FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy) {
    FacetTallies t;
    for (auto combo = spy.values_begin(); combo != spy.values_end(); ++combo)
        for (const auto& line : unpack_list(*combo)) {
            if (line.empty()) continue;
            auto* counts = line[0] == facet_kind::kCompany ? &t.companies
                           : line[0] == facet_kind::kCase  ? &t.cases
                           : line[0] == facet_kind::kAmount ? &t.amounts
                                                            : nullptr;
            if (counts) (*counts)[line.substr(1)] += combo.get_termfreq();
        }
    return t;
}

std::vector<FacetCount> sorted_by_count(const std::map<std::string, Xapian::doccount>& counts) {
    std::vector<FacetCount> out;
    for (const auto& [v, n] : counts) out.push_back({v, n});
    std::stable_sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return out;
}

}  // namespace docket
