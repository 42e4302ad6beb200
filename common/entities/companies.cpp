#include "entities/companies.h"

#include "entities/organisations.h"
#include "text/word_set.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

namespace docket {
namespace {

struct Candidate {
    std::uint32_t company;
    std::size_t first_token, end_token;  // token range [first, end)
    bool ambiguous;
    bool has_context = false;
    bool accepted = false;
    bool not_a_company = false;  // the recogniser calls it a person or a place
    bool list_only = false;      // only a list beside a confirmed company confirms it
};

// How sure the recogniser must be before its label settles a gazetteer form.
constexpr double kConfidentOrganisation = 0.8;
constexpr double kConfidentPerson = 0.8;

bool is_cue_after(std::string_view w) {
    static const text::WordSet cues = {
        "said", "says", "announced", "announces", "reported", "reports", "plans", "planned",
        "agreed", "agrees", "sued", "filed", "argued", "argues", "disclosed", "declined",
        "denied", "denies", "confirmed", "launched", "released", "unveiled", "acquired",
        "bought", "invested", "invests", "raised", "spent", "spends", "paid", "pays",
        "shares", "stock", "executives", "executive", "spokesperson", "spokesman",
        "spokeswoman", "shareholders", "investors", "employees", "engineers", "researchers",
        "lawyers", "attorneys", "CEO", "has", "had", "is", "was", "will", "would", "also",
        "did", "does", "settled", "won", "lost", "appealed", "hosts", "offers", "sells",
        "reached", "signed", "struck", "chief", "board", "founder", "cofounder", "co-founder"};
    return cues.count(w) != 0;
}

bool is_cue_before(std::string_view w) {
    static const text::WordSet cues = {
        "sued", "against", "v", "vs", "versus", "rival", "rivals", "suing", "defendant",
        "plaintiff", "including", "like", "partner", "partners", "at", "from", "by", "with"};
    return cues.count(w) != 0;
}

// Nouns that call a name a business ("the AI search start-up", "the US carmaker").
bool is_company_noun(std::string_view w) {
    static const text::WordSet nouns = {
        "company", "firm", "start-up", "startup", "group", "maker", "carmaker", "chipmaker", "bank", "lender",
        "insurer", "retailer", "airline", "carrier", "operator", "provider", "developer", "publisher", "giant",
        "conglomerate", "manufacturer", "supplier", "brewer", "broker", "producer"};
    return nouns.count(w) != 0;
}

bool is_list_joiner(std::string_view tok) {
    return tok == "," || tok == "and" || tok == "or" || tok == "&" || tok == "as" || tok == "well" || tok == "plus";
}

// Runs of capitalised words before a legal suffix that are government bodies, not companies.
bool is_government_corporation(const std::string& name) {
    static const text::WordSet names = {
        "Commodity Credit", "Federal Deposit Insurance", "International Finance", "Overseas Private Investment",
        "Pension Benefit Guaranty", "Federal Savings and Loan Insurance", "Resolution Trust", "Export Credits Guarantee",
        "Tennessee Valley", "Federal Home Loan Mortgage", "Federal National Mortgage", "Corporation for Public Broadcasting"};
    return names.count(name) != 0;
}

// Words that start a sentence or clause but not a company name ("Shares of", "In", "The").
bool has_digit(std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_clause_word(std::string_view w) {
    static const text::WordSet words = {
        "The", "A", "An", "In", "On", "At", "For", "From", "With", "By", "As", "And", "But", "Shares", "Unit",
        "Units", "Its", "Their", "His", "Her", "Both", "Under", "After", "Before", "While", "When", "If", "Also",
        "Yesterday", "Today", "Earlier", "Later", "Separately", "Meanwhile", "However", "Analysts", "Sources",
        "Officials", "Subsidiary", "Parent", "Rival", "Rivals", "Like", "Unlike", "Including", "Between", "Against"};
    return words.count(w) != 0;
}

class CompanyScanner {
public:
    CompanyScanner(std::string_view text, const std::vector<text::Token>& tokens, const Gazetteer& gazetteer)
        : text_(text), tokens_(tokens), gazetteer_(gazetteer) {}

    std::vector<CompanyEntity> run() {
        names_ = recogniser::recognise_text(text_, tokens_, gazetteer_);
        facts_ = article_facts(text_, tokens_);
        match(gazetteer_, 0);
        find_by_pattern();
        // Names the learned recogniser finds and judges companies; their other mentions are
        // matched below, with the companies found by their form.
        for (const auto& m : learned_companies(text_, tokens_, names_, facts_))
            add_named_company(m.first_token, m.end_token, m.name, m.confirmed);
        if (!pattern_names_.empty()) {
            // Later (or earlier) mentions of a company found by its legal form or the recogniser:
            // "Texaco Inc ... Texaco". A name not yet confirmed stays unconfirmed ('~').
            Gazetteer local;
            std::string tsv;
            for (std::size_t k = 0; k < pattern_names_.size(); ++k)
                tsv += (pattern_confirmed_[k] ? "" : "~") + pattern_names_[k] + "\t\n";
            local.load(tsv, "pattern companies");
            match(local, static_cast<std::uint32_t>(gazetteer_.names().size()));
        }
        link_acronyms();
        std::sort(found_.begin(), found_.end(),
                  [](const Candidate& a, const Candidate& b) { return a.first_token < b.first_token; });
        confirm();
        return collect();
    }

private:
    std::string_view tok(std::size_t i) const {
        return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
    }
    bool is_name_word(std::size_t i) const {
        std::string_view w = tok(i);
        // "Paris-based", "state-owned": a description, not a name.
        if (auto dash = w.rfind('-'); dash != std::string_view::npos && dash + 1 < w.size() &&
                                      std::islower(static_cast<unsigned char>(w[dash + 1])))
            return false;
        return tokens_[i].word && (std::isupper(static_cast<unsigned char>(tok(i)[0])) ||
                                   (std::isdigit(static_cast<unsigned char>(tok(i)[0])) && tok(i).size() <= 3 &&
                                    std::any_of(tok(i).begin(), tok(i).end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })));
    }
    // A paragraph break (blank line) between token i-1 and token i. Single line
    // breaks do not count: wire copy wraps lines inside names.
    bool paragraph_break_before(std::size_t i) const {
        return i > 0 && text_.substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end).find("\n\n") !=
                            std::string_view::npos;
    }
    static bool all_caps(std::string_view w) {
        return std::none_of(w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    }
    bool covered(std::size_t first, std::size_t end) const {
        for (const auto& c : found_)
            if (c.first_token < end && first < c.end_token) return true;
        return false;
    }
    const std::string& name_of(std::uint32_t id) const {
        return id < gazetteer_.names().size() ? gazetteer_.names()[id] : pattern_names_[id - gazetteer_.names().size()];
    }

    // Gazetteer forms: case-sensitive, whole tokens, longest first; a legal suffix
    // after the form is part of the mention.
    void match(const Gazetteer& g, std::uint32_t id_offset) {
        for (std::size_t i = 0; i < tokens_.size();) {
            const auto* forms = tokens_[i].word ? g.starting_with(tok(i)) : nullptr;
            const Gazetteer::Surface* hit = nullptr;
            if (forms) {
                for (std::uint32_t idx : *forms) {
                    const auto& s = g.surfaces()[idx];
                    if (i + s.tokens.size() > tokens_.size()) continue;
                    bool same = true;
                    for (std::size_t k = 1; k < s.tokens.size() && same; ++k) same = tok(i + k) == s.tokens[k];
                    if (same) {
                        hit = &s;
                        break;
                    }
                }
            }
            if (!hit || (id_offset && covered(i, i + hit->tokens.size()))) {
                ++i;
                continue;
            }
            if (after_person_title(i) || inside_person(i, i + hit->tokens.size())) {  // "Ms Jowell", "Serena Williams"
                i += hit->tokens.size();
                continue;
            }
            Candidate c{hit->company + id_offset, i, i + hit->tokens.size(), hit->ambiguous};
            c.list_only = id_offset && hit->ambiguous;  // an unconfirmed learned name's other mention
            // Extend over a legal suffix: "Meta Platforms, Inc.", "Apple Inc", "Dow Jones & Co.".
            std::size_t j = c.end_token;
            if (j < tokens_.size() && tok(j) == ",") ++j;
            else if (j + 1 < tokens_.size() && tok(j) == "&" && tok(j + 1) == "Co") ++j;
            bool suffixed = false;
            if (j < tokens_.size() && tokens_[j].word && is_legal_suffix(tok(j))) {
                ++j;
                if (j < tokens_.size() && tok(j) == "." && !tokens_[j].space_before) ++j;
                c.end_token = j;
                c.has_context = suffixed = true;
            }
            if (!c.list_only) add_context(c);
            // The recogniser's word on an ordinary-word form: "Orange" as an organisation's
            // name is context; as a place or a person it can't be confirmed by a list either.
            const auto* name = name_at(c.first_token, c.end_token);
            if (c.ambiguous && !c.has_context && !c.list_only && !facts_.sports) {
                if (name) {
                    const bool ordinary = c.end_token - c.first_token == 1 && is_ordinary_word(tok(c.first_token), facts_);
                    if (name->kind == recogniser::Kind::Organisation && name->confidence >= kConfidentOrganisation && !ordinary)
                        c.has_context = true;
                    else if (name->kind != recogniser::Kind::Organisation)
                        c.not_a_company = true;
                }
            }
            // A listed name that is a person's the article writes about ("Howard Hughes ... Hughes
            // said"; not "Andreessen Horowitz") or, in a sports
            // story, a club's ("Manchester United") is a company only with its legal suffix.
            const bool person = name && name->kind == recogniser::Kind::Person && name->confidence >= kConfidentPerson;
            if (!suffixed && ((c.ambiguous && person) || (c.end_token - c.first_token > 1 && called_by_surname(c.end_token - 1)) ||
                              (facts_.sports && names_a_club(c.first_token, c.end_token)))) {
                i = c.end_token;
                continue;
            }
            // A listed form made of generic words ("National Bank") is a piece of many names:
            // only its legal suffix makes it this company.
            if (c.ambiguous && !suffixed && is_generic_name(text_.substr(tokens_[c.first_token].begin,
                                                                          tokens_[c.end_token - 1].end - tokens_[c.first_token].begin))) {
                c.has_context = false;
                c.not_a_company = true;
            }
            // After more of a name, the suffix and what follows are that name's: "Moody's
            // Investors Service Inc said" is not the ambiguous "~Service".
            if (suffixed && continues_name(c.first_token)) c.has_context = false;
            // An ordinary word or surname inside a longer name is that name's: "Circuit City",
            // "Serena Williams", "BBC World Service", "People's Party" are not ~City, ~Williams...
            if (c.ambiguous && !suffixed && (continues_name(c.first_token) || name_follows(c.end_token)))
                c.has_context = false;
            found_.push_back(c);
            i = c.end_token;
        }
    }

    // The article also calls a person by this word alone ("Hughes"), as it does a person it writes about.
    bool called_by_surname(std::size_t last) const {
        for (const auto& n : names_)
            if (n.kind == recogniser::Kind::Person && n.end_token - n.first_token == 1 && tok(n.first_token) == tok(last))
                return true;
        return false;
    }

    bool names_a_club(std::size_t first, std::size_t end) const {
        static const text::WordSet club_words = {"United", "City", "Rovers", "Wanderers", "Athletic", "Albion",
                                                              "Hotspur", "Villa", "Rangers", "Celtic", "FC", "Town", "County"};
        for (std::size_t k = first; k < end; ++k)
            if (club_words.count(tok(k))) return true;
        return false;
    }

    // The recogniser's name covering exactly tokens [first, end) (a possessive or a leading "The" aside).
    const recogniser::TextSpan* name_at(std::size_t first, std::size_t end) const {
        for (const auto& n : names_) {
            std::size_t a = n.first_token, b = n.end_token;
            if (a < b && (tok(a) == "The" || tok(a) == "the")) ++a;
            if (b - a >= 3 && tok(b - 1) == "s" && (tok(b - 2) == "'" || tok(b - 2) == "\xE2\x80\x99")) b -= 2;
            if (a == first && b == end) return &n;
        }
        return nullptr;
    }

    // A listed name ending a longer name the recogniser is sure is a person's ("Serena Williams";
    // a name that starts one is its maker's: "Nintendo GameBoy").
    bool inside_person(std::size_t first, std::size_t end) const {
        for (const auto& n : names_)
            if (n.kind == recogniser::Kind::Person && n.confidence >= kConfidentPerson && n.first_token < first &&
                end <= n.end_token && n.end_token - n.first_token > end - first)
                return true;
        return false;
    }

    bool after_person_title(std::size_t first) const {
        std::size_t k = first;
        if (k > 0 && tok(k - 1) == "." && !tokens_[k - 1].space_before) --k;  // "Mr."
        return k > 0 && tokens_[k - 1].word && is_person_title(tok(k - 1)) && !line_break_before(first);
    }

    // True when the name word before token `first` runs on into it (not a sentence start or "The").
    bool continues_name(std::size_t first) const {
        return first > 0 && is_name_word(first - 1) && !paragraph_break_before(first) && !is_clause_word(tok(first - 1));
    }

    // True when a capitalised name word runs on after token `end` on the same line
    // ("City Council", "Williams Jr", "National Bank of Kuwait"): the mention is part of a longer name. (Not after a
    // possessive: "Meta's Llama" is Meta's.)
    bool name_follows(std::size_t end) const {
        std::size_t next = end;
        // "National Bank of Kuwait": "of" and a name carry the name on.
        if (next + 1 < tokens_.size() && tok(next) == "of" && is_name_word(next + 1) && !is_clause_word(tok(next + 1))) ++next;
        return next < tokens_.size() && tokens_[next].space_before && is_name_word(next) && !paragraph_break_before(next) &&
               !is_clause_word(tok(next)) && !line_break_before(next);
    }

    bool line_break_before(std::size_t i) const { return text::line_break_before(text_, tokens_, i); }

    // The first word of a sentence: capitalised by position, not as a name.
    bool starts_sentence(std::size_t i) const {
        if (i == 0 || line_break_before(i)) return true;
        std::size_t k = i;
        while (k > 0 && !tokens_[k - 1].word && (tok(k - 1) == "\"" || tok(k - 1) == "\xE2\x80\x9C" || tok(k - 1) == "'")) --k;
        if (k == 0 || line_break_before(k)) return true;
        const std::string_view before = tok(k - 1);
        return before == "." || before == "!" || before == "?" || before == ":";
    }

    // Cues a sentence's ordinary first word gets too ("People will...", "People are..."):
    // they confirm only a word that is capitalised as a name, mid-sentence.
    static bool is_weak_cue(std::string_view w) {
        return w == "has" || w == "had" || w == "is" || w == "was" || w == "will" || w == "would" || w == "also" ||
               w == "did" || w == "does";
    }

    void add_context(Candidate& c) const {
        std::size_t after = c.end_token;
        // ("GM has" is no ordinary word: only a capitalised lower-case word can be positional.)
        const std::string_view first_word = tok(c.first_token);
        const bool positional = c.ambiguous && starts_sentence(c.first_token) &&
                                std::any_of(first_word.begin(), first_word.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
        if (after + 1 < tokens_.size() && (tok(after) == "'" || tok(after) == "\xE2\x80\x99") && tok(after + 1) == "s")
            c.has_context = true;  // possessive
        if (after < tokens_.size() && tokens_[after].word && is_cue_after(tok(after)) && !(positional && is_weak_cue(tok(after))))
            c.has_context = true;
        // "Perplexity, the AI search start-up, ...": an appositive that calls it a company.
        if (after < tokens_.size() && tok(after) == ",")
            for (std::size_t k = after + 1; k < tokens_.size() && k < after + 8 && tok(k) != "," && tok(k) != "."; ++k)
                if (tokens_[k].word && is_company_noun(tok(k))) c.has_context = true;
        // "Apple, which ..." : a relative clause follows a proper name.
        if (after + 1 < tokens_.size() && tok(after) == "," && (tok(after + 1) == "which" || tok(after + 1) == "whose"))
            c.has_context = true;
        std::size_t before = c.first_token;
        if (before > 0 && tok(before - 1) == ".") --before;  // "v." / "vs."
        if (before > 0 && tokens_[before - 1].word && is_cue_before(tok(before - 1))) c.has_context = true;
    }

    // First token of the capitalised name that ends at token `last` (inclusive), or `last + 1` if none.
    std::size_t name_start(std::size_t last) const {
        std::size_t first = last + 1, words = 0;
        for (std::size_t k = last + 1; k-- > 0 && words < 6;) {
            if (k < last && paragraph_break_before(k + 1)) break;
            if (k < last && tokens_[k].word && is_legal_suffix(tok(k))) break;  // the end of another name
            if (is_name_word(k)) {
                first = k;
                ++words;
            } else if ((tok(k) == "&" || tok(k) == "and" || tok(k) == "of" || tok(k) == "de") && k > 0 &&
                       is_name_word(k - 1) && first == k + 1 && !has_digit(tok(k - 1))) {
                // (not after a code: "from B-2 of Scott Cable Communications Inc.")
                continue;  // "Hambrecht and Quist", "Bank of America"
            } else if (tok(k) == "." && !tokens_[k].space_before && k > 0 && tok(k - 1).size() <= 4 &&
                       is_name_word(k - 1) && first == k + 1) {
                continue;  // "Chas. P. Young"
            } else if ((tok(k) == "'" || tok(k) == "\xE2\x80\x99" || tok(k) == "/") && !tokens_[k].space_before &&
                       k > 0 && is_name_word(k - 1) && first == k + 1 && !tokens_[k + 1].space_before) {
                continue;  // "Carling O'Keefe", "Royal Dutch/Shell"
            } else {
                break;
            }
        }
        while (first <= last && (is_clause_word(tok(first)) || !is_name_word(first))) ++first;
        // In an all-capitals headline, only a one-word name is trustworthy ("GTX CORP").
        if (first < last && all_caps(text_.substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin)))
            return last + 1;
        return first;
    }

    void add_pattern_company(std::size_t first, std::size_t last, std::size_t mention_end) {
        if (first > last) return;
        // "Moody's Investors Service Inc": a unit named after a company already found.
        if (first >= 3 && tok(first - 1) == "s" && (tok(first - 2) == "'" || tok(first - 2) == "\xE2\x80\x99") &&
            std::any_of(found_.begin(), found_.end(),  // the "'s" outside the found name or part of it
                        [&](const Candidate& c) { return c.end_token == first - 2 || c.end_token == first; }))
            return;
        std::string name = text::collapse_space(
            text_.substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin));
        add_named_company(first, mention_end, name);
    }

    // A company known by its name in this article (its form or the recogniser found
    // it), mentioned at tokens [first, mention_end).
    void add_named_company(std::size_t first, std::size_t mention_end, const std::string& name, bool confirmed = true) {
        // A gazetteer hit inside the name wins only when it is distinctive or in context:
        // "Star Oil and Gas Ltd" is one company, not the ambiguous "~Star".
        for (const auto& c : found_)
            if (c.first_token < mention_end && first < c.end_token && (!c.ambiguous || c.has_context)) return;
        found_.erase(std::remove_if(found_.begin(), found_.end(),
                                    [&](const Candidate& c) { return c.first_token < mention_end && first < c.end_token; }),
                     found_.end());
        // Invalid UTF-8 (only from text that skipped the readers' repair) could not be
        // loaded into the local gazetteer below.
        if (name.size() < 2 || is_government_corporation(name) || !text::is_valid_utf8(name)) return;
        // An unconfirmed name is settled by a list beside a confirmed company (confirm()), not by cue words.
        Candidate c{0, first, mention_end, !confirmed};
        c.has_context = confirmed;
        c.list_only = !confirmed;
        if (auto canonical = gazetteer_.canonical_for(name)) {
            c.company = gazetteer_.id_of(*canonical);
        } else if (is_generic_name(name)) {
            return;
        } else {
            // One name per company: an all-capitals headline form gives way to the body's form.
            std::string key = text::to_lower_ascii(name);
            auto it = pattern_ids_.find(key);
            if (it == pattern_ids_.end()) {
                it = pattern_ids_.emplace(key, static_cast<std::uint32_t>(pattern_names_.size())).first;
                pattern_names_.push_back(name);
                pattern_confirmed_.push_back(false);
            } else if (std::none_of(pattern_names_[it->second].begin(), pattern_names_[it->second].end(),
                                    [](char ch) { return std::islower(static_cast<unsigned char>(ch)); })) {
                pattern_names_[it->second] = name;
            }
            c.company = static_cast<std::uint32_t>(gazetteer_.names().size()) + it->second;
            if (confirmed) pattern_confirmed_[it->second] = true;
        }
        found_.push_back(c);
    }

    // Companies not in the gazetteer, found by their form: a capitalised name before a
    // legal suffix ("Acme Widgets Inc.", "Texaco Inc <TX>"), or before a ticker ("<AG>").
    void find_by_pattern() {
        for (std::size_t j = 1; j < tokens_.size(); ++j) {
            if (tokens_[j].word && is_legal_suffix(tok(j)) && tokens_[j].space_before) {
                std::size_t last = j - 1;
                if (tok(last) == "&" && tok(j) == "Co" && last > 0) --last;  // "Dow Jones & Co"
                if (tok(last) == "," && last > 0) --last;                    // "Acme, Inc."
                if (!is_name_word(last)) continue;
                std::size_t end = j + 1;
                if (end < tokens_.size() && tok(end) == "." && !tokens_[end].space_before) ++end;
                // "Giant Company Software", "Internet Corporation for ...": the legal word is inside a longer name.
                if ((tok(j) == "Company" || tok(j) == "Corporation") && end < tokens_.size() &&
                    ((tokens_[end].space_before && is_name_word(end) && !line_break_before(end)) || tok(end) == "for"))
                    continue;
                // "Group" and "Holdings" usually belong to the name: "Kingdom Holdings".
                bool part_of_name = tok(j) == "Group" || tok(j) == "Holdings";
                add_pattern_company(name_start(last), part_of_name ? j : last, end);
            } else if (tok(j) == "<" && j + 2 < tokens_.size() && tok(j + 2) == ">" && tokens_[j + 1].word &&
                       tokens_[j].space_before && is_name_word(j - 1) && !is_legal_suffix(tok(j - 1))) {
                std::string_view ticker = tok(j + 1);
                if (ticker.size() <= 6 && all_caps(ticker) && !all_caps(tok(j - 1)))
                    add_pattern_company(name_start(j - 1), j - 1, j);
            }
        }
        // Weaker evidence, after the forms above: "shares of Acme Widgets rose".
        for (std::size_t j = 1; j + 1 < tokens_.size(); ++j) {
            if (tok(j) != "of" || (tok(j - 1) != "shares" && tok(j - 1) != "Shares") || !is_name_word(j + 1) ||
                tok(j + 1) == "Class" || all_caps(tok(j + 1)))
                continue;
            std::size_t last = j + 1;
            while (last + 1 < tokens_.size() && last < j + 4 && is_name_word(last + 1) && !is_legal_suffix(tok(last + 1)))
                ++last;
            std::size_t next = last + 1;
            bool continues = next < tokens_.size() && (tok(next) == "and" || tok(next) == "&" || tok(next) == "of" ||
                                                       is_legal_suffix(tok(next)));
            if (!continues) add_pattern_company(j + 1, last, last + 1);
        }
    }

    // "General Motors (GM) ... GM": an acronym the article gives a company, in brackets
    // after its name or as the initials of a name it found, is that company's.
    void link_acronyms() {
        std::map<std::string, std::uint32_t, std::less<>> company_of;
        auto initials = [&](const Candidate& c) {
            std::string out;
            for (std::size_t k = c.first_token; k < c.end_token; ++k)
                if (tokens_[k].word && std::isupper(static_cast<unsigned char>(tok(k)[0])) && !is_legal_suffix(tok(k))) out += tok(k)[0];
            return out;
        };
        auto is_acronym = [&](std::size_t i) {
            const std::string_view w = tok(i);
            return tokens_[i].word && w.size() >= 2 && w.size() <= 5 && all_caps(w) && !has_digit(w);
        };
        for (const auto& c : found_) {
            if (c.ambiguous && !c.has_context) continue;
            const std::size_t e = c.end_token;
            if (e + 2 < tokens_.size() && tok(e) == "(" && is_acronym(e + 1) && tok(e + 2) == ")")
                company_of.emplace(std::string(tok(e + 1)), c.company);
            const std::string letters = initials(c);
            if (letters.size() >= 2 && c.end_token - c.first_token >= 2) company_of.emplace(letters, c.company);
        }
        if (company_of.empty()) return;
        std::vector<Candidate> linked;
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            if (!is_acronym(i) || covered(i, i + 1)) continue;
            auto it = company_of.find(tok(i));
            if (it == company_of.end()) continue;
            Candidate c{it->second, i, i + 1, false};
            c.has_context = true;
            linked.push_back(c);
        }
        found_.insert(found_.end(), linked.begin(), linked.end());
    }

    // Ambiguous forms count only once the article confirms their company.
    void confirm() {
        for (auto& c : found_) {
            c.accepted = !c.ambiguous || c.has_context;
            if (c.accepted) confirmed_.insert(c.company);
        }
        // A place in a list next to an accepted company is context too
        // ("Dell, Azure, Google Cloud and Snowflake").
        auto joined = [&](const Candidate& a, const Candidate& b) {  // a before b
            if (b.first_token < a.end_token) return false;
            std::size_t gap = b.first_token - a.end_token;
            if (gap == 0)  // consecutive items of a bulleted list
                return text_.substr(tokens_[a.end_token - 1].end, tokens_[b.first_token].begin - tokens_[a.end_token - 1].end)
                           .find('\n') != std::string_view::npos;
            if (gap > 4) return false;  // ", and", "as well as"
            for (std::size_t k = a.end_token; k < b.first_token; ++k)
                if (!is_list_joiner(tok(k))) return false;
            return true;
        };
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t k = 0; k < found_.size(); ++k) {
                if (found_[k].accepted || found_[k].not_a_company) continue;
                bool next_to_accepted = (k > 0 && found_[k - 1].accepted && joined(found_[k - 1], found_[k])) ||
                                        (k + 1 < found_.size() && found_[k + 1].accepted && joined(found_[k], found_[k + 1]));
                if (next_to_accepted) {
                    found_[k].accepted = true;
                    confirmed_.insert(found_[k].company);
                    changed = true;
                }
            }
        }
    }

    std::vector<CompanyEntity> collect() const {
        std::map<std::string, CompanyEntity> by_name;
        for (const auto& c : found_) {
            if (!confirmed_.count(c.company)) continue;
            const std::string& name = name_of(c.company);
            auto& e = by_name[name];
            e.name = name;
            std::size_t b = tokens_[c.first_token].begin, end = tokens_[c.end_token - 1].end;
            e.mentions.push_back({std::string(text_.substr(b, end - b)), b});
        }
        std::vector<CompanyEntity> out;
        out.reserve(by_name.size());
        for (auto& [name, e] : by_name) out.push_back(std::move(e));
        return out;
    }

    std::string_view text_;
    const std::vector<text::Token>& tokens_;
    const Gazetteer& gazetteer_;
    std::vector<recogniser::TextSpan> names_;  // the learned recogniser's names
    ArticleFacts facts_;
    std::vector<Candidate> found_;
    std::vector<std::string> pattern_names_;
    std::vector<bool> pattern_confirmed_;  // per pattern name: some mention confirmed it
    std::map<std::string, std::uint32_t> pattern_ids_;
    std::set<std::uint32_t> confirmed_;
};

}  // namespace

std::vector<CompanyEntity> extract_companies(std::string_view text, const std::vector<text::Token>& tokens,
                                             const Gazetteer& gazetteer) {
    return CompanyScanner(text, tokens, gazetteer).run();
}

}  // namespace docket
