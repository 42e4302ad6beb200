#include "summary.h"

#include <algorithm>
#include <tuple>

#include "entities/amounts.h"
#include "index/facets.h"
#include "index/stored.h"

namespace docket {
namespace {

// A day's number (SummaryCounter::first_day_) as "YYYY-MM-DD", "" for none.
std::string iso(std::uint64_t day) {
    if (!day) return "";
    const std::string ymd = schema::day_bytes(day);
    return ymd.substr(0, 4) + "-" + ymd.substr(4, 2) + "-" + ymd.substr(6, 2);
}

struct Named {
    Xapian::doccount count;
    std::string name;
    std::uint64_t code;
};

bool before(const Named& a, const Named& b) { return a.count != b.count ? a.count > b.count : a.name < b.name; }

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
            named.push_back({counted[i].first, std::move(name), counted[i].second});
    std::sort(named.begin(), named.end(), before);
    if (named.size() > keep) named.resize(keep);
    return named;
}

}  // namespace

std::vector<SummarisedValue> summarised_values(const Xapian::Database& db,
                                               std::vector<std::pair<Xapian::doccount, std::uint64_t>> counted,
                                               std::size_t shown, const std::vector<std::string>* only) {
    std::vector<Named> values;
    if (only) {
        // Every match names one of the filtered values, so they lead: name in order until all are found.
        std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<std::string> wanted;
        for (const auto& o : *only) wanted.push_back(facet_key(o));
        for (const auto& [n, code] : counted) {
            if (values.size() == wanted.size()) break;
            std::string name = facet_code_name(db, code);
            if (std::find(wanted.begin(), wanted.end(), facet_key(name)) != wanted.end()) values.push_back({n, std::move(name), code});
        }
        std::sort(values.begin(), values.end(), before);  // ties by name, as without filters
    } else {
        values = top_named(db, std::move(counted), shown);
    }
    std::vector<SummarisedValue> out;
    for (auto& v : values) out.push_back({std::move(v.name), v.code});
    return out;
}

SummaryCounter::SummaryCounter(std::string name, std::uint64_t code, bool single_database)
    : code_(code), single_database_(single_database) {
    summary_.value = std::move(name);
}

void SummaryCounter::count(Xapian::docid doc, std::span<const std::uint64_t> codes, std::uint64_t day,
                           std::span<const SummaryMatchAmount> amounts, const Xapian::Document* document) {
    ++summary_.articles;
    for (const std::uint64_t code : codes)  // amount buckets are no co-mentions
        if (code != code_ && facet_code_kind(code) != schema::kAmountFacet) ++with_[code];
    if (day) {
        if (!first_day_ || day < first_day_) first_day_ = day;
        last_day_ = std::max(last_day_, day);
    }
    // A document of one of several databases has that database's own docid: its article is read now.
    const bool read_now = document && !single_database_;
    const std::size_t article = articles_.size();  // its title and id once read
    for (const SummaryMatchAmount& a : amounts) {
        const std::size_t at = place_of(a.usd);
        if (at == kSummaryAmountsKept) continue;
        if (read_now && article == articles_.size()) {
            StoredArticle stored = decode_stored(document->get_data());
            articles_.emplace_back(std::move(stored.article.title), std::move(stored.article.id));
        }
        KeptAmount k{a.value, a.usd, {}, read_now ? 0 : doc, article};
        std::copy_n(a.currency.data(), sizeof k.currency, k.currency);
        keep_at(at, k);
    }
}

std::size_t SummaryCounter::place_of(double usd) const {
    if (largest_.size() == kSummaryAmountsKept && usd <= largest_.back().usd) return kSummaryAmountsKept;
    // After every kept amount at least as large: the earlier of equal amounts stays.
    return static_cast<std::size_t>(
        std::find_if(largest_.begin(), largest_.end(), [&](const KeptAmount& k) { return k.usd < usd; }) - largest_.begin());
}

void SummaryCounter::keep_at(std::size_t at, const KeptAmount& amount) {
    largest_.insert(largest_.begin() + static_cast<std::ptrdiff_t>(at), amount);
    if (largest_.size() > kSummaryAmountsKept) largest_.pop_back();
}

void SummaryCounter::add(const SummaryCounter& later) {
    summary_.articles += later.summary_.articles;
    if (later.first_day_ && (!first_day_ || later.first_day_ < first_day_)) first_day_ = later.first_day_;
    last_day_ = std::max(last_day_, later.last_day_);
    later.with_.for_each([&](std::uint64_t code, Xapian::doccount n) { with_[code] += n; });
    const std::size_t articles_before = articles_.size();
    articles_.insert(articles_.end(), later.articles_.begin(), later.articles_.end());
    for (KeptAmount amount : later.largest_) {
        const std::size_t at = place_of(amount.usd);
        if (at == kSummaryAmountsKept) break;  // later's next ones are no larger
        amount.article += articles_before;
        keep_at(at, amount);
    }
}

EntitySummary SummaryCounter::summary(const Xapian::Database& db) const {
    EntitySummary s = summary_;
    s.first_date = iso(first_day_);
    s.last_date = iso(last_day_);
    // Kept largest first: those below the last shown one's amount cannot be shown, and reading
    // an article (its whole stored record) is what costs here.
    const double shown_from = largest_.size() > kSummaryAmounts ? largest_[kSummaryAmounts - 1].usd : 0;
    for (const KeptAmount& k : largest_) {
        if (k.usd < shown_from) break;
        SummaryAmount a{std::string(k.currency, sizeof k.currency), k.value, k.usd, "", "", k.doc};
        if (k.doc) {
            StoredArticle stored = decode_stored(db.get_document(k.doc).get_data());
            a.title = std::move(stored.article.title);
            a.id = std::move(stored.article.id);
        } else {
            std::tie(a.title, a.id) = articles_[k.article];
        }
        s.largest.push_back(std::move(a));
    }
    // Equal amounts by article id: the order matches are visited in differs between one index and shards.
    std::stable_sort(s.largest.begin(), s.largest.end(), [](const SummaryAmount& x, const SummaryAmount& y) {
        return x.usd != y.usd ? x.usd > y.usd : x.id < y.id;
    });
    if (s.largest.size() > kSummaryAmounts) s.largest.resize(kSummaryAmounts);
    std::vector<std::pair<Xapian::doccount, std::uint64_t>> counts;
    with_.for_each([&](std::uint64_t code, Xapian::doccount n) { counts.emplace_back(n, code); });
    for (const Named& w : top_named(db, std::move(counts), kSummaryCoMentions)) {
        const std::size_t k = schema::facet_index(facet_code_kind(w.code));
        if (k < schema::kFacetKinds) s.with.push_back({std::string(schema::facet_field(k).name), w.name, w.count});
    }
    return s;
}

SummaryCounters::SummaryCounters(const std::vector<SummarisedValue>& values, bool single_database) {
    for (const SummarisedValue& v : values) counters_.emplace_back(v.name, v.code, single_database);
}

void SummaryCounters::count(Xapian::docid doc, std::string_view facet_codes, std::string_view dated,
                            const Xapian::Document* document) {
    // Decoded once per match, for every value it names.
    match_codes_.clear();
    for_each_facet_code(facet_codes, [&](std::uint64_t code) { match_codes_.push_back(code); });
    named_.clear();
    for (std::size_t i = 0; i < counters_.size(); ++i)
        if (std::find(match_codes_.begin(), match_codes_.end(), counters_[i].code()) != match_codes_.end())
            named_.push_back(i);
    if (named_.empty()) return;
    const std::uint64_t day = !dated.empty() && dated[0] != ' ' ? schema::day_number(dated) : 0;
    match_amounts_.clear();
    if (dated.size() > schema::kDayBytes)
        for_each_packed_amount(dated.substr(schema::kDayBytes), [&](const PackedAmount& a) {
            const double value = (a.min + a.max) / 2;
            match_amounts_.push_back({value, to_usd(value, a.currency), a.currency});
        });
    for (const std::size_t i : named_) counters_[i].count(doc, match_codes_, day, match_amounts_, document);
}

void SummaryCounters::operator()(const Xapian::Document& doc, double) {
    count(doc.get_docid(), doc.get_value(schema::slot::kFacetCodes), doc.get_value(schema::slot::kDatedAmounts), &doc);
}

void SummaryCounters::add(const SummaryCounters& later) {
    for (std::size_t i = 0; i < counters_.size(); ++i) counters_[i].add(later.counters_[i]);
}

std::vector<EntitySummary> SummaryCounters::summaries(const Xapian::Database& db) const {
    std::vector<EntitySummary> out;
    for (const SummaryCounter& c : counters_) out.push_back(c.summary(db));
    return out;
}

}  // namespace docket
