#include "timeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "entities/amounts.h"
#include "index/schema.h"

namespace docket {
using namespace std::chrono;

std::optional<sys_days> parse_day_value(std::string_view ymd) {
    if (ymd.size() != 8 || !std::all_of(ymd.begin(), ymd.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (ymd[i] - '0');
        return v;
    };
    year_month_day d{year{number(0, 4)}, month{static_cast<unsigned>(number(4, 2))}, day{static_cast<unsigned>(number(6, 2))}};
    if (!d.ok()) return std::nullopt;
    return sys_days{d};
}

std::string day_value(sys_days d) {
    const year_month_day v{d};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(v.year()), static_cast<unsigned>(v.month()),
                  static_cast<unsigned>(v.day()));
    return buf;
}

std::optional<Period> period_named(std::string_view name) {
    if (name == "week") return Period::Week;
    if (name == "month") return Period::Month;
    if (name == "year") return Period::Year;
    return std::nullopt;
}

std::string_view period_name(Period period) {
    switch (period) {
        case Period::Week: return "week";
        case Period::Month: return "month";
        case Period::Year: return "year";
    }
    return "";
}

std::string period_of(std::string_view ymd, Period period) {
    const auto day_of = parse_day_value(ymd);
    if (!day_of) return "";
    const year_month_day d{*day_of};
    char buf[32];
    if (period == Period::Year) {
        std::snprintf(buf, sizeof buf, "%04d", static_cast<int>(d.year()));
    } else if (period == Period::Month) {
        std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
    } else {
        // ISO 8601: a week runs Monday to Sunday and belongs to the year of its Thursday.
        const unsigned from_monday = (weekday{*day_of}.c_encoding() + 6) % 7;
        const sys_days thursday = *day_of - days{from_monday} + days{3};
        const year iso_year = year_month_day{thursday}.year();
        const auto week = (thursday - sys_days{iso_year / January / 1}).count() / 7 + 1;
        std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(iso_year), static_cast<int>(week));
    }
    return buf;
}

CurrencyStats currency_stats(std::string currency, std::span<const double> values) {
    CurrencyStats s{std::move(currency), values.size(), 0, 0, 0};
    if (values.empty()) return s;
    for (double v : values) s.sum += v;
    s.max = *std::max_element(values.begin(), values.end());
    // The middle value (or the mean of the two middle ones) without sorting them all.
    std::vector<double, text::HugePageAllocator<double>> order(values.begin(), values.end());
    const auto mid = order.begin() + static_cast<long>(order.size() / 2);
    std::nth_element(order.begin(), mid, order.end());
    s.median = *mid;
    if (order.size() % 2 == 0) s.median = (s.median + *std::max_element(order.begin(), mid)) / 2;
    return s;
}

void TimelineCounter::operator()(const Xapian::Document& doc, double) { count(doc.get_value(schema::slot::kDatedAmounts)); }

namespace {

// A currency's 3 letters as a number, and back.
std::uint32_t currency_number(std::string_view code) {
    std::uint32_t n = 0;
    for (char c : code) n = n << 8 | static_cast<unsigned char>(c);
    return n;
}
std::string currency_code(std::uint32_t n) {
    return {static_cast<char>(n >> 16 & 0xff), static_cast<char>(n >> 8 & 0xff), static_cast<char>(n & 0xff)};
}

}  // namespace

const TimelineCounter::Tally* TimelineCounter::find_tally(std::string_view period) const {
    for (const Tally& t : tallies_)
        if (t.period == period) return &t;
    return nullptr;
}

TimelineCounter::Tally& TimelineCounter::tally_named(const std::string& period) {
    if (const Tally* t = find_tally(period)) return tallies_[static_cast<std::size_t>(t - tallies_.data())];
    return tallies_.emplace_back(Tally{period, 0, {}});
}

TimelineCounter::Amounts& TimelineCounter::Tally::values_of(std::uint32_t currency) {
    for (auto& [code, values] : amounts)
        if (code == currency) return values;
    return amounts.emplace_back(currency, Amounts{}).second;
}

std::uint32_t TimelineCounter::tally_of(std::uint64_t day) {
    std::uint32_t& at = tally_of_day_[day];
    if (!at) {
        const std::string period = day == kNoDay ? "" : period_of(schema::day_bytes(day), period_);
        if (!period.empty()) {
            if (!first_day_ || day < first_day_) first_day_ = day;
            last_day_ = std::max(last_day_, day);
        }
        Tally& t = tally_named(period);  // may add to tallies_, not to tally_of_day_: `at` stays valid
        at = static_cast<std::uint32_t>(&t - tallies_.data()) + 1;
    }
    return at - 1;
}

void TimelineCounter::count(std::string_view value) {
    std::uint64_t day = schema::day_number(value);
    if (!day) day = kNoDay;
    if (day != last_seen_day_) {  // never 0: the first match looks its day up
        last_tally_ = tally_of(day);
        last_seen_day_ = day;
    }
    Tally& t = tallies_[last_tally_];
    ++t.articles;
    if (value.size() > schema::kDayBytes)
        for_each_packed_amount(value.substr(schema::kDayBytes), [&](const PackedAmount& a) {
            t.values_of(currency_number(a.currency)).push_back((a.min + a.max) / 2);
        });
}

void TimelineCounter::add(const TimelineCounter& later) {
    for (const Tally& from : later.tallies_) {
        Tally& t = tally_named(from.period);
        t.articles += from.articles;
        for (const auto& [currency, values] : from.amounts) {
            Amounts& mine = t.values_of(currency);
            mine.insert(mine.end(), values.begin(), values.end());
        }
    }
    if (later.first_day_ && (!first_day_ || later.first_day_ < first_day_)) first_day_ = later.first_day_;
    last_day_ = std::max(last_day_, later.last_day_);
    tally_of_day_.clear();  // its indexes may have moved; counting is over
    last_seen_day_ = 0;
}

Timeline TimelineCounter::timeline() const {
    auto row = [](std::string period, const Tally* t) {
        TimelineRow r{std::move(period), 0, {}};
        if (!t) return r;
        r.articles = t->articles;
        // Currencies by code, each one's values in the order counted (so sums come out the same).
        std::vector<const std::pair<std::uint32_t, Amounts>*> by_code;
        for (const auto& currency : t->amounts) by_code.push_back(&currency);
        std::sort(by_code.begin(), by_code.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
        for (const auto* currency : by_code) r.amounts.push_back(currency_stats(currency_code(currency->first), currency->second));
        return r;
    };
    Timeline out;
    out.period = period_;
    out.undated = row("", find_tally(""));
    if (!first_day_) return out;
    // Every period from the first to the last, the empty ones too: walk the days between.
    const sys_days first = *parse_day_value(schema::day_bytes(first_day_)), last = *parse_day_value(schema::day_bytes(last_day_));
    for (sys_days d = first; d <= last; d += days{1}) {
        std::string key = period_of(day_value(d), period_);
        if (!out.rows.empty() && out.rows.back().period == key) continue;
        const Tally* t = find_tally(key);
        out.rows.push_back(row(std::move(key), t));
    }
    return out;
}

}  // namespace docket
