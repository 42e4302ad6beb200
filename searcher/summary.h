// Entity summaries (--summary company|case): per value of the kind shown (the most frequent
// over every match, or those filtered on), the articles naming it, their first and last dates,
// the largest amounts in them with their article, and the companies and cases most often named
// in the same articles. Counted after the exact total, in one pass over the matches naming a
// value shown (values: kFacetCodes, kDatedAmounts), as a match spy or fed by the posting path
// (posting_count.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "index/schema.h"
#include "text/flat_map.h"

namespace docket {

struct SummaryAmount {
    std::string currency;
    double value = 0;      // a range's midpoint, in its own currency
    double usd = 0;        // for ranking amounts of several currencies
    std::string title;     // the article it is in
    std::string id;
    Xapian::docid doc = 0;  // while counting on a single database: the article, named at the end
};

struct CoMention {
    std::string kind;  // "company" or "case"
    std::string value;
    Xapian::doccount articles = 0;
};

struct EntitySummary {
    std::string value;
    Xapian::doccount articles = 0;
    std::string first_date, last_date;  // "YYYY-MM-DD", empty when no article is dated
    std::vector<SummaryAmount> largest;  // at most kSummaryAmounts, largest (in USD) first
    std::vector<CoMention> with;         // at most kSummaryCoMentions, most often first
};

inline constexpr std::size_t kSummaryAmounts = 3, kSummaryCoMentions = 5;
// Amounts kept per value while counting: more than shown, so that equal amounts at the cut are
// chosen by article id at the end, not by the order the matches came in (one index vs shards).
inline constexpr std::size_t kSummaryAmountsKept = kSummaryAmounts + 5;

struct SummarisedValue {
    std::string name;   // as stored
    std::uint64_t code; // its facet code (kFacetCodes)
};
// The values of one kind a summary shows, from each value's (articles, facet code) over every
// match: with `only`, those named so (by facet key, however many articles), else the `shown`
// with most articles; most articles first, then by name.
std::vector<SummarisedValue> summarised_values(const Xapian::Database& db,
                                               std::vector<std::pair<Xapian::doccount, std::uint64_t>> counted,
                                               std::size_t shown, const std::vector<std::string>* only);

// An amount of a match, decoded once for every summarised value the match names.
struct SummaryMatchAmount {
    double value, usd;          // a range's midpoint, in its currency and in USD
    std::string_view currency;  // into the match's kDatedAmounts value
};

// One value's summary (see SummaryCounters).
class SummaryCounter {
public:
    // The value as stored and its facet code (see summarised_values). `single_database`: a match's
    // docid is the searched database's, so the articles of the largest amounts are read once
    // at the end, not as the counting goes (several databases number their documents apart:
    // a spy sees a shard's own docids).
    SummaryCounter(std::string name, std::uint64_t code, bool single_database);
    std::uint64_t code() const { return code_; }
    // Counts match `doc`, which names the value: its facet codes, day (schema::day_number, 0:
    // undated) and amounts. `document` is read for a kept amount's article when several
    // databases are counted; null: `doc` is the searched database's docid (read at the end).
    void count(Xapian::docid doc, std::span<const std::uint64_t> codes, std::uint64_t day,
               std::span<const SummaryMatchAmount> amounts, const Xapian::Document* document);
    // Adds the counts of `later`, which counted matches after this one's (in docid order, so
    // the amounts kept are those one counter would have kept).
    void add(const SummaryCounter& later);
    // The summary, its co-mentions and amounts' articles named through `db`.
    EntitySummary summary(const Xapian::Database& db) const;

private:
    struct KeptAmount {
        double value = 0, usd = 0;
        char currency[3] = {};
        Xapian::docid doc = 0;    // single database: the article, named at the end
        std::size_t article = 0;  // else its title and id in articles_
    };
    std::uint64_t code_;                         // the value's facet code (kFacetCodes)
    bool single_database_;
    EntitySummary summary_;                      // name and articles; the rest filled at the end
    // A day's 8 bytes ("YYYYMMDD") as a big-endian number, so numbers compare as the days do;
    // 0 when no article is dated.
    std::uint64_t first_day_ = 0, last_day_ = 0;
    std::vector<KeptAmount> largest_;            // at most kSummaryAmountsKept, largest (in USD) first
    text::FlatMap64<Xapian::doccount> with_;     // co-mentioned value's code -> articles
    std::vector<std::pair<std::string, std::string>> articles_;  // title and id of kept amounts' articles
    // Where an amount of `usd` goes among the kept ones, kSummaryAmountsKept when not among them.
    std::size_t place_of(double usd) const;
    void keep_at(std::size_t at, const KeptAmount& amount);  // the smallest drops out when full
};

// The values a summary shows, counted together in one pass after the exact total: the search
// filters its query by the values' terms (OR) and feeds these counters those matches, as a
// match spy or from the posting path (posting_count.h). A match goes to each value it names (a
// term can also match a name that differs only in case: the facet code decides).
class SummaryCounters : public Xapian::MatchSpy {
public:
    SummaryCounters(const std::vector<SummarisedValue>& values, bool single_database);
    void operator()(const Xapian::Document& doc, double weight) override;
    void count(Xapian::docid doc, std::string_view facet_codes, std::string_view dated_amounts,
               const Xapian::Document* document);
    void add(const SummaryCounters& later);  // as SummaryCounter::add, value by value
    std::vector<EntitySummary> summaries(const Xapian::Database& db) const;

private:
    std::vector<SummaryCounter> counters_;
    // The current match's codes, the counters of the values it names and its amounts, kept to
    // reuse their memory.
    std::vector<std::uint64_t> match_codes_;
    std::vector<std::size_t> named_;
    std::vector<SummaryMatchAmount> match_amounts_;
};

}  // namespace docket
