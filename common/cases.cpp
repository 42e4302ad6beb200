#include "cases.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "gazetteer.h"

namespace docket {
namespace {

bool is_connector(std::string_view w) {
    return w == "of" || w == "the" || w == "for" || w == "de" || w == "du" || w == "von";
}

// Words that open a sentence or clause but never start a party's name.
bool is_leading_function_word(std::string_view w) {
    static const std::set<std::string_view> words = {
        "In", "On", "At", "A", "An", "During", "After", "Before", "Under", "While", "Since",
        "From", "With", "By", "For", "As", "Both", "Its", "Their", "His", "Her", "If", "When",
        "Unlike", "Like", "Until", "Through", "Following", "Despite", "Amid", "Also", "But",
        "And", "Then", "Meanwhile", "Separately", "Similarly", "Earlier", "Later"};
    return words.count(w) != 0;
}

bool is_abbreviation(std::string_view w) {
    return is_legal_suffix(w) || w == "al" || w == "U.S" || w == "Jr" || w == "Sr" || w == "St" ||
           w == "Dept" || w == "Bros";
}

bool is_versus(std::string_view w) { return w == "v" || w == "vs" || w == "versus"; }

constexpr std::size_t kMaxPartyTokens = 14;

class CaseScanner {
public:
    CaseScanner(std::string_view text, const std::vector<text::Token>& tokens)
        : text_(text), tokens_(tokens) {}

    std::string_view tok(std::size_t i) const {
        return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
    }
    bool is_name_word(std::size_t i) const {
        if (!tokens_[i].word) return false;
        auto w = tok(i);
        unsigned char c = static_cast<unsigned char>(w[0]);
        if (std::isdigit(c))  // "3M" names a company, "2023" does not
            return std::any_of(w.begin(), w.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
        return std::isupper(c) || c >= 0x80;
    }
    bool is_word(std::size_t i, std::string_view w) const { return i < tokens_.size() && tok(i) == w; }
    // A line break between token i-1 and token i: names never span lines (a headline, a list item).
    bool line_break_before(std::size_t i) const {
        return i > 0 && text_.substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end).find('\n') !=
                            std::string_view::npos;
    }

    // End (exclusive) of a party name starting at token `first`.
    std::size_t scan_forward(std::size_t first) const {
        std::size_t i = first, end = first, words = 0;
        const std::size_t n = tokens_.size();
        while (i < n && words < kMaxPartyTokens && !(i > first && line_break_before(i))) {
            if (is_name_word(i)) {
                ++words;
                end = ++i;
                // An abbreviation's own '.', e.g. "Inc.", "U.S.". A legal form ends the name.
                if (i < n && tok(i) == "." && !tokens_[i].space_before && is_abbreviation(tok(i - 1))) {
                    end = ++i;
                    if (is_legal_suffix(tok(i - 2))) break;
                }
            } else if ((tokens_[i].word && is_connector(tok(i))) || tok(i) == "&") {
                if (i + 1 < n && is_name_word(i + 1)) ++i; else break;
            } else if (tok(i) == "," && i + 1 < n && (is_legal_suffix(tok(i + 1)) || tok(i + 1) == "et")) {
                ++i;
            } else if (tok(i) == "et" && is_word(i + 1, "al")) {
                i += 2;
                if (i < n && tok(i) == ".") ++i;
                end = i;
            } else {
                break;
            }
        }
        return end;
    }

    // First token of a party name that ends just before token `end`.
    std::size_t scan_backward(std::size_t end) const {
        std::size_t first = end, i = end, words = 0;
        while (i > 0 && words < kMaxPartyTokens && !(i < end && line_break_before(i))) {
            std::size_t k = i - 1;
            if (tok(k) == "." && k > 0 && !tokens_[k].space_before && is_abbreviation(tok(k - 1))) {
                i = k;  // "Inc." / "et al." : keep going
            } else if (is_name_word(k)) {
                ++words;
                first = i = k;
            } else if (tokens_[k].word && tok(k) == "al" && k > 0 && tok(k - 1) == "et") {
                i = k - 1;
            } else if ((tokens_[k].word && is_connector(tok(k))) || tok(k) == "&") {
                if (k > 0 && is_name_word(k - 1)) i = k; else break;
            } else if (tok(k) == "," && k + 1 < end && (is_legal_suffix(tok(k + 1)) || tok(k + 1) == "et")) {
                i = k;
            } else {
                break;
            }
        }
        // Drop clause openers ("In Kadrey v. Meta") from the front.
        while (first < end && is_leading_function_word(tok(first))) ++first;
        while (first < end && !is_name_word(first)) ++first;
        return first;
    }

    std::string span(std::size_t first, std::size_t end) const {
        return std::string(text_.substr(tokens_[first].begin, tokens_[end - 1].end - tokens_[first].begin));
    }

private:
    std::string_view text_;
    const std::vector<text::Token>& tokens_;
};

std::string unify_government(const std::string& party) {
    std::string lower = text::to_lower_ascii(party);
    if (lower == "u.s." || lower == "u.s" || lower == "us" || lower == "usa" ||
        lower == "united states of america" || lower == "united states")
        return "United States";
    if (lower == "federal trade commission" || lower == "ftc") return "FTC";
    if (lower == "securities and exchange commission" || lower == "sec") return "SEC";
    return {};
}

}  // namespace

std::string normalize_party(std::string_view party, const PartyResolver& resolve) {
    std::string p = text::collapse_space(party);
    if (auto gov = unify_government(p); !gov.empty()) return gov;
    std::string stripped = strip_legal_suffixes(p);
    if (auto gov = unify_government(stripped); !gov.empty()) return gov;
    if (resolve) {
        if (auto c = resolve(p)) return *c;
        if (auto c = resolve(stripped)) return *c;
    }
    if (stripped.size() > 4 && text::iequals(stripped.substr(0, 4), "the ")) {
        stripped = stripped.substr(4);
        if (resolve)
            if (auto c = resolve(stripped)) return *c;
    }
    return stripped;
}

std::optional<std::string> normalize_case_name(std::string_view name, const PartyResolver& resolve) {
    std::string s = text::collapse_space(name);
    if (s.size() > 6 && text::iequals(s.substr(0, 6), "in re ")) {
        std::string party = normalize_party(s.substr(6), resolve);
        if (party.empty()) return std::nullopt;
        return "In re " + party;
    }
    auto tokens = text::tokenize(s);
    for (std::size_t i = 1; i + 1 < tokens.size(); ++i) {
        std::string w = text::to_lower_ascii(std::string_view(s).substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        if (!tokens[i].word || !is_versus(w)) continue;
        std::size_t right = i + 1;
        if (s[tokens[right].begin] == '.') ++right;
        if (right >= tokens.size()) break;
        std::string left_party = normalize_party(s.substr(0, tokens[i].begin), resolve);
        std::string right_party = normalize_party(s.substr(tokens[right].begin), resolve);
        if (left_party.empty() || right_party.empty()) return std::nullopt;
        return left_party + " v. " + right_party;
    }
    return std::nullopt;
}

std::vector<CaseEntity> extract_cases(std::string_view text, const std::vector<text::Token>& tokens,
                                      const PartyResolver& resolve) {
    CaseScanner scan(text, tokens);
    std::map<std::string, CaseEntity> by_name;
    auto record = [&](const std::string& canonical, std::size_t first, std::size_t end) {
        auto& e = by_name[canonical];
        e.name = canonical;
        e.mentions.push_back({scan.span(first, end), tokens[first].begin});
    };
    const std::size_t n = tokens.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!tokens[i].word) continue;
        std::string_view w = scan.tok(i);
        if (w == "In" && i + 2 < n && scan.tok(i + 1) == "re" && scan.is_name_word(i + 2)) {
            std::size_t end = scan.scan_forward(i + 2);
            if (end > i + 2) {
                std::string party = normalize_party(scan.span(i + 2, end), resolve);
                if (!party.empty()) record("In re " + party, i, end);
                i = end - 1;
            }
            continue;
        }
        if (!is_versus(w) || i == 0 || !tokens[i].space_before) continue;
        std::size_t right = i + 1;
        if (right < n && scan.tok(right) == "." && !tokens[right].space_before) ++right;
        if (right >= n || !scan.is_name_word(right) || !tokens[right].space_before) continue;
        std::size_t left = scan.scan_backward(i);
        std::size_t end = scan.scan_forward(right);
        if (left >= i || end <= right) continue;
        std::string left_party = normalize_party(scan.span(left, i), resolve);
        std::string right_party = normalize_party(scan.span(right, end), resolve);
        if (left_party.empty() || right_party.empty()) continue;
        record(left_party + " v. " + right_party, left, end);
        i = end - 1;
    }
    std::vector<CaseEntity> out;
    for (auto& [name, e] : by_name) out.push_back(std::move(e));
    return out;
}

}  // namespace docket
