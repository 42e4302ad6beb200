#include "timeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

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

CurrencyStats currency_stats(std::string currency, std::vector<double> values) {
    CurrencyStats s{std::move(currency), values.size(), 0, 0, 0};
    if (values.empty()) return s;
    for (double v : values) s.sum += v;
    s.max = *std::max_element(values.begin(), values.end());
    // The middle value (or the mean of the two middle ones) without sorting them all.
    const std::size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<long>(mid), values.end());
    s.median = values[mid];
    if (values.size() % 2 == 0) s.median = (s.median + *std::max_element(values.begin(), values.begin() + static_cast<long>(mid))) / 2;
    return s;
}

void TimelineCounter::operator()(const Xapian::Document& doc, double) { count(doc.get_value(schema::slot::kDatedAmounts)); }

namespace {

std::string day_text(std::uint64_t day) {
    std::string ymd;
    for (std::size_t i = schema::kDayBytes; i-- > 0;) ymd += static_cast<char>(day >> (8 * i) & 0xff);
    return ymd;
}

std::uint32_t currency_number(std::string_view code) {
    std::uint32_t n = 0;
    for (char c : code) n = n << 8 | static_cast<unsigned char>(c);
    return n;
}

}  // namespace

TimelineCounter::Tally& TimelineCounter::tally_of(std::uint64_t day) {
    std::uint32_t& at = tally_of_day_[day];
    if (!at) {
        const std::string period = day == kNoDay ? "" : period_of(day_text(day), period_);
        if (!period.empty()) {
            if (!first_day_ || day < first_day_) first_day_ = day;
            last_day_ = std::max(last_day_, day);
        }
        auto same = std::find_if(tallies_.begin(), tallies_.end(), [&](const Tally& t) { return t.period == period; });
        if (same == tallies_.end()) same = tallies_.insert(same, Tally{period, 0, {}});
        at = static_cast<std::uint32_t>(same - tallies_.begin()) + 1;
    }
    return tallies_[at - 1];
}

void TimelineCounter::count(std::string_view value) {
    std::uint64_t day = kNoDay;
    if (value.size() >= schema::kDayBytes) {
        day = 0;
        for (std::size_t i = 0; i < schema::kDayBytes; ++i) day = day << 8 | static_cast<unsigned char>(value[i]);
    }
    if (!last_seen_day_ || day != last_seen_day_) {
        last_tally_ = static_cast<std::uint32_t>(&tally_of(day) - tallies_.data());
        last_seen_day_ = day;
    }
    Tally& t = tallies_[last_tally_];
    ++t.articles;
    if (value.size() > schema::kDayBytes)
        for_each_packed_amount(value.substr(schema::kDayBytes), [&](const PackedAmount& a) {
            const std::uint32_t currency = currency_number(a.currency);
            auto it = std::find_if(t.amounts.begin(), t.amounts.end(), [&](const auto& c) { return c.first == currency; });
            if (it == t.amounts.end()) it = t.amounts.insert(it, {currency, {}});
            it->second.push_back((a.min + a.max) / 2);
        });
}

void TimelineCounter::add(const TimelineCounter& later) {
    for (const Tally& from : later.tallies_) {
        auto same = std::find_if(tallies_.begin(), tallies_.end(), [&](const Tally& t) { return t.period == from.period; });
        if (same == tallies_.end()) same = tallies_.insert(same, Tally{from.period, 0, {}});
        same->articles += from.articles;
        for (const auto& [currency, values] : from.amounts) {
            auto it = std::find_if(same->amounts.begin(), same->amounts.end(), [&](const auto& c) { return c.first == currency; });
            if (it == same->amounts.end()) it = same->amounts.insert(it, {currency, {}});
            it->second.insert(it->second.end(), values.begin(), values.end());
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
        auto by_code = t->amounts;
        std::sort(by_code.begin(), by_code.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [code, values] : by_code) {
            std::string currency;
            for (int shift = 16; shift >= 0; shift -= 8) currency += static_cast<char>(code >> shift & 0xff);
            r.amounts.push_back(currency_stats(std::move(currency), std::move(values)));
        }
        return r;
    };
    auto tally_named = [&](std::string_view period) -> const Tally* {
        for (const Tally& t : tallies_)
            if (t.period == period) return &t;
        return nullptr;
    };
    Timeline out;
    out.period = period_;
    out.undated = row("", tally_named(""));
    if (!first_day_) return out;
    // Every period from the first to the last, the empty ones too: walk the days between.
    const sys_days first = *parse_day_value(day_text(first_day_)), last = *parse_day_value(day_text(last_day_));
    for (sys_days d = first; d <= last; d += days{1}) {
        std::string key = period_of(day_value(d), period_);
        if (!out.rows.empty() && out.rows.back().period == key) continue;
        const Tally* t = tally_named(key);
        out.rows.push_back(row(std::move(key), t));
    }
    return out;
}

}  // namespace docket
