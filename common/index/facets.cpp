#include "index/facets.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "index/schema.h"
#include "text/text.h"

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

std::size_t StringHash::operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }

namespace {

// Calls fn(line) for each non-empty line of a packed facets value (without its '\n').
template <typename Fn>
void for_each_line(std::string_view packed, Fn fn) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = packed.find('\n', start)) != std::string_view::npos; start = nl + 1)
        if (nl > start) fn(packed.substr(start, nl - start));
}

// The tally of one facet kind, or nullptr for an unknown kind.
ValueCounts* tally_of(char kind, FacetTallies& t) {
    return kind == facet_kind::kCompany ? &t.companies
           : kind == facet_kind::kCase  ? &t.cases
           : kind == facet_kind::kAmount ? &t.amounts
                                         : nullptr;
}

}  // namespace

void tally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies) {
    for_each_line(packed, [&](std::string_view line) {
        ValueCounts* counts = tally_of(line[0], tallies);
        if (!counts) return;
        std::string_view value = line.substr(1);
        if (auto it = counts->find(value); it != counts->end())
            it->second += n;
        else
            counts->emplace(std::string(value), n);
    });
}

void untally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies) {
    for_each_line(packed, [&](std::string_view line) {
        ValueCounts* counts = tally_of(line[0], tallies);
        if (!counts) return;
        auto it = counts->find(line.substr(1));
        if (it == counts->end()) return;
        it->second -= std::min(n, it->second);
        if (it->second == 0) counts->erase(it);
    });
    tallies.company_values = std::min(tallies.company_values, tallies.companies.size());
    tallies.case_values = std::min(tallies.case_values, tallies.cases.size());
}

FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy) {
    FacetTallies t;
    for (auto combo = spy.values_begin(); combo != spy.values_end(); ++combo) tally_packed(*combo, combo.get_termfreq(), t);
    t.company_values = t.companies.size();
    t.case_values = t.cases.size();
    return t;
}

namespace {

std::uint64_t code_of(std::string_view line) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : line) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return (static_cast<std::uint64_t>(static_cast<unsigned char>(line[0])) << 48) | (h & 0xFFFFFFFFFFFFull);
}

std::string code_hex(std::uint64_t code) {
    char hex[13];
    std::snprintf(hex, sizeof hex, "%012llx", static_cast<unsigned long long>(code & 0xFFFFFFFFFFFFull));
    return hex;
}

std::string name_prefix(std::uint64_t code) {
    return std::string(schema::prefix::kFacetName) + static_cast<char>(code >> 48) + code_hex(code) + ":";
}

}  // namespace

std::string facet_codes(std::string_view packed) {
    std::string out;
    for_each_line(packed, [&](std::string_view line) {
        const std::uint64_t code = code_of(line);
        for (int byte = 6; byte >= 0; --byte) out += static_cast<char>((code >> (8 * byte)) & 0xFF);
    });
    return out;
}

std::vector<std::string> facet_name_terms(std::string_view packed) {
    std::vector<std::string> terms;
    for_each_line(packed, [&](std::string_view line) {
        std::string prefix = name_prefix(code_of(line));
        terms.push_back(schema::bounded_term(prefix, line.substr(1)));
    });
    return terms;
}

namespace {

// Calls fn(code) for each code of a facet codes value (see facet_codes).
template <typename Fn>
void for_each_code(std::string_view codes, Fn fn) {
    for (std::size_t i = 0; i + kFacetCodeBytes <= codes.size(); i += kFacetCodeBytes) {
        std::uint64_t code = 0;
        for (std::size_t b = 0; b < kFacetCodeBytes; ++b) code = (code << 8) | static_cast<unsigned char>(codes[i + b]);
        fn(code);
    }
}

}  // namespace

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    for_each_code(doc.get_value(schema::slot::kFacetCodes), [&](std::uint64_t code) { ++counts_[code]; });
}

void FacetCounter::forget(std::string_view codes, Xapian::doccount n) {
    for_each_code(codes, [&](std::uint64_t code) {
        auto it = counts_.find(code);
        if (it == counts_.end()) return;
        it->second -= std::min(n, it->second);
        if (it->second == 0) counts_.erase(it);
    });
}

FacetTallies FacetCounter::named(const Xapian::Database& db, std::size_t shown) const {
    FacetTallies t;
    for (char kind : {facet_kind::kCompany, facet_kind::kCase, facet_kind::kAmount}) {
        std::vector<std::pair<Xapian::doccount, std::uint64_t>> counted;
        for (const auto& [code, n] : counts_)
            if (static_cast<char>(code >> 48) == kind) counted.emplace_back(n, code);
        std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        // Amount buckets are few: all of them. Otherwise the shown ones and their ties.
        std::size_t keep = counted.size();
        if (kind != facet_kind::kAmount && shown < counted.size()) {
            const Xapian::doccount last = shown ? counted[shown - 1].first : counted.front().first + 1;
            keep = shown;
            while (keep < counted.size() && counted[keep].first == last) ++keep;
        }
        ValueCounts& out = *tally_of(kind, t);
        for (std::size_t i = 0; i < keep; ++i) {
            const std::string prefix = name_prefix(counted[i].second);
            auto term = db.allterms_begin(prefix);
            if (term == db.allterms_end(prefix)) continue;  // named by no article any more: not counted either
            out[(*term).substr(prefix.size())] += counted[i].first;
        }
        if (kind == facet_kind::kCompany) t.company_values = counted.size();
        if (kind == facet_kind::kCase) t.case_values = counted.size();
    }
    return t;
}

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
