#include "summary.h"

#include <algorithm>

#include "entities/amounts.h"
#include "index/facets.h"
#include "index/stored.h"

namespace docket {
namespace {

std::string iso(const std::string& ymd) {
    return ymd.size() == 8 ? ymd.substr(0, 4) + "-" + ymd.substr(4, 2) + "-" + ymd.substr(6, 2) : "";
}

}  // namespace

void SummaryCounter::operator()(const Xapian::Document& doc, double) {
    codes_.clear();
    bool of_kind = false;
    for_each_facet_code(doc.get_value(schema::slot::kFacetCodes), [&](std::uint64_t code) {
        const char kind = facet_code_kind(code);
        if (kind == schema::kAmountFacet) return;  // buckets are no co-mentions
        codes_.push_back(code);
        of_kind |= kind == kind_;
    });
    if (!of_kind) return;
    const std::string dated = doc.get_value(schema::slot::kDatedAmounts);
    const std::string day = dated.substr(0, schema::kDayBytes);
    std::vector<SummaryAmount> amounts;
    const std::string_view packed = dated.size() > schema::kDayBytes ? std::string_view(dated).substr(schema::kDayBytes) : "";
    for_each_packed_amount(packed, [&](const PackedAmount& a) {
        const double value = (a.min + a.max) / 2;
        amounts.push_back({std::string(a.currency), value, to_usd(value, a.currency), "", "", single_database_ ? doc.get_docid() : 0});
    });
    bool titled = single_database_;  // else the article's title and id, read once if one of its amounts is kept
    for (const std::uint64_t code : codes_) {
        if (facet_code_kind(code) != kind_) continue;
        Tally& t = by_code_[code];
        ++t.articles;
        if (day.size() == schema::kDayBytes && day[0] != ' ') {
            if (t.first_day.empty() || day < t.first_day) t.first_day = day;
            if (day > t.last_day) t.last_day = day;
        }
        for (const std::uint64_t other : codes_)
            if (other != code) ++t.with[other];
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

namespace {

struct Named {
    Xapian::doccount count;
    std::uint64_t code;
    std::string name;
};

// The `keep` (count, code) pairs with most counts, named, most first and then by name; ties
// with the last one kept are named too, so the cut falls by name.
std::vector<Named> top_named(const Xapian::Database& db, std::vector<std::pair<Xapian::doccount, std::uint64_t>> counted,
                             std::size_t keep) {
    std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::size_t end = std::min(keep, counted.size());
    while (end > 0 && end < counted.size() && counted[end].first == counted[end - 1].first) ++end;
    std::vector<Named> named;
    for (std::size_t i = 0; i < end; ++i)
        if (std::string name = facet_code_name(db, counted[i].second); !name.empty())
            named.push_back({counted[i].first, counted[i].second, std::move(name)});
    std::sort(named.begin(), named.end(),
              [](const Named& a, const Named& b) { return a.count != b.count ? a.count > b.count : a.name < b.name; });
    if (named.size() > keep) named.resize(keep);
    return named;
}

}  // namespace

std::vector<EntitySummary> SummaryCounter::summaries(const Xapian::Database& db, std::size_t shown,
                                                     const std::vector<std::string>* only) const {
    std::vector<std::pair<Xapian::doccount, std::uint64_t>> counted;
    for (const auto& [code, t] : by_code_) counted.emplace_back(t.articles, code);
    std::vector<Named> values;
    if (only) {
        // Every match names one of the filtered values, so they lead: name in order until all are found.
        std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<std::string> wanted;
        for (const auto& o : *only) wanted.push_back(facet_key(o));
        for (const auto& [n, code] : counted) {
            if (values.size() == wanted.size()) break;
            std::string name = facet_code_name(db, code);
            if (std::find(wanted.begin(), wanted.end(), facet_key(name)) != wanted.end()) values.push_back({n, code, std::move(name)});
        }
    } else {
        values = top_named(db, std::move(counted), shown);
    }
    std::vector<EntitySummary> out;
    for (const Named& v : values) {
        const Tally& t = by_code_.at(v.code);
        EntitySummary s{v.name, t.articles, iso(t.first_day), iso(t.last_day), t.largest, {}};
        for (SummaryAmount& a : s.largest)
            if (a.doc) {
                const StoredArticle stored = decode_stored(db.get_document(a.doc).get_data());
                a.title = stored.article.title;
                a.id = stored.article.id;
            }
        std::vector<std::pair<Xapian::doccount, std::uint64_t>> with;
        for (const auto& [other, n] : t.with) with.emplace_back(n, other);
        for (const Named& w : top_named(db, std::move(with), kSummaryCoMentions)) {
            const std::size_t k = schema::facet_index(facet_code_kind(w.code));
            if (k < schema::kFacetKinds) s.with.push_back({std::string(schema::facet_field(k).name), w.name, w.count});
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace docket
