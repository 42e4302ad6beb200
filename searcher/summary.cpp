#include "summary.h"

#include <algorithm>
#include <tuple>

#include "entities/amounts.h"
#include "index/facets.h"
#include "index/stored.h"

namespace docket {
namespace {

// A day's number (Tally::first_day) as "YYYY-MM-DD", "" for none.
std::string iso(std::uint64_t day) {
    if (!day) return "";
    const std::string ymd = schema::day_bytes(day);
    return ymd.substr(0, 4) + "-" + ymd.substr(4, 2) + "-" + ymd.substr(6, 2);
}

}  // namespace

std::uint32_t SummaryCounter::index_of(std::uint64_t code) {
    std::uint32_t& at = index_[code];
    if (!at) {
        codes_.push_back(code);
        tallies_.emplace_back();
        largest_.emplace_back();
        at = static_cast<std::uint32_t>(codes_.size());
    }
    return at - 1;
}

void SummaryCounter::operator()(const Xapian::Document& doc, double) {
    count(doc.get_docid(), doc.get_value(schema::slot::kFacetCodes), doc.get_value(schema::slot::kDatedAmounts), &doc);
}

void SummaryCounter::count(Xapian::docid doc, std::string_view facet_codes, std::string_view dated,
                           const Xapian::Document* document) {
    match_codes_.clear();
    bool of_kind = false;
    for_each_facet_code(facet_codes, [&](std::uint64_t code) {
        const char kind = facet_code_kind(code);
        if (kind == schema::kAmountFacet) return;  // buckets are no co-mentions
        match_codes_.push_back(code);
        of_kind |= kind == kind_;
    });
    if (!of_kind) return;
    match_.clear();
    for (const std::uint64_t code : match_codes_) match_.push_back(index_of(code));
    if (match_.size() > 1) {
        together_.push_back(static_cast<std::uint32_t>(match_.size()));
        together_.insert(together_.end(), match_.begin(), match_.end());
    }

    const std::uint64_t day = !dated.empty() && dated[0] != ' ' ? schema::day_number(dated) : 0;
    match_amounts_.clear();
    if (dated.size() > schema::kDayBytes)
        for_each_packed_amount(dated.substr(schema::kDayBytes), [&](const PackedAmount& a) {
            const double value = (a.min + a.max) / 2;
            match_amounts_.push_back({value, to_usd(value, a.currency), a.currency});
        });

    // A document of one of several databases has that database's own docid: its article is read now.
    const bool read_now = document && !single_database_;
    std::size_t article = articles_.size();  // its title and id once read
    for (const std::uint32_t value : match_) {
        Tally& t = tallies_[value];
        if (facet_code_kind(codes_[value]) != kind_) continue;
        ++t.articles;
        if (day) {
            if (!t.first_day || day < t.first_day) t.first_day = day;
            if (day > t.last_day) t.last_day = day;
        }
        for (const MatchAmount& a : match_amounts_) {
            const std::size_t at = place_of(t, largest_[value], a.usd);
            if (at == kSummaryAmountsKept) continue;
            if (read_now && article == articles_.size()) {
                StoredArticle stored = decode_stored(document->get_data());
                articles_.emplace_back(std::move(stored.article.title), std::move(stored.article.id));
            }
            KeptAmount k{a.value, a.usd, {}, read_now ? 0 : doc, article};
            std::copy_n(a.currency.data(), sizeof k.currency, k.currency);
            keep_at(t, largest_[value], at, k);
        }
    }
}

std::size_t SummaryCounter::place_of(const Tally& t, const Largest& largest, double usd) {
    if (t.kept == kSummaryAmountsKept && usd <= t.smallest_kept_usd) return kSummaryAmountsKept;
    std::size_t at = t.kept;
    while (at > 0 && largest[at - 1].usd < usd) --at;
    return at;
}

void SummaryCounter::keep_at(Tally& t, Largest& largest, std::size_t at, const KeptAmount& amount) {
    if (t.kept < kSummaryAmountsKept) ++t.kept;
    std::move_backward(largest.begin() + at, largest.begin() + t.kept - 1, largest.begin() + t.kept);
    largest[at] = amount;
    t.smallest_kept_usd = largest[t.kept - 1].usd;
}

void SummaryCounter::add(const SummaryCounter& later) {
    std::vector<std::uint32_t> mine(later.codes_.size());  // later's dense index -> this one's
    for (std::size_t i = 0; i < later.codes_.size(); ++i) mine[i] = index_of(later.codes_[i]);
    const std::size_t articles_before = articles_.size();
    articles_.insert(articles_.end(), later.articles_.begin(), later.articles_.end());
    for (std::size_t i = 0; i < later.tallies_.size(); ++i) {
        const Tally& from = later.tallies_[i];
        Tally& t = tallies_[mine[i]];
        t.articles += from.articles;
        if (from.first_day && (!t.first_day || from.first_day < t.first_day)) t.first_day = from.first_day;
        t.last_day = std::max(t.last_day, from.last_day);
        for (std::size_t k = 0; k < from.kept; ++k) {
            KeptAmount amount = later.largest_[i][k];
            const std::size_t at = place_of(t, largest_[mine[i]], amount.usd);
            if (at == kSummaryAmountsKept) break;  // later's next ones are no larger
            amount.article += articles_before;
            keep_at(t, largest_[mine[i]], at, amount);
        }
    }
    for (std::size_t at = 0; at < later.together_.size(); at += 1 + later.together_[at]) {
        together_.push_back(later.together_[at]);
        for (std::size_t v = 1; v <= later.together_[at]; ++v) together_.push_back(mine[later.together_[at + v]]);
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
    for (std::size_t i = 0; i < tallies_.size(); ++i)
        if (tallies_[i].articles) counted.emplace_back(tallies_[i].articles, codes_[i]);
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
        // Ties by name, as without filters (the sort above leaves their order to chance).
        std::sort(values.begin(), values.end(),
                  [](const Named& a, const Named& b) { return a.count != b.count ? a.count > b.count : a.name < b.name; });
    } else {
        values = top_named(db, std::move(counted), shown);
    }
    // The co-mentions of the shown values, from the matches naming several values.
    std::vector<std::size_t> shown_at(codes_.size(), SIZE_MAX);  // dense index -> position in values
    for (std::size_t v = 0; v < values.size(); ++v) shown_at[*index_.find(values[v].code) - 1] = v;
    std::vector<text::FlatMap64<Xapian::doccount>> with(values.size());  // per shown value: code -> articles
    for (std::size_t at = 0; at < together_.size(); at += 1 + together_[at]) {
        const auto begin = together_.begin() + static_cast<std::ptrdiff_t>(at) + 1, end = begin + together_[at];
        for (auto value = begin; value != end; ++value)
            if (const std::size_t v = shown_at[*value]; v != SIZE_MAX)
                for (auto other = begin; other != end; ++other)
                    if (*other != *value) ++with[v][codes_[*other]];
    }
    std::vector<EntitySummary> out;
    for (std::size_t v = 0; v < values.size(); ++v) {
        const std::size_t at = *index_.find(values[v].code) - 1;
        const Tally& t = tallies_[at];
        EntitySummary s{values[v].name, t.articles, iso(t.first_day), iso(t.last_day), {}, {}};
        for (std::size_t i = 0; i < t.kept; ++i) {
            const KeptAmount& k = largest_[at][i];
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
        with[v].for_each([&](std::uint64_t code, Xapian::doccount n) { counts.emplace_back(n, code); });
        for (const Named& w : top_named(db, std::move(counts), kSummaryCoMentions)) {
            const std::size_t k = schema::facet_index(facet_code_kind(w.code));
            if (k < schema::kFacetKinds) s.with.push_back({std::string(schema::facet_field(k).name), w.name, w.count});
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace docket
