// Timelines (--timeline week|month|year): per period of the articles' calendar dates, the
// number of matching articles and, per currency, the amounts found in them (count, sum,
// median, maximum; dollars are never added to pounds). Counted over every match by a match
// spy reading one value slot (kDatedAmounts), in the same pass as the exact total.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

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
CurrencyStats currency_stats(std::string currency, std::vector<double> values);

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
    Timeline timeline() const;

private:
    struct Tally {
        Xapian::doccount articles = 0;
        std::map<std::string, std::vector<double>, std::less<>> values;  // currency -> amounts
    };
    Period period_;
    std::map<std::string, Tally> by_period_;  // "" = undated
    std::string first_day_, last_day_;         // "YYYYMMDD" of the dated matches
    std::string last_seen_day_;                // the previous match's day, and its tally
    Tally* last_tally_ = nullptr;
};

}  // namespace docket
