// Entity summaries (--summary company|case): per value of the kind over every match, the
// articles naming it, their first and last dates, the largest amounts in them with their
// article, and the companies and cases most often named in the same articles. Counted in the
// same pass as the exact total (values: kFacetCodes, kDatedAmounts), as a match spy or fed by
// the posting path (posting_count.h).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
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

class SummaryCounter : public Xapian::MatchSpy {
public:
    // `single_database`: a match's docid is the searched database's, so the articles of the
    // largest amounts are read once at the end, not as the counting goes (several databases
    // number their documents apart: a spy sees a shard's own docids).
    SummaryCounter(const schema::Field& kind, bool single_database) : kind_(kind.facet), single_database_(single_database) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // Counts match `doc` from its kFacetCodes and kDatedAmounts values (the posting path reads
    // them from the value streams). `document` is read for a kept amount's article when several
    // databases are counted; null: `doc` is the searched database's docid (read at the end).
    void count(Xapian::docid doc, std::string_view facet_codes, std::string_view dated_amounts,
               const Xapian::Document* document);
    // Adds the counts of `later`, which counted matches after this one's (in docid order, so
    // the amounts kept are those one counter would have kept).
    void add(const SummaryCounter& later);
    // The `shown` values with most articles (ties by name), each summarised, named through
    // `db`; with `only`, just the values named so (by facet key), however many articles.
    std::vector<EntitySummary> summaries(const Xapian::Database& db, std::size_t shown,
                                         const std::vector<std::string>* only = nullptr) const;

private:
    // Every match runs this spy, so it allocates nothing per match once warm: each value
    // (facet code, kFacetCodes, as facets count them) gets a dense index when first seen,
    // and is named at the end.
    struct KeptAmount {
        double value = 0, usd = 0;
        char currency[3] = {};
        Xapian::docid doc = 0;     // single database: the article, named at the end
        std::size_t article = 0;  // else its title and id in articles_
    };
    struct Tally {
        Xapian::doccount articles = 0;  // 0: a value of the other kind, only co-mentioned
        // A day's 8 bytes ("YYYYMMDD") as a big-endian number, so numbers compare as the days
        // do; 0 when no article is dated.
        std::uint64_t first_day = 0, last_day = 0;
        // Its largest amounts: largest_[dense index][0, kept), largest (in USD) first. They are
        // apart, so that most matches' amounts, smaller than the smallest of kSummaryAmountsKept
        // kept, are turned away without reading them (that read missed the cache most times).
        std::uint32_t kept = 0;
        double smallest_kept_usd = 0;
    };
    using Largest = std::array<KeptAmount, kSummaryAmountsKept>;
    // Where an amount of `usd` goes among t's kept ones: after every one at least as large
    // (earlier ones win ties); kSummaryAmountsKept when it is not among the largest.
    static std::size_t place_of(const Tally& t, const Largest& largest, double usd);
    // Puts `amount` at `at` (from place_of), the smallest kept one dropping out when full.
    static void keep_at(Tally& t, Largest& largest, std::size_t at, const KeptAmount& amount);
    struct MatchAmount {
        double value, usd;
        std::string_view currency;
    };
    std::uint32_t index_of(std::uint64_t code);
    char kind_;
    bool single_database_;
    text::FlatMap64<std::uint32_t> index_;  // code -> dense index + 1
    std::vector<std::uint64_t> codes_;      // dense index -> code
    std::vector<Tally> tallies_;            // dense index -> tally
    std::vector<Largest> largest_;          // dense index -> its kept amounts
    // Per match naming several values: their count, then their dense indexes. Co-mentions are
    // counted from it at the end for the shown values only: counting every pair as matches
    // came missed the cache on most of them.
    std::vector<std::uint32_t> together_;
    std::vector<std::pair<std::string, std::string>> articles_;  // title and id of kept amounts' articles
    // The current match's values (dense indexes) and amounts, kept to reuse their memory.
    std::vector<std::uint64_t> match_codes_;
    std::vector<std::uint32_t> match_;
    std::vector<MatchAmount> match_amounts_;
};

}  // namespace docket
