#include "index/facets.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "index/schema.h"
#include "text/hash.h"
#include "text/text.h"

namespace docket {

std::string facet_key(std::string_view canonical) { return text::to_lower_ascii(canonical); }

std::string pack_facets(const FacetValuesByKind& values) {
    std::string out;
    for (std::size_t k = 0; k < values.size() && k < schema::kFacetKinds; ++k) {
        const char code = schema::facet_field(k).facet;
        for (const auto& v : values[k]) {
            out += code;
            out += v;
            out += '\n';
        }
    }
    return out;
}

const FacetTally& FacetTallies::tally(std::string_view facet_name) const {
    for (std::size_t k = 0; k < kinds.size(); ++k)
        if (schema::facet_field(k).name == facet_name) return kinds[k];
    throw std::invalid_argument("no facet named " + std::string(facet_name));
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

}  // namespace

void tally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies) {
    for_each_line(packed, [&](std::string_view line) {
        FacetTally* tally = tallies.of(line[0]);
        if (!tally) return;
        std::string_view value = line.substr(1);
        if (auto it = tally->counts.find(value); it != tally->counts.end())
            it->second += n;
        else
            tally->counts.emplace(std::string(value), n);
    });
}

void untally_packed(std::string_view packed, Xapian::doccount n, FacetTallies& tallies) {
    for_each_line(packed, [&](std::string_view line) {
        FacetTally* tally = tallies.of(line[0]);
        if (!tally) return;
        auto it = tally->counts.find(line.substr(1));
        if (it == tally->counts.end()) return;
        it->second -= std::min(n, it->second);
        if (it->second == 0) tally->counts.erase(it);
    });
    for (FacetTally& tally : tallies.kinds) tally.distinct = std::min(tally.distinct, tally.counts.size());
}

FacetTallies split_facet_counts(const Xapian::ValueCountMatchSpy& spy) {
    FacetTallies t;
    for (auto combo = spy.values_begin(); combo != spy.values_end(); ++combo) tally_packed(*combo, combo.get_termfreq(), t);
    for (FacetTally& tally : t.kinds) tally.distinct = tally.counts.size();
    return t;
}

namespace {

std::uint64_t code_of(std::string_view line) {
    const std::uint64_t h = text::fnv1a(line);
    return (static_cast<std::uint64_t>(static_cast<unsigned char>(line[0])) << 48) | (h & 0xFFFFFFFFFFFFull);
}

std::string code_hex(std::uint64_t code) {
    return text::hex_digits(code, 12);
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

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    count(doc.get_value(schema::slot::kFacetCodes));
}

void FacetCounter::forget(std::string_view codes, Xapian::doccount n) {
    for_each_facet_code(codes, [&](std::uint64_t code) {
        if (Xapian::doccount* count = counts_.find(code)) *count -= std::min(n, *count);
    });
}

void FacetCounter::add(const FacetCounter& other) {
    other.counts_.for_each([&](std::uint64_t code, Xapian::doccount n) { counts_[code] += n; });
}

FacetTallies FacetCounter::named(const Xapian::Database& db, std::size_t shown) const {
    FacetTallies t;
    for (std::size_t k = 0; k < schema::kFacetKinds; ++k) {
        const schema::Field& field = schema::facet_field(k);
        std::vector<std::pair<Xapian::doccount, std::uint64_t>> counted = counts_of(field.facet);
        std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        // Buckets are few: all of them. Otherwise the shown ones and their ties.
        std::size_t keep = counted.size();
        if (field.type != schema::FieldType::Buckets && shown < counted.size()) {
            const Xapian::doccount last = shown ? counted[shown - 1].first : counted.front().first + 1;
            keep = shown;
            while (keep < counted.size() && counted[keep].first == last) ++keep;
        }
        ValueCounts& out = t.kinds[k].counts;
        for (std::size_t i = 0; i < keep; ++i) {
            const std::string name = facet_code_name(db, counted[i].second);
            if (name.empty()) continue;  // named by no article any more: not counted either
            out[name] += counted[i].first;
        }
        t.kinds[k].distinct = counted.size();
    }
    return t;
}

std::vector<std::pair<Xapian::doccount, std::uint64_t>> FacetCounter::counts_of(char kind) const {
    std::vector<std::pair<Xapian::doccount, std::uint64_t>> out;
    counts_.for_each([&](std::uint64_t code, Xapian::doccount n) {
        if (n && facet_code_kind(code) == kind) out.emplace_back(n, code);
    });
    return out;
}

std::string facet_code_name(const Xapian::Database& db, std::uint64_t code) {
    const std::string prefix = name_prefix(code);
    auto term = db.allterms_begin(prefix);
    return term == db.allterms_end(prefix) ? "" : (*term).substr(prefix.size());
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
