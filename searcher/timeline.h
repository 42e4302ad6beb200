// Timelines (--timeline week|month|year): per period of the articles' calendar dates, the
// number of matching articles and, per currency, the amounts found in them (count, sum,
// median, maximum; dollars are never added to pounds). Counted over every match from one value
// slot (kDatedAmounts), in the same pass as the exact total: as a match spy, or fed by the
// posting path (posting_count.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "text/flat_map.h"
#include "text/huge_page_allocator.h"

namespace docket {

// A kDate value ("20250321") as a day, nullopt for a malformed or impossible date; and back.
std::optional<std::chrono::sys_days> parse_day_value(std::string_view ymd);
std::string day_value(std::chrono::sys_days day);

enum class Period { Week, Month, Year };

// "week", "month" or "year"; nullopt for anything else.
std::optional<Period> period_named(std::string_view name);
std::string_view period_name(Period period);

// The period of a kDate value ("20250321"): "2025-W12" (ISO 8601 week), "2025-03" or "2025".
// Dates are calendar dates: no time zone moves them. Empty for a malformed date.
std::string period_of(std::string_view ymd, Period period);

struct CurrencyStats {
    std::string currency;  // ISO 4217
    std::size_t count = 0;
    double sum = 0, median = 0, max = 0;
};
// The statistics of one currency's amounts (a range counts as its midpoint).
CurrencyStats currency_stats(std::string currency, std::span<const double> values);

struct TimelineRow {
    std::string period;  // empty for the undated row
    Xapian::doccount articles = 0;
    std::vector<CurrencyStats> amounts;  // by currency code
};

struct Timeline {
    Period period = Period::Month;
    std::vector<TimelineRow> rows;  // every period from the first match's to the last's, empty ones too
    TimelineRow undated;            // matches without a date
};

class TimelineCounter : public Xapian::MatchSpy {
public:
    explicit TimelineCounter(Period period) : period_(period) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // Counts one match from its kDatedAmounts value (the posting path reads it from the value stream).
    void count(std::string_view dated_amounts);
    // Adds the counts of `later`, which counted matches after this one's (in docid order, so
    // sums add up in the same order as one counter's would).
    void add(const TimelineCounter& later);
    Timeline timeline() const;

private:
    // Every match runs this, so it keys nothing by string: a day (its 8 bytes as a big-endian
    // number, kNoDay without a date value) is given its period's tally when first seen, and
    // currencies are their 3 letters as a number. String-keyed maps cost a fifth of a timeline.
    static constexpr std::uint64_t kNoDay = 1;
    // A broad query's month can hold a quarter of a million amounts.
    using Amounts = std::vector<double, text::HugePageAllocator<double>>;
    struct Tally {
        std::string period;  // "" for matches without a (valid) date
        Xapian::doccount articles = 0;
        std::vector<std::pair<std::uint32_t, Amounts>> amounts;  // currency -> midpoints, as counted
        Amounts& values_of(std::uint32_t currency);             // added when new
    };
    const Tally* find_tally(std::string_view period) const;
    Tally& tally_named(const std::string& period);  // added when new
    std::uint32_t tally_of(std::uint64_t day);      // the index of its period's tally, found once per day
    Period period_;
    std::vector<Tally> tallies_;
    text::FlatMap64<std::uint32_t> tally_of_day_;  // day -> index in tallies_ + 1
    std::uint64_t first_day_ = 0, last_day_ = 0;  // of the dated matches; 0 before the first
    std::uint64_t last_seen_day_ = 0;             // the previous match's day (neighbours mostly share one)
    std::uint32_t last_tally_ = 0;                // and its tally's index
};

}  // namespace docket
