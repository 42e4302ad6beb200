// Entity summaries (--summary company|case): per value of the kind over every match, the
// articles naming it, their first and last dates, the largest amounts in them with their
// article, and the companies and cases most often named in the same articles. Counted by a
// match spy in the same pass as the exact total (values: kFacets, kDate, kAmounts).
#pragma once

#include <map>
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
    explicit SummaryCounter(const schema::Field& kind) : kind_(kind) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // The `shown` values with most articles (ties by name), each summarised.
    std::vector<EntitySummary> summaries(std::size_t shown) const;

private:
    struct Tally {
        Xapian::doccount articles = 0;
        std::string first_day, last_day;  // "YYYYMMDD"
        std::vector<SummaryAmount> largest;
        std::map<std::pair<char, std::string>, Xapian::doccount> with;  // (facet code, value) -> articles
    };
    const schema::Field& kind_;
    std::map<std::string, Tally> by_value_;
};

}  // namespace docket
