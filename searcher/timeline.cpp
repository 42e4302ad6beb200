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

void TimelineCounter::operator()(const Xapian::Document& doc, double) {
    const std::string value = doc.get_value(schema::slot::kDatedAmounts);
    std::string day = value.substr(0, schema::kDayBytes);
    // Matches come in docid order, and neighbours mostly share a day: its tally is kept.
    if (!last_tally_ || day != last_seen_day_) {
        const std::string key = period_of(day, period_);
        if (!key.empty()) {
            if (first_day_.empty() || day < first_day_) first_day_ = day;
            if (day > last_day_) last_day_ = day;
        }
        last_tally_ = &by_period_[key];
        last_seen_day_ = std::move(day);
    }
    Tally& t = *last_tally_;
    ++t.articles;
    const std::string_view packed = value.size() > schema::kDayBytes ? std::string_view(value).substr(schema::kDayBytes) : "";
    for_each_packed_amount(packed, [&](const PackedAmount& a) {
        auto it = t.values.find(a.currency);
        if (it == t.values.end()) it = t.values.emplace(std::string(a.currency), std::vector<double>{}).first;
        it->second.push_back((a.min + a.max) / 2);
    });
}

Timeline TimelineCounter::timeline() const {
    auto row = [](std::string period, const Tally* t) {
        TimelineRow r{std::move(period), 0, {}};
        if (!t) return r;
        r.articles = t->articles;
        for (const auto& [currency, values] : t->values) r.amounts.push_back(currency_stats(currency, values));
        return r;
    };
    Timeline out;
    out.period = period_;
    auto undated = by_period_.find("");
    out.undated = row("", undated == by_period_.end() ? nullptr : &undated->second);
    if (first_day_.empty()) return out;
    // Every period from the first to the last, the empty ones too: walk the days between.
    const sys_days first = *parse_day_value(first_day_), last = *parse_day_value(last_day_);
    for (sys_days d = first; d <= last; d += days{1}) {
        std::string key = period_of(day_value(d), period_);
        if (!out.rows.empty() && out.rows.back().period == key) continue;
        auto t = by_period_.find(key);
        out.rows.push_back(row(std::move(key), t == by_period_.end() ? nullptr : &t->second));
    }
    return out;
}

}  // namespace docket
