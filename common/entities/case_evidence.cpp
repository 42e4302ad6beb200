#include "entities/case_evidence.h"
#include "text/word_set.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_set>

namespace docket {
namespace {

const std::unordered_set<std::string>& legal_words() {
    static const std::unordered_set<std::string> words = {
        "court", "courts", "judge", "judges", "lawsuit", "lawsuits", "sued", "sues", "suing", "plaintiff",
        "plaintiffs", "defendant", "defendants", "jury", "litigation", "injunction", "verdict", "attorney",
        "attorneys", "lawyer", "lawyers", "counsel", "complaint", "filed", "filing", "filings", "settled",
        "settlement", "pending", "argued", "heard", "hearing", "trial", "ruling", "ruled", "appeal", "appeals",
        "appealed", "appellate", "tribunal", "antitrust", "damages", "judgment", "judgement", "prosecutors",
        "testimony", "petition", "supreme"};
    return words;
}

const std::unordered_set<std::string>& sports_words() {
    static const std::unordered_set<std::string> words = {
        "match", "matches", "fixture", "fixtures", "cup", "league", "rugby", "football", "soccer", "cricket",
        "tennis", "golf", "championship", "championships", "finals", "semi-final", "semi-finals",
        "quarter-final", "quarter-finals", "derby", "kick-off", "goal", "goals", "striker", "midfielder",
        "squad", "tournament", "premiership", "nations", "innings", "wicket", "stadium", "referee", "play-off",
        "play-offs", "playoff", "scored", "scorer", "olympic", "olympics", "athletics", "boxing", "bout"};
    return words;
}

bool is_fixture_day(std::string_view w) {
    static const text::WordSet days = {
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Monday", "Tuesday",
        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    return days.count(w) > 0;
}

std::string lower_word(std::string_view text, const std::vector<text::Token>& tokens, std::size_t i) {
    if (i >= tokens.size() || !tokens[i].word) return {};
    return text::to_lower_ascii(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
}

// Whether legal word w at token i is used in its legal sense. Three have everyday senses:
// "ruled out" (an injured player), "judge" the verb ("not judge the success of"), "heard" of
// music or news ("never heard of them"); a court's "heard" is passive or hears something.
bool legal_sense(std::string_view text, const std::vector<text::Token>& tokens, std::size_t i, const std::string& w) {
    const std::string before = i > 0 ? lower_word(text, tokens, i - 1) : std::string(), after = lower_word(text, tokens, i + 1);
    if (w == "ruled") return after != "out";
    if (w == "judge" || w == "judges") {
        static const std::unordered_set<std::string> noun_before = {
            "the", "a", "federal", "district", "circuit", "presiding", "trial", "appeals", "bankruptcy", "high", "court",
            "supreme", "magistrate", "chief", "senior", "state", "two", "three", "panel", "of"};
        const bool title = std::isupper(static_cast<unsigned char>(text[tokens[i].begin])) != 0;
        return title || noun_before.count(before) > 0;
    }
    if (w == "heard") {
        static const std::unordered_set<std::string> passive = {"was", "were", "be", "being", "been", "is", "are"};
        static const std::unordered_set<std::string> hearings = {"arguments", "argument", "evidence", "testimony",
                                                                 "closing", "opening"};
        const bool heard_the_case = (after == "the" || after == "a" || after == "an") &&
                                    (lower_word(text, tokens, i + 2) == "case" || lower_word(text, tokens, i + 2) == "appeal");
        return passive.count(before) > 0 || hearings.count(after) > 0 || heard_the_case;
    }
    return true;
}

}  // namespace

CaseEvidence::CaseEvidence(std::string_view text, const std::vector<text::Token>& tokens) : text_(text), tokens_(tokens) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].word) continue;
        const std::string w = text::to_lower_ascii(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        if (legal_words().count(w) && legal_sense(text, tokens, i, w)) legal_words_ = true;
        if (sports_words().count(w)) sports_offsets_.push_back(tokens[i].begin);
    }
}

bool CaseEvidence::is_all_caps_span(std::size_t first, std::size_t end) const {
    for (std::size_t i = first; i < end; ++i)
        for (char c : text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin))
            if (c >= 'a' && c <= 'z') return false;
    return true;
}

bool CaseEvidence::is_lawsuit(std::size_t first, std::size_t versus, std::size_t end) const {
    auto word = [&](std::size_t i) { return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin); };
    // "Wales v France (Sat)": a fixture list (the day may have been read as part of the name).
    for (std::size_t i = first; i + 1 < tokens_.size() && i <= end; ++i)
        if (word(i) == "(" && is_fixture_day(word(i + 1))) return false;
    // A sports word on the same line as the name.
    const std::size_t begin = tokens_[first].begin, stop = tokens_[end - 1].end;
    const std::size_t line_start = text_.rfind('\n', begin) == std::string_view::npos ? 0 : text_.rfind('\n', begin) + 1;
    const std::size_t line_end = std::min(text_.find('\n', stop), text_.size());
    // Sports words inside the parties' names do not count ("National Football League v. Smith").
    for (auto sport = std::lower_bound(sports_offsets_.begin(), sports_offsets_.end(), line_start);
         sport != sports_offsets_.end() && *sport < line_end; ++sport)
        if (*sport < begin || *sport >= stop) return false;
    if (legal_words_) return true;
    // A party written as in a pleading: ending in a corporate form ("Meta Platforms, Inc. v. ...")
    // in mixed case, or a government plaintiff named whole ("FTC v. Meta").
    static const text::WordSet pleading_forms = {
        "Inc", "LLC", "Corp", "Corporation", "Ltd", "plc", "PLC", "LLP", "PBC", "S.A", "N.V", "AG"};
    auto ends_in_form = [&](std::size_t from, std::size_t to) {
        std::size_t last = to;
        while (last > from && !tokens_[last - 1].word) --last;  // "Inc." -> "Inc"
        return last > from && pleading_forms.count(word(last - 1)) && !is_all_caps_span(first, end);
    };
    if (ends_in_form(first, versus) || ends_in_form(versus + 1, end)) return true;
    const std::string_view left = text_.substr(begin, tokens_[versus].begin - begin);
    for (std::string_view government : {"United States ", "U.S. ", "US ", "FTC ", "SEC ", "Federal Trade Commission ",
                                        "Securities and Exchange Commission "})
        if (left == government) return true;
    // "The case, Kadrey et al. v. Meta, continues."
    for (std::size_t i = first; i > 0 && i + 3 > first; --i) {
        const std::string w = text::to_lower_ascii(word(i - 1));
        if (w == "case" || w == "cases") return true;
    }
    return false;
}

}  // namespace docket
