// The money-amount scanner (extract_amounts) and its currency tables: symbols,
// codes, currency words, nationality qualifiers, magnitudes and USD rates (to_usd).
#include "entities/amount_scanner.h"
#include "entities/amounts.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "text/text.h"

namespace docket {
namespace {

// A currency as written: its ISO code and the size of one unit ("cents" are 0.01 USD).
struct Unit {
    std::string_view code;
    double scale = 1;
};

struct Named {
    std::string_view text;
    Unit unit;
};

// Symbols written before (or, less often, after) the number.
constexpr std::array<Named, 15> kSymbols = {{
    {"$", {"USD"}}, {"\xE2\x82\xAC", {"EUR"}}, {"\xC2\xA3", {"GBP"}}, {"\xC2\xA5", {"JPY"}},
    {"\xE2\x82\xB9", {"INR"}}, {"\xE5\x85\x83", {"CNY"}}, {"\xE2\x82\xA9", {"KRW"}}, {"\xE2\x82\xBD", {"RUB"}},
    {"\xE2\x82\xBA", {"TRY"}}, {"\xE2\x82\xA1", {"CRC"}}, {"\xE2\x82\xBE", {"GEL"}}, {"\xE2\x82\xAD", {"LAK"}},
    {"\xE2\x82\xBF", {"BTC"}}, {"\xE2\x82\xB1", {"PHP"}}, {"\xE0\xAE\xB0\xE0\xAF\x82", {"LKR"}},  // ரூ
}};

// Letters before '$' that name the dollar: "US$", "C$", "hk $", "u.s $".
constexpr std::array<Named, 19> kDollarQualifiers = {{
    {"usd", {"USD"}}, {"aud", {"AUD"}}, {"cad", {"CAD"}}, {"nzd", {"NZD"}}, {"mxn", {"MXN"}}, {"mex", {"MXN"}},
    {"us", {"USD"}}, {"u.s", {"USD"}}, {"u.s.", {"USD"}}, {"c", {"CAD"}}, {"ca", {"CAD"}}, {"can", {"CAD"}},
    {"a", {"AUD"}}, {"au", {"AUD"}}, {"nz", {"NZD"}}, {"hk", {"HKD"}}, {"s", {"SGD"}}, {"nt", {"TWD"}},
    {"r", {"BRL"}},
}};

// ISO codes, before or after the number, in any case: "USD 10bn", "20 usd".
constexpr std::array<Named, 31> kCodes = {{
    {"musd", {"USD", 1e6}}, {"meur", {"EUR", 1e6}}, {"mgbp", {"GBP", 1e6}}, {"maud", {"AUD", 1e6}},
    {"mcad", {"CAD", 1e6}}, {"mchf", {"CHF", 1e6}},
    {"usd", {"USD"}}, {"eur", {"EUR"}}, {"gbp", {"GBP"}}, {"jpy", {"JPY"}}, {"cny", {"CNY"}}, {"rmb", {"CNY"}},
    {"chf", {"CHF"}}, {"cad", {"CAD"}}, {"aud", {"AUD"}}, {"nzd", {"NZD"}}, {"inr", {"INR"}}, {"hkd", {"HKD"}},
    {"sgd", {"SGD"}}, {"sek", {"SEK"}}, {"nok", {"NOK"}}, {"dkk", {"DKK"}}, {"krw", {"KRW"}}, {"rub", {"RUB"}},
    {"try", {"TRY"}}, {"mxn", {"MXN"}}, {"brl", {"BRL"}}, {"zar", {"ZAR"}}, {"btc", {"BTC"}}, {"rs.", {"INR"}},
    {"rs", {"INR"}},
}};
// Codes that are also English words are only read before a number ("try 5" is not money).
bool code_needs_number_after(std::string_view code) { return code == "try" || code == "rs" || code == "rs."; }

// Currency words after the number, singular and plural; in any case.
constexpr std::array<Named, 72> kWords = {{
    {"dollars", {"USD"}}, {"dollar", {"USD"}}, {"dlrs", {"USD"}}, {"dlr", {"USD"}},
    {"cents", {"USD", 0.01}}, {"cent", {"USD", 0.01}}, {"cts", {"USD", 0.01}}, {"ct", {"USD", 0.01}},
    {"euros", {"EUR"}}, {"euro", {"EUR"}}, {"pounds", {"GBP"}}, {"pound", {"GBP"}}, {"sterling", {"GBP"}},
    {"stg", {"GBP"}}, {"pence", {"GBP", 0.01}}, {"pennies", {"GBP", 0.01}}, {"penny", {"GBP", 0.01}},
    {"yen", {"JPY"}}, {"yuan", {"CNY"}}, {"renminbi", {"CNY"}}, {"rmb", {"CNY"}}, {"kuai", {"CNY"}},
    {"francs", {"CHF"}}, {"franc", {"CHF"}}, {"marks", {"DEM"}}, {"mark", {"DEM"}}, {"deutschemarks", {"DEM"}},
    {"lire", {"ITL"}}, {"lira", {"TRY"}}, {"liras", {"TRY"}}, {"pesos", {"MXN"}}, {"peso", {"MXN"}},
    {"pesetas", {"ESP"}}, {"peseta", {"ESP"}}, {"guilders", {"NLG"}}, {"guilder", {"NLG"}},
    {"markkaa", {"FIM"}}, {"markka", {"FIM"}}, {"rupees", {"INR"}}, {"rupee", {"INR"}}, {"kronor", {"SEK"}},
    {"krona", {"SEK"}}, {"kroner", {"NOK"}}, {"krone", {"NOK"}}, {"rand", {"ZAR"}}, {"won", {"KRW"}},
    {"roubles", {"RUB"}}, {"rouble", {"RUB"}}, {"rubles", {"RUB"}}, {"ruble", {"RUB"}}, {"shekels", {"ILS"}},
    {"baht", {"THB"}}, {"ringgit", {"MYR"}}, {"riyals", {"SAR"}}, {"riyal", {"SAR"}}, {"dirhams", {"AED"}},
    {"kip", {"LAK"}}, {"lari", {"GEL"}}, {"bitcoins", {"BTC"}}, {"bitcoin", {"BTC"}},
    {"satoshis", {"BTC", 1e-8}}, {"satoshi", {"BTC", 1e-8}}, {"reais", {"BRL"}}, {"rupiah", {"IDR"}},
    {"naira", {"NGN"}}, {"zlotys", {"PLN"}}, {"zloty", {"PLN"}}, {"forints", {"HUF"}}, {"forint", {"HUF"}},
    {"shekel", {"ILS"}},
    // Unqualified dinars are read as Iraqi, the dinar news mentions most; "Kuwaiti dinars" is KWD.
    {"dinars", {"IQD"}}, {"dinar", {"IQD"}},
}};
// Words that are money only after a magnitude or a qualifier: "5 marks" may be a score.
bool word_needs_magnitude(std::string_view w) {
    return w == "marks" || w == "mark" || w == "won" || w == "rand" || w == "kip" || w == "lari" || w == "ct";
}

// Nationality before a currency word: "Canadian dlrs", "swiss francs", "U.S. dollars".
struct Qualifier {
    std::string_view text;
    std::string_view dollar, other;  // the code for dollars; for any other word ("" = keep the word's)
};
constexpr std::array<Qualifier, 40> kQualifiers = {{
    {"u.s.", "USD", ""}, {"us", "USD", ""}, {"american", "USD", ""}, {"canadian", "CAD", ""},
    {"australian", "AUD", ""}, {"new zealand", "NZD", ""}, {"hong kong", "HKD", ""}, {"singapore", "SGD", ""},
    {"taiwan", "TWD", ""}, {"h.k.", "HKD", ""}, {"swiss", "", "CHF"}, {"french", "", "FRF"},
    {"belgian", "", "BEF"}, {"dutch", "", "NLG"}, {"finnish", "", "FIM"}, {"chinese", "", "CNY"},
    {"turkish", "", "TRY"}, {"mexican", "", "MXN"}, {"british", "", "GBP"}, {"japanese", "", "JPY"},
    {"sri lankan", "", "LKR"}, {"indian", "", "INR"}, {"south african", "", "ZAR"}, {"swedish", "", "SEK"},
    {"norwegian", "", "NOK"}, {"danish", "", "DKK"}, {"italian", "", "ITL"}, {"german", "", "DEM"},
    {"deutsche", "", "DEM"}, {"brazilian", "", "BRL"}, {"russian", "", "RUB"}, {"korean", "", "KRW"},
    {"south korean", "", "KRW"}, {"iraqi", "", "IQD"}, {"kuwaiti", "", "KWD"}, {"jordanian", "", "JOD"},
    {"polish", "", "PLN"}, {"hungarian", "", "HUF"}, {"indonesian", "", "IDR"}, {"nigerian", "", "NGN"},
}};

struct Magnitude {
    std::string_view word;
    double factor;
    bool attached_only;  // single letters must touch the number: "$5m", not "$5 m"
};
constexpr std::array<Magnitude, 17> kMagnitudes = {{
    {"thousand", 1e3, false}, {"million", 1e6, false}, {"billion", 1e9, false}, {"trillion", 1e12, false},
    {"mln", 1e6, false}, {"bln", 1e9, false}, {"mn", 1e6, false}, {"bn", 1e9, false}, {"tn", 1e12, false},
    {"trn", 1e12, false}, {"lakh", 1e5, false}, {"crore", 1e7, false}, {"hundred", 1e2, false},
    {"k", 1e3, true}, {"m", 1e6, true}, {"b", 1e9, true}, {"mil", 1e6, true},
}};

constexpr std::array<std::string_view, 20> kSmallNumbers = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty", "forty", "fifty",
                                                   "sixty", "seventy", "eighty", "ninety"};

struct Rate {
    std::string_view code;
    double usd;
};
// Approximate 2024 annual averages (pre-euro currencies at their euro conversion
// rates); see README "Entities". Only buckets and range filters use them.
constexpr std::array<Rate, 50> kUsdRates = {{
    {"USD", 1.0}, {"EUR", 1.08}, {"GBP", 1.28}, {"JPY", 0.0066}, {"CNY", 0.139}, {"CAD", 0.73},
    {"AUD", 0.66}, {"NZD", 0.6}, {"INR", 0.012}, {"CHF", 1.14}, {"HKD", 0.128}, {"SGD", 0.75},
    {"KRW", 0.00073}, {"TWD", 0.031}, {"SEK", 0.095}, {"NOK", 0.093}, {"DKK", 0.145}, {"RUB", 0.011},
    {"TRY", 0.031}, {"MXN", 0.055}, {"BRL", 0.19}, {"ZAR", 0.055}, {"ILS", 0.27}, {"THB", 0.028},
    {"MYR", 0.22}, {"SAR", 0.27}, {"AED", 0.27}, {"LKR", 0.0033}, {"LAK", 0.000047}, {"GEL", 0.37},
    {"CRC", 0.0019}, {"PHP", 0.018}, {"BTC", 60000}, {"DEM", 0.552}, {"FRF", 0.165}, {"NLG", 0.49},
    {"ITL", 0.000558}, {"ESP", 0.0065}, {"FIM", 0.182}, {"BEF", 0.0268}, {"ATS", 0.0785}, {"IEP", 1.37},
    {"PTE", 0.0054}, {"IDR", 0.000063}, {"NGN", 0.00068}, {"PLN", 0.25}, {"HUF", 0.0027}, {"IQD", 0.00076},
    {"KWD", 3.25}, {"JOD", 1.41},
}};

// The bytes (either case) that entries of a table start with: a cheap test before
// comparing a position against every entry.
template <typename Table, typename Get>
std::bitset<256> first_bytes(const Table& table, Get get) {
    std::bitset<256> set;
    for (const auto& entry : table) {
        auto c = static_cast<unsigned char>(get(entry)[0]);
        set.set(c);
        set.set(static_cast<unsigned char>(std::tolower(c)));
        set.set(static_cast<unsigned char>(std::toupper(c)));
    }
    return set;
}
const std::bitset<256>& symbol_starts() {
    static const auto set = first_bytes(kSymbols, [](const Named& n) { return n.text; });
    return set;
}
const std::bitset<256>& word_starts() {  // currency words, codes and qualifiers after a number
    static const auto set = [] {
        auto s = first_bytes(kWords, [](const Named& n) { return n.text; });
        s |= first_bytes(kCodes, [](const Named& n) { return n.text; });
        s |= first_bytes(kQualifiers, [](const Qualifier& q) { return q.text; });
        return s;
    }();
    return set;
}
const std::bitset<256>& magnitude_starts() {
    static const auto set = first_bytes(kMagnitudes, [](const Magnitude& m) { return m.word; });
    return set;
}

// Lower-cased word -> table entry, for the tables read after a number.
template <typename Table>
std::unordered_map<std::string, const Named*> index_by_text(const Table& table) {
    std::unordered_map<std::string, const Named*> map;
    for (const auto& entry : table) map.emplace(std::string(entry.text), &entry);
    return map;
}
const std::unordered_map<std::string, const Named*>& currency_words() {
    static const auto map = index_by_text(kWords);
    return map;
}
const std::unordered_map<std::string, const Named*>& currency_codes() {
    static const auto map = index_by_text(kCodes);
    return map;
}

// `x` to 12 significant digits: 8.2 x 1e9 is 8200000000, not 8199999999.999999 (a fixed
// number of decimals cannot do this for both billions and satoshis).
double round_significant(double x) {
    if (x == 0 || !std::isfinite(x)) return x;
    double scale = std::pow(10.0, 11 - std::floor(std::log10(std::fabs(x))));
    return std::round(x * scale) / scale;
}

// ASCII classes by arithmetic: the same answers as <cctype> in the "C" locale the
// programs run in, without a library call per byte.
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

class Scanner {
public:
    explicit Scanner(std::string_view text) : s_(text) {}

    struct Value {
        double number = 0;
        double factor = 1;
        bool has_magnitude = false;
        std::size_t end = 0;
        double total() const { return round_significant(number * factor); }
    };

    // `word` (case-insensitive) at i, ending at a word boundary.
    bool word_at(std::size_t i, std::string_view word) const {
        if (i + word.size() > s_.size() || !text::iequals(s_.substr(i, word.size()), word)) return false;
        std::size_t k = i + word.size();
        return k == s_.size() || !is_alnum(s_[k]) || !is_alnum(word.back());
    }
    bool at_word_start(std::size_t i) const { return i == 0 || !is_alnum(s_[i - 1]); }
    // The lower-cased run of letters (and '.') at i, and where it ends; empty when too long.
    std::string letters_at(std::size_t i, std::size_t& end) const {
        std::string w;
        for (end = i; end < s_.size() && (is_alpha(s_[end]) || (s_[end] == '.' && end > i)); ++end) {
            if (w.size() == 16) return {};
            w += lower(s_[end]);
        }
        return w;
    }
    // The entry of `map` for the word at i (which must end there: no letter or digit follows).
    const Named* lookup(const std::unordered_map<std::string, const Named*>& map, std::size_t i, std::size_t& end,
                        bool digits_may_follow = false) const {
        std::string w = letters_at(i, end);
        while (!w.empty()) {
            auto it = map.find(w);
            if (it != map.end() && (end == s_.size() || !is_alpha(s_[end])) &&
                (digits_may_follow || end == s_.size() || !is_digit(s_[end])))
                return it->second;
            if (w.back() != '.') break;
            w.pop_back();  // "rs." before "rs"; a sentence's full stop
            --end;
        }
        return nullptr;
    }
    // Skips up to `max` white-space characters (a line break too: wire copy wraps
    // "10.53 billion\ndlrs").
    std::size_t skip_spaces(std::size_t i, std::size_t max = 1) const {
        std::size_t n = 0;
        while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\n') && n < max) ++i, ++n;
        return i;
    }

    // Digits with thousands separators ("1,500", Indian "12,34,567") and decimals.
    bool digits(std::size_t i, double& value, std::size_t& end) const {
        if (i >= s_.size() || !is_digit(s_[i])) return false;
        std::string buf;
        std::size_t j = i;
        while (j < s_.size()) {
            if (is_digit(s_[j])) {
                buf += s_[j++];
            } else if (s_[j] == ',' && buf.find('.') == std::string::npos && j + 2 < s_.size() &&
                       is_digit(s_[j + 1]) && is_digit(s_[j + 2])) {
                std::size_t g = j + 1;
                while (g < s_.size() && is_digit(s_[g])) ++g;
                if (g - j - 1 != 3 && g - j - 1 != 2) break;
                ++j;  // separator
            } else if (s_[j] == '.' && j + 1 < s_.size() && is_digit(s_[j + 1]) && buf.find('.') == std::string::npos) {
                buf += s_[j++];
            } else {
                break;
            }
        }
        auto r = std::from_chars(buf.data(), buf.data() + buf.size(), value);
        if (r.ec != std::errc()) return false;
        // A wire-style fraction: "31-7/8" is 31.875.
        if (j + 3 < s_.size() && (s_[j] == '-' || s_[j] == ' ') && is_digit(s_[j + 1]) && s_[j + 2] == '/' &&
            is_digit(s_[j + 3]) && (j + 4 >= s_.size() || !is_digit(s_[j + 4])) && s_[j + 3] != '0') {
            value += double(s_[j + 1] - '0') / double(s_[j + 3] - '0');
            j += 4;
        }
        end = j;
        return true;
    }

    // "five", "forty-five", "forty five", "thirteen".
    bool number_words(std::size_t i, double& value, std::size_t& end) const {
        if (!at_word_start(i) || i >= s_.size() || !is_alpha(s_[i])) return false;
        // Fractions of a magnitude: "half million", "half a billion", "a quarter million", "three quarters billion",
        // and "a million".
        struct Fraction {
            std::string_view words;
            double value;
        };
        static constexpr Fraction fractions[] = {{"three quarters", 0.75}, {"a quarter", 0.25}, {"a half", 0.5},
                                                 {"half a", 0.5}, {"quarter", 0.25}, {"half", 0.5},
                                                 {"a", 1}};  // "a billion dollars"
        for (const auto& f : fractions) {
            if (!word_at(i, f.words)) continue;
            double factor;
            std::size_t mag_end;
            if (!magnitude(i + f.words.size(), factor, mag_end)) return false;
            value = f.value;
            end = i + f.words.size();
            return true;
        }
        for (std::size_t t = 0; t < kTens.size(); ++t) {
            if (!word_at(i, kTens[t])) continue;
            value = 20.0 + 10.0 * static_cast<double>(t);
            end = i + kTens[t].size();
            if (end < s_.size() && (s_[end] == '-' || s_[end] == ' '))
                for (std::size_t u = 1; u < 10; ++u)
                    if (word_at(end + 1, kSmallNumbers[u])) {
                        value += static_cast<double>(u);
                        end += 1 + kSmallNumbers[u].size();
                        break;
                    }
            return true;
        }
        for (std::size_t u = 0; u < kSmallNumbers.size(); ++u)
            if (word_at(i, kSmallNumbers[u])) {
                value = static_cast<double>(u);
                end = i + kSmallNumbers[u].size();
                return true;
            }
        return false;
    }

    bool magnitude(std::size_t i, double& factor, std::size_t& end) const {
        std::size_t j = skip_spaces(i);
        if (j >= s_.size() || !magnitude_starts()[static_cast<unsigned char>(s_[j])]) return false;
        for (const auto& m : kMagnitudes) {
            if (m.attached_only && j != i) continue;
            if (!word_at(j, m.word)) continue;
            factor = m.factor;
            end = j + m.word.size();
            return true;
        }
        return false;
    }

    // A number (digits or words) with an optional magnitude ("1.5 billion", "five million").
    bool value(std::size_t i, Value& v) const {
        bool from_words = false;
        if (!digits(i, v.number, v.end)) {
            if (!number_words(i, v.number, v.end)) return false;
            from_words = true;
        }
        double f;
        std::size_t mag_end;
        while (magnitude(v.end, f, mag_end)) {  // "one hundred million"
            v.factor *= f;
            v.has_magnitude = true;
            v.end = mag_end;
        }
        if (!from_words && v.end < s_.size() && is_alpha(s_[v.end]) && s_[v.end] != 'p' && !code_at(v.end))
            return false;  // "5th", "10x"; "50p" is pence, "115usd" a glued code
        return true;
    }

    // Whether the word at i is one that can open an amount: a currency code, a
    // dollar qualifier ("US$", "hk $"), a number word or a fraction ("half million").
    bool starts_amount(std::size_t i) const {
        struct Starters {
            std::unordered_set<std::string> words;
            std::bitset<256> first;
        };
        static const Starters starters = [] {
            Starters st;
            st.words = {"three", "a", "quarter", "half", "u"};
            auto first_run = [](std::string_view w) {
                std::size_t k = 0;
                while (k < w.size() && is_alnum(w[k])) ++k;
                return std::string(w.substr(0, k));
            };
            for (const auto& c : kCodes) st.words.insert(first_run(c.text));
            for (const auto& q : kDollarQualifiers) st.words.insert(first_run(q.text));
            for (auto w : kSmallNumbers) st.words.insert(std::string(w));
            for (auto w : kTens) st.words.insert(std::string(w));
            for (const auto& w : st.words) {
                st.first.set(static_cast<unsigned char>(w[0]));
                st.first.set(static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(w[0]))));
            }
            return st;
        }();
        if (!starters.first[static_cast<unsigned char>(s_[i])] || !at_word_start(i)) return false;
        char word[16];
        std::size_t n = 0;
        // Letters only: "usd115" (a code glued to digits) is a starter too.
        for (std::size_t k = i; k < s_.size() && is_alpha(s_[k]); ++k) {
            if (n == sizeof word) return false;
            word[n++] = lower(s_[k]);
        }
        thread_local std::string key;
        key.assign(word, n);
        return starters.words.count(key) != 0;
    }

    bool code_at(std::size_t i) const {
        std::size_t end;
        return lookup(currency_codes(), i, end) != nullptr;
    }

    // Currency symbol at i, possibly with a dollar qualifier ("US$", "c $", "u.s $").
    bool prefix_symbol(std::size_t i, Unit& unit, std::size_t& after) const {
        if (i >= s_.size()) return false;
        if (i < s_.size() && is_alpha(s_[i]) && at_word_start(i)) {
            for (const auto& q : kDollarQualifiers) {
                if (!text::iequals(s_.substr(i, q.text.size()), q.text)) continue;
                std::size_t j = skip_spaces(i + q.text.size());
                // "a $2 million fine" is not A$: "a", "s" and "r" must touch the '$'.
                bool spaced = j != i + q.text.size();
                if (spaced && (q.text == "a" || q.text == "s" || q.text == "r")) continue;
                if (j < s_.size() && s_[j] == '$') {
                    unit = q.unit;
                    after = j + 1;
                    return true;
                }
            }
            return false;
        }
        if (i > 0 && (is_alnum(s_[i - 1]) || s_[i - 1] == '$')) return false;  // "A$" is read at the 'A'
        if (!symbol_starts()[static_cast<unsigned char>(s_[i])]) return false;

        for (const auto& sym : kSymbols) {
            if (s_.compare(i, sym.text.size(), sym.text) == 0) {
                unit = sym.unit;
                after = i + sym.text.size();
                return true;
            }
        }
        return false;
    }

    // ISO code (or "Rs") at i, followed by a number: "USD 10bn", "usd115".
    bool prefix_code(std::size_t i, Unit& unit, std::size_t& after) const {
        if (i >= s_.size() || !at_word_start(i) || !is_alpha(s_[i])) return false;
        std::size_t end;
        const Named* c = lookup(currency_codes(), i, end, true);
        if (!c) return false;
        // Codes that are also words count only as written: "TRY 5", "Rs 500" (not "try 5").
        if (code_needs_number_after(c->text) && !std::isupper(static_cast<unsigned char>(s_[i]))) return false;
        if (c->text == "try" && !std::isupper(static_cast<unsigned char>(s_[i + 1]))) return false;
        std::size_t j = skip_spaces(end);
        // Glued to the digits only as three letters ("usd115") or the capitalised "Rs100", "Rs.100".
        bool glued_ok = c->text.size() == 3 || c->text.starts_with("rs");
        if (j >= s_.size() || !is_digit(s_[j]) || (j == end && !glued_ok)) return false;
        unit = c->unit;
        after = j;
        return true;
    }

    // After a number: [qualifier] currency word, a code, or a symbol ("500 million dollars",
    // "10 Canadian dlrs", "20 usd", "10 $", "100元").
    bool suffix_currency(std::size_t i, bool has_magnitude, Unit& unit, std::size_t& end) const {
        std::size_t j = i;
        bool hyphen = j < s_.size() && s_[j] == '-';  // "12-cent", "one-yen"
        j = hyphen ? j + 1 : skip_spaces(j);
        if (j >= s_.size()) return false;
        auto first = static_cast<unsigned char>(s_[j]);
        if (!word_starts()[first] && !symbol_starts()[first]) return false;
        for (const auto& sym : kSymbols) {
            if (!hyphen && s_.compare(j, sym.text.size(), sym.text) == 0) {
                unit = sym.unit;
                end = j + sym.text.size();
                return true;
            }
        }
        const Qualifier* qual = nullptr;
        static const auto qualifier_starts = first_bytes(kQualifiers, [](const Qualifier& q) { return q.text; });
        if (qualifier_starts[first])
        for (const auto& q : kQualifiers) {
            if (word_at(j, q.text) && j + q.text.size() < s_.size() &&
                (s_[j + q.text.size()] == ' ' || s_[j + q.text.size()] == '\n')) {
                qual = &q;
                j += q.text.size() + 1;
                break;
            }
        }
        std::size_t word_end;
        if (const Named* w = lookup(currency_words(), j, word_end)) {
            if (word_needs_magnitude(w->text) && !has_magnitude && !qual) return false;
            if (w->text == "mark" && !qual && !hyphen && !noun_follows(word_end)) return false;
            unit = w->unit;
            // "70 euro cents" is 0.70 euros, not 70.
            if (unit.code == "EUR" && unit.scale == 1) {
                std::size_t k = skip_spaces(word_end);
                for (std::string_view cents : {"cents", "cent"})
                    if (k != word_end && word_at(k, cents)) {
                        unit.scale = 0.01;
                        word_end = k + cents.size();
                        break;
                    }
            }
            if (qual) {
                bool dollarish = unit.code == "USD";
                std::string_view code = dollarish ? qual->dollar : qual->other;
                if (!code.empty()) unit.code = code;
            }
            end = word_end;
            return true;
        }
        if (!qual && !hyphen)
            if (const Named* c = lookup(currency_codes(), j, word_end); c && !code_needs_number_after(c->text)) {
                unit = c->unit;
                end = word_end;
                return true;
            }
        return false;
    }

    // Whether a noun-like word follows i: a singular "mark" after a number is money
    // only as an adjective ("a 300 mln mark loan"); "broke the 100 million mark." or
    // "the 100,000 mark for the first time" is a milestone.
    bool noun_follows(std::size_t i) const {
        std::size_t j = skip_spaces(i);
        if (j == i || j >= s_.size() || !is_alpha(s_[j])) return false;
        for (std::string_view w : {"for", "in", "on", "at", "by", "and", "or", "of", "to", "this", "last", "level"})
            if (word_at(j, w)) return false;
        return true;
    }

    // The lower-cased word that ends just before i (one space allowed between).
    std::string word_before(std::size_t i) const {
        std::size_t e = i;
        while (e > 0 && s_[e - 1] == ' ') --e;
        std::size_t b = e;
        while (b > 0 && is_alpha(s_[b - 1])) --b;
        std::string w(s_.substr(b, e - b));
        for (auto& c : w) c = lower(c);
        return w;
    }
    std::size_t word_start_before(std::size_t i) const {
        while (i > 0 && s_[i - 1] == ' ') --i;
        while (i > 0 && is_alpha(s_[i - 1])) --i;
        return i;
    }

    // Whether "X to Y" at `start` is a change from X to Y (two amounts), not a range:
    // "rose from £6 to £10", "crude rose $1.64 to $47.10", but "prices ranging from £19 to £29".
    bool describes_change(std::size_t start) const {
        static const std::unordered_set<std::string> verbs = {
            "rose", "risen", "rising", "fell", "fallen", "falling", "up", "down", "gained", "added", "adding",
            "lost", "climbed", "jumped", "dropped", "slipped", "slid", "increased", "raised", "lowered"};
        std::string w = word_before(start);
        if (w == "from") {
            std::string before = word_before(word_start_before(start));
            return before != "ranging" && before != "range" && before != "ranges" && before != "anywhere";
        }
        return verbs.count(w) != 0;
    }

    // A range separator after a value: "-", "–", "—", "to", or "and" after "between".
    bool range_separator(std::size_t i, bool after_between, std::size_t& end) const {
        std::size_t j = skip_spaces(i);
        bool spaced = j != i;
        if (j < s_.size() && s_[j] == '-') {
            end = j + 1;
        } else if (s_.compare(j, 3, "\xE2\x80\x93") == 0 || s_.compare(j, 3, "\xE2\x80\x94") == 0) {
            end = j + 3;
        } else if (spaced && word_at(j, "to")) {
            end = j + 2;
        } else if (spaced && after_between && word_at(j, "and")) {
            end = j + 3;
        } else {
            return false;
        }
        end = skip_spaces(end);
        return true;
    }

    bool preceded_by_between(std::size_t i) const {
        std::size_t j = i;
        while (j > 0 && s_[j - 1] == ' ') --j;
        return j >= 7 && text::iequals(s_.substr(j - 7, 7), "between") && (j == 7 || !is_alpha(s_[j - 8]));
    }

    // Extends `first` to a range "first SEP [symbol] second"; returns the second value's end.
    bool range(std::size_t start, const Value& first, std::string_view code, Value& second) const {
        std::size_t j;
        if (!range_separator(first.end, preceded_by_between(start), j)) return false;
        if (word_at(skip_spaces(first.end), "to") && describes_change(start)) return false;
        Unit unit2;
        std::size_t after;
        if (prefix_symbol(j, unit2, after) || prefix_code(j, unit2, after)) {
            if (unit2.code != code) return false;
            j = skip_spaces(after);
        }
        if (!value(j, second)) return false;
        double lo = first.has_magnitude ? first.total() : first.number * second.factor;
        return second.total() >= lo;
    }

    // Cents after a whole amount: "3 dollars 50 cents", "thirteen dollars and forty-five cents".
    double trailing_cents(std::size_t i, std::size_t& end) const {
        std::size_t j = skip_spaces(i);
        if (word_at(j, "and")) j = skip_spaces(j + 3);
        Value cents;
        Unit unit;
        std::size_t word_end;
        if (!value(j, cents) || cents.has_magnitude || cents.number >= 100 || cents.number != std::floor(cents.number))
            return 0;
        if (suffix_currency(cents.end, false, unit, word_end)) {
            if (unit.scale != 0.01) return 0;  // "5 dollars 3 euros" is two amounts
            end = word_end;
        } else {
            end = cents.end;  // "15 dollars 50", "one dollar and one"
        }
        return cents.total() * 0.01;
    }

    void finish(const Value& first, bool is_range, const Value& second, Unit unit, Amount& a) const {
        Value lo = first;
        if (is_range && !lo.has_magnitude && second.has_magnitude) lo.factor = second.factor;  // "$60-80 billion"
        a.currency = std::string(unit.code);
        a.min = round_significant(lo.total() * unit.scale);
        a.max = is_range ? round_significant(second.total() * unit.scale) : a.min;
        if (a.max < a.min) a.max = a.min;
    }

    // An amount starting at i.
    bool amount_at(std::size_t i, Amount& a, std::size_t& end) const {
        Unit unit;
        std::size_t j;
        if (prefix_symbol(i, unit, j) || prefix_code(i, unit, j)) {
            j = skip_spaces(j);
            Value v, second;
            if (!value(j, v) || (v.end < s_.size() && is_alpha(s_[v.end]))) return false;
            bool is_range = range(i, v, unit.code, second);
            end = is_range ? second.end : v.end;
            finish(v, is_range, second, unit, a);
            // "US$5 million dollars": a redundant currency word is part of the amount.
            Unit again;
            std::size_t word_end;
            if (suffix_currency(end, true, again, word_end) && again.code == unit.code && again.scale == 1) end = word_end;
            return true;
        }
        if (!at_word_start(i) || (i > 0 && (s_[i - 1] == '.' || s_[i - 1] == ','))) return false;
        Value v, second;
        if (!value(i, v)) return false;
        // Pence: "50p".
        if (v.end < s_.size() && s_[v.end] == 'p') {
            if (v.has_magnitude || (v.end + 1 < s_.size() && is_alnum(s_[v.end + 1])) || !is_digit(s_[i])) return false;
            a.currency = "GBP";
            a.min = a.max = round_significant(v.total() / 100);
            end = v.end + 1;
            return true;
        }
        bool is_range = range(i, v, "", second);
        const Value& last = is_range ? second : v;
        std::size_t cur_end;
        if (!suffix_currency(last.end, last.has_magnitude, unit, cur_end)) return false;
        // "a billion-dollar dent" is a figure of speech; "a billion dollars" is an amount.
        if (word_at(i, "a") && s_[last.end] == '-') return false;
        double late_factor;
        std::size_t late_end;
        if (!v.has_magnitude && !is_range && magnitude(cur_end, late_factor, late_end)) {  // "75 USD million"
            v.factor = late_factor;
            v.has_magnitude = true;
            cur_end = late_end;
        }
        finish(v, is_range, second, unit, a);
        end = cur_end;
        if (!is_range && unit.scale == 1 && !v.has_magnitude) {
            std::size_t cents_end;
            double cents = trailing_cents(end, cents_end);
            if (cents > 0) {
                a.min = a.max = std::round((a.min + cents) * 100) / 100;
                end = cents_end;
            }
        }
        return true;
    }

    std::vector<Amount> scan() const {
        std::vector<Amount> out;
        for (std::size_t i = 0; i < s_.size();) {
            unsigned char c = static_cast<unsigned char>(s_[i]);
            // Most words cannot start an amount: only digits, symbols and a few words do.
            bool candidate = std::isdigit(c) || c == '$' || c >= 0xC2 || (std::isalpha(c) && starts_amount(i));
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
            } else if (is_alnum(static_cast<char>(c))) {
                while (i < s_.size() && is_alnum(s_[i])) ++i;  // not inside words
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

namespace amount_scanner {

std::optional<double> number_with_magnitude(std::string_view s) {
    Scanner scan(s);
    Scanner::Value v;
    if (scan.value(0, v) && v.end == s.size() && v.has_magnitude) return v.total();
    return std::nullopt;
}

}  // namespace amount_scanner

}  // namespace docket
