// Entity summaries (--summary company|case): per value of the kind over every match, the
// articles naming it, their first and last dates, the largest amounts in them with their
// article, and the companies and cases most often named in the same articles. Counted by a
// match spy in the same pass as the exact total (values: kFacetCodes, kDatedAmounts).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/schema.h"

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

class SummaryCounter : public Xapian::MatchSpy {
public:
    // `single_database`: a match's docid is the searched database's, so the articles of the
    // largest amounts are read once at the end, not as the counting goes (several databases
    // number their documents apart: a spy sees a shard's own docids).
    SummaryCounter(const schema::Field& kind, bool single_database) : kind_(kind.facet), single_database_(single_database) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // The `shown` values with most articles (ties by name), each summarised, named through
    // `db`; with `only`, just the values named so (by facet key), however many articles.
    std::vector<EntitySummary> summaries(const Xapian::Database& db, std::size_t shown,
                                         const std::vector<std::string>* only = nullptr) const;

private:
    // Values are counted by their facet codes (kFacetCodes, as facets are) and named at the end.
    struct Tally {
        Xapian::doccount articles = 0;
        std::string first_day, last_day;  // "YYYYMMDD"
        std::vector<SummaryAmount> largest;
        std::unordered_map<std::uint64_t, Xapian::doccount> with;  // co-mentioned value's code -> articles
    };
    char kind_;
    bool single_database_;
    std::unordered_map<std::uint64_t, Tally> by_code_;
    std::vector<std::uint64_t> codes_;  // the current match's named values
};

}  // namespace docket
