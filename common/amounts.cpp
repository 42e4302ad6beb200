#include "amounts.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include <xapian.h>

#include "text.h"

namespace docket {
namespace {

struct CurrencyPrefix {
    std::string_view text;
    std::string_view code;
    bool is_word;  // letters: must start at a word boundary and not run into letters
};

// Longest first where one is a prefix of another.
constexpr std::array<CurrencyPrefix, 22> kPrefixes = {{
    {"US$", "USD", false}, {"HK$", "HKD", false}, {"A$", "AUD", false}, {"C$", "CAD", false},
    {"S$", "SGD", false},  {"$", "USD", false},   {"\xE2\x82\xAC", "EUR", false},   // €
    {"\xC2\xA3", "GBP", false}, {"\xC2\xA5", "JPY", false}, {"\xE2\x82\xB9", "INR", false},  // £ ¥ ₹
    {"USD", "USD", true}, {"EUR", "EUR", true}, {"GBP", "GBP", true}, {"JPY", "JPY", true},
    {"CNY", "CNY", true}, {"RMB", "CNY", true}, {"CHF", "CHF", true}, {"CAD", "CAD", true},
    {"AUD", "AUD", true}, {"INR", "INR", true}, {"Rs.", "INR", true}, {"Rs", "INR", true},
}};

struct CurrencyWord {
    std::string_view word;
    std::string_view code;
};
constexpr std::array<CurrencyWord, 16> kCurrencyWords = {{
    {"dollars", "USD"}, {"dollar", "USD"}, {"dlrs", "USD"}, {"dlr", "USD"},
    {"euros", "EUR"}, {"euro", "EUR"}, {"pounds", "GBP"}, {"pound", "GBP"},
    {"sterling", "GBP"}, {"stg", "GBP"}, {"yen", "JPY"}, {"yuan", "CNY"},
    {"renminbi", "CNY"}, {"francs", "CHF"}, {"rupees", "INR"}, {"won", "KRW"},
}};

struct Magnitude {
    std::string_view word;
    double factor;
    bool needs_no_space;  // single letters must be attached: "$5m", not "$5 m"
};
constexpr std::array<Magnitude, 15> kMagnitudes = {{
    {"thousand", 1e3, false}, {"million", 1e6, false}, {"billion", 1e9, false},
    {"trillion", 1e12, false}, {"mln", 1e6, false}, {"bln", 1e9, false}, {"mn", 1e6, false},
    {"bn", 1e9, false}, {"tn", 1e12, false}, {"trn", 1e12, false}, {"k", 1e3, true},
    {"m", 1e6, true}, {"b", 1e9, true}, {"mil", 1e6, true}, {"billions", 1e9, false},
}};

struct Rate {
    std::string_view code;
    double usd;
};
// Approximate 2024 annual averages; see README "Amounts".
constexpr std::array<Rate, 12> kUsdRates = {{
    {"USD", 1.0}, {"EUR", 1.08}, {"GBP", 1.28}, {"JPY", 0.0066}, {"CNY", 0.139}, {"CAD", 0.73},
    {"AUD", 0.66}, {"INR", 0.012}, {"CHF", 1.14}, {"HKD", 0.128}, {"SGD", 0.75}, {"KRW", 0.00073},
}};

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

class Scanner {
public:
    explicit Scanner(std::string_view text) : s_(text) {}

    // A currency prefix at i: its code and the position after it.
    bool currency_prefix(std::size_t i, std::string_view& code, std::size_t& after) const {
        if (i > 0 && (is_alnum(s_[i - 1]) || s_[i - 1] == '$')) {
            // "US$" is tried at the 'U'; a '$' glued to a word is not a prefix.
            return false;
        }
        for (const auto& p : kPrefixes) {
            if (s_.compare(i, p.text.size(), p.text) != 0) continue;
            std::size_t j = i + p.text.size();
            if (p.is_word && j < s_.size() && is_alpha(s_[j])) continue;
            code = p.code;
            after = j;
            return true;
        }
        return false;
    }

    // A number ("1,500", "3.5", "60") at i: its value and end. Must not run into letters
    // except a magnitude.
    bool number(std::size_t i, double& value, std::size_t& end) const {
        if (i >= s_.size() || !is_digit(s_[i])) return false;
        std::string digits;
        std::size_t j = i;
        while (j < s_.size()) {
            if (is_digit(s_[j])) {
                digits += s_[j++];
            } else if (s_[j] == ',' && j + 3 < s_.size() + 0 && is_digit(s_[j + 1]) && is_digit(s_[j + 2]) &&
                       is_digit(s_[j + 3]) && (j + 4 >= s_.size() || !is_digit(s_[j + 4]))) {
                ++j;  // thousands separator
            } else if (s_[j] == '.' && j + 1 < s_.size() && is_digit(s_[j + 1]) &&
                       digits.find('.') == std::string::npos) {
                digits += s_[j++];
            } else {
                break;
            }
        }
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (r.ec != std::errc()) return false;
        end = j;
        return true;
    }

    // A magnitude word at i (after optional spaces): its factor and end.
    bool magnitude(std::size_t i, double& factor, std::size_t& end) const {
        std::size_t j = i;
        while (j < s_.size() && s_[j] == ' ') ++j;
        for (const auto& m : kMagnitudes) {
            if (m.needs_no_space && j != i) continue;
            if (j + m.word.size() > s_.size()) continue;
            if (!text::iequals(s_.substr(j, m.word.size()), m.word)) continue;
            std::size_t k = j + m.word.size();
            if (k < s_.size() && is_alnum(s_[k])) continue;
            // Lower-case single letters only ("$5m", "$5B" are fine; "$5 M" is not).
            factor = m.factor;
            end = k;
            return true;
        }
        return false;
    }

    // A currency word at i (after optional spaces, optionally "U.S."/"US"): code and end.
    bool currency_word(std::size_t i, std::string_view& code, std::size_t& end) const {
        std::size_t j = i;
        if (j >= s_.size() || s_[j] != ' ') return false;
        while (j < s_.size() && s_[j] == ' ') ++j;
        for (std::string_view qualifier : {"U.S. ", "US ", "American "}) {
            if (s_.compare(j, qualifier.size(), qualifier) == 0) {
                j += qualifier.size();
                break;
            }
        }
        for (const auto& w : kCurrencyWords) {
            if (s_.compare(j, w.word.size(), w.word) != 0) continue;
            std::size_t k = j + w.word.size();
            if (k < s_.size() && is_alpha(s_[k])) continue;
            code = w.code;
            end = k;
            return true;
        }
        return false;
    }

    // A range separator after an amount: "-", "–", "—", "to", or "and" after "between".
    bool range_separator(std::size_t i, bool after_between, std::size_t& end) const {
        std::size_t j = i;
        while (j < s_.size() && s_[j] == ' ') ++j;
        bool spaced = j != i;
        if (j < s_.size() && s_[j] == '-') {
            end = j + 1;
        } else if (s_.compare(j, 3, "\xE2\x80\x93") == 0 || s_.compare(j, 3, "\xE2\x80\x94") == 0) {
            end = j + 3;
        } else if (spaced && s_.compare(j, 3, "to ") == 0) {
            end = j + 2;
        } else if (spaced && after_between && s_.compare(j, 4, "and ") == 0) {
            end = j + 3;
        } else {
            return false;
        }
        while (end < s_.size() && s_[end] == ' ') ++end;
        return true;
    }

    bool preceded_by_between(std::size_t i) const {
        std::size_t j = i;
        while (j > 0 && s_[j - 1] == ' ') --j;
        return j >= 7 && text::iequals(s_.substr(j - 7, 7), "between") && (j == 7 || !is_alpha(s_[j - 8]));
    }

    struct Value {
        double number = 0;
        double factor = 1;
        bool has_magnitude = false;
        std::size_t end = 0;
        // number x magnitude, rounded to cents: 4.1 x 1e9 is 4100000000, not 4099999999.9999995.
        double total() const { return std::round(number * factor * 100) / 100; }
    };

    bool value(std::size_t i, Value& v) const {
        if (!number(i, v.number, v.end)) return false;
        std::size_t mag_end;
        if (magnitude(v.end, v.factor, mag_end)) {
            v.has_magnitude = true;
            v.end = mag_end;
        } else if (v.end < s_.size() && is_alpha(s_[v.end])) {
            return false;  // "5th", "10x"
        }
        return true;
    }

    // Extends `a` (single value already parsed, ending at a.end) to a range when one follows.
    void maybe_range(std::size_t start, std::string_view code, Value& first, Amount& a) const {
        std::size_t sep_end;
        if (!range_separator(first.end, preceded_by_between(start), sep_end)) return;
        std::size_t j = sep_end;
        std::string_view code2;
        std::size_t after_prefix;
        if (currency_prefix(j, code2, after_prefix)) {
            if (code2 != code) return;
            j = after_prefix;
            while (j < s_.size() && s_[j] == ' ') ++j;
        }
        Value second;
        if (!value(j, second)) return;
        if (!first.has_magnitude && second.has_magnitude) first.factor = second.factor;
        double lo = first.total(), hi = second.total();
        if (hi < lo) return;
        a.min = lo;
        a.max = hi;
        first.end = second.end;
    }

    // An amount starting at i, or false.
    bool amount_at(std::size_t i, Amount& a, std::size_t& end) const {
        std::string_view code;
        std::size_t j;
        if (currency_prefix(i, code, j)) {
            if (j < s_.size() && s_[j] == ' ' && is_alpha(s_[i])) ++j;  // "USD 10bn"
            Value v;
            if (!value(j, v)) return false;
            a.currency = std::string(code);
            a.min = a.max = v.total();
            maybe_range(i, code, v, a);
            end = v.end;
            // "US$5 million dollars": swallow a redundant currency word.
            std::string_view again;
            std::size_t word_end;
            if (currency_word(end, again, word_end) && again == code) end = word_end;
            return true;
        }
        if (!is_digit(s_[i]) || (i > 0 && (is_alnum(s_[i - 1]) || s_[i - 1] == '.' || s_[i - 1] == ',')))
            return false;
        Value v;
        if (!number(i, v.number, v.end)) return false;
        // Pence: "50p".
        if (v.end < s_.size() && s_[v.end] == 'p' && (v.end + 1 >= s_.size() || !is_alnum(s_[v.end + 1])) &&
            v.number < 1000) {
            a.currency = "GBP";
            a.min = a.max = v.number / 100;
            end = v.end + 1;
            return true;
        }
        // Number first: "500 million dollars", "3.5 mln dlrs", "2-3 billion euros".
        std::size_t mag_end;
        if (magnitude(v.end, v.factor, mag_end)) {
            v.has_magnitude = true;
            v.end = mag_end;
        }
        Amount tmp;
        tmp.min = tmp.max = v.total();
        maybe_range(i, "", v, tmp);
        std::size_t word_end;
        if (!currency_word(v.end, code, word_end)) return false;
        a.currency = std::string(code);
        a.min = tmp.min;
        a.max = tmp.max;
        end = word_end;
        return true;
    }

    std::vector<Amount> scan() const {
        std::vector<Amount> out;
        for (std::size_t i = 0; i < s_.size();) {
            char c = s_[i];
            bool candidate = is_digit(c) || c == '$' || c == '\xE2' || c == '\xC2' || std::isupper(static_cast<unsigned char>(c));
            Amount a;
            std::size_t end;
            if (candidate && amount_at(i, a, end)) {
                // "between $2 billion and $3 billion": the range's text starts at "between".
                std::size_t start = i;
                if (a.min != a.max && preceded_by_between(i)) {
                    while (start > 0 && s_[start - 1] == ' ') --start;
                    start -= 7;
                }
                a.text = std::string(s_.substr(start, end - start));
                a.offset = start;
                out.push_back(std::move(a));
                i = end;
            } else {
                ++i;
            }
        }
        return out;
    }

private:
    std::string_view s_;
};

}  // namespace

std::vector<Amount> extract_amounts(std::string_view text) { return Scanner(text).scan(); }

double to_usd(double value, std::string_view currency) {
    for (const auto& r : kUsdRates)
        if (r.code == currency) return value * r.usd;
    return value;
}

std::optional<double> parse_amount_bound(std::string_view raw) {
    std::string s = text::trim(raw);
    if (s.empty()) return std::nullopt;
    // Scientific notation and plain numbers: "1e9", "2500000".
    double plain;
    auto r = std::from_chars(s.data(), s.data() + s.size(), plain);
    if (r.ec == std::errc() && r.ptr == s.data() + s.size() && plain >= 0) return plain;
    // A bare number with a magnitude: "1B", "250m", "1.5 billion".
    Scanner scan(s);
    Scanner::Value v;
    if (scan.value(0, v) && v.end == s.size()) return v.total();
    auto amounts = extract_amounts(s);
    if (amounts.size() == 1 && amounts[0].offset == 0 && amounts[0].text.size() == s.size())
        return to_usd(amounts[0].min, amounts[0].currency);
    return std::nullopt;
}

const std::vector<AmountBucket>& amount_buckets() {
    static const std::vector<AmountBucket> buckets = {
        {"under-1m", "under $1M", 0, 1e6},
        {"1m-10m", "$1M-$10M", 1e6, 1e7},
        {"10m-100m", "$10M-$100M", 1e7, 1e8},
        {"100m-1b", "$100M-$1B", 1e8, 1e9},
        {"1b-10b", "$1B-$10B", 1e9, 1e10},
        {"10b-100b", "$10B-$100B", 1e10, 1e11},
        {"100b-plus", "$100B and more", 1e11, std::numeric_limits<double>::infinity()},
    };
    return buckets;
}

std::vector<const AmountBucket*> buckets_for(const Amount& amount) {
    double lo = to_usd(amount.min, amount.currency), hi = to_usd(amount.max, amount.currency);
    std::vector<const AmountBucket*> out;
    for (const auto& b : amount_buckets())
        if (hi >= b.min && lo < b.max) out.push_back(&b);
    return out;
}

const AmountBucket* bucket_by_label(std::string_view label) {
    for (const auto& b : amount_buckets())
        if (b.label == label) return &b;
    return nullptr;
}

std::string pack_usd_ranges(const std::vector<Amount>& amounts) {
    std::string out;
    for (const auto& a : amounts) {
        // Fixed-width fields: each sortable_serialise() result is prefixed by its length.
        for (double v : {to_usd(a.min, a.currency), to_usd(a.max, a.currency)}) {
            std::string enc = Xapian::sortable_serialise(v);
            out += static_cast<char>(enc.size());
            out += enc;
        }
    }
    return out;
}

std::vector<std::pair<double, double>> unpack_usd_ranges(std::string_view packed) {
    std::vector<std::pair<double, double>> out;
    std::size_t i = 0;
    auto next = [&](double& v) {
        if (i >= packed.size()) return false;
        std::size_t len = static_cast<unsigned char>(packed[i++]);
        if (i + len > packed.size()) return false;
        v = Xapian::sortable_unserialise(std::string(packed.substr(i, len)));
        i += len;
        return true;
    };
    double lo, hi;
    while (next(lo) && next(hi)) out.emplace_back(lo, hi);
    return out;
}

std::string short_number(double v) {
    struct Unit {
        double factor;
        const char* suffix;
    };
    static const Unit units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    char buf[64];
    for (const auto& u : units) {
        if (std::fabs(v) >= u.factor) {
            std::snprintf(buf, sizeof buf, "%.4g%s", v / u.factor, u.suffix);
            return buf;
        }
    }
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace docket
