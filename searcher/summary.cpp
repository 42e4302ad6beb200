#include "summary.h"

#include <algorithm>

#include "entities/amounts.h"
#include "index/stored.h"

namespace docket {
namespace {

std::string iso(const std::string& ymd) {
    return ymd.size() == 8 ? ymd.substr(0, 4) + "-" + ymd.substr(4, 2) + "-" + ymd.substr(6, 2) : "";
}

}  // namespace

void SummaryCounter::operator()(const Xapian::Document& doc, double) {
    const std::string packed = doc.get_value(schema::slot::kFacets);
    // The article's named values: (facet code, name), one per line of the packed facets.
    std::vector<std::pair<char, std::string>> named;
    for (std::size_t start = 0; start < packed.size();) {
        std::size_t end = packed.find('\n', start);
        if (end == std::string::npos) end = packed.size();
        if (end > start + 1 && packed[start] != schema::kAmountFacet)
            named.emplace_back(packed[start], packed.substr(start + 1, end - start - 1));
        start = end + 1;
    }
    if (std::none_of(named.begin(), named.end(), [&](const auto& n) { return n.first == kind_.facet; })) return;
    const std::string day = doc.get_value(schema::slot::kDate);
    std::vector<SummaryAmount> amounts;
    for_each_packed_amount(doc.get_value(schema::slot::kAmounts), [&](const PackedAmount& a) {
        const double value = (a.min + a.max) / 2;
        amounts.push_back({std::string(a.currency), value, to_usd(value, a.currency), "", ""});
    });
    bool titled = false;  // the article's title and id, read once and only if one of its amounts is kept
    for (const auto& [code, value] : named) {
        if (code != kind_.facet) continue;
        Tally& t = by_value_[value];
        ++t.articles;
        if (day.size() == 8) {
            if (t.first_day.empty() || day < t.first_day) t.first_day = day;
            if (day > t.last_day) t.last_day = day;
        }
        for (const auto& other : named)
            if (other.second != value || other.first != code) ++t.with[other];
        for (const SummaryAmount& a : amounts) {
            if (t.largest.size() == kSummaryAmounts && a.usd <= t.largest.back().usd) continue;
            if (!titled) {
                const StoredArticle stored = decode_stored(doc.get_data());
                for (auto& m : amounts) m.title = stored.article.title, m.id = stored.article.id;
                titled = true;
            }
            t.largest.push_back(a);
            std::stable_sort(t.largest.begin(), t.largest.end(), [](const auto& x, const auto& y) { return x.usd > y.usd; });
            if (t.largest.size() > kSummaryAmounts) t.largest.pop_back();
        }
    }
}

std::vector<EntitySummary> SummaryCounter::summaries(std::size_t shown) const {
    std::vector<const std::pair<const std::string, Tally>*> order;
    for (const auto& v : by_value_) order.push_back(&v);
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->second.articles > b->second.articles; });
    if (order.size() > shown) order.resize(shown);
    std::vector<EntitySummary> out;
    for (const auto* v : order) {
        const Tally& t = v->second;
        EntitySummary s{v->first, t.articles, iso(t.first_day), iso(t.last_day), t.largest, {}};
        for (const auto& [key, n] : t.with) {
            const std::size_t k = schema::facet_index(key.first);
            if (k < schema::kFacetKinds) s.with.push_back({std::string(schema::facet_field(k).name), key.second, n});
        }
        std::stable_sort(s.with.begin(), s.with.end(), [](const auto& a, const auto& b) { return a.articles > b.articles; });
        if (s.with.size() > kSummaryCoMentions) s.with.resize(kSummaryCoMentions);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace docket
