#include "entities/cases.h"
#include "entities/case_evidence.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "entities/gazetteer.h"
#include "text/word_set.h"

namespace docket {
namespace {

bool is_connector(std::string_view w) {
    static const text::WordSet words = {"of", "the", "for", "de", "del", "la", "las", "los", "da",
                                                     "do", "dos", "du", "di", "von", "van", "der", "den", "le", "y",
                                                     "OF", "THE", "FOR", "DE"};
    return words.count(w) != 0;
}

// Words that open a sentence or clause but never start a party's name.
bool is_leading_function_word(std::string_view w) {
    static const text::WordSet words = {
        "In", "On", "At", "A", "An", "During", "After", "Before", "Under", "While", "Since",
        "From", "With", "By", "For", "As", "Both", "Its", "Their", "His", "Her", "If", "When",
        "Unlike", "Like", "Until", "Through", "Following", "Despite", "Amid", "Also", "But",
        "And", "Then", "Meanwhile", "Separately", "Similarly", "Earlier", "Later", "Lawyers", "Judge"};
    return words.count(w) != 0;
}

// Abbreviations whose '.' does not end a name: legal forms, initials ("S.", "S.C"),
// and the usual abbreviations of court captions ("Ins.", "Univ.", "Hon.").
bool is_abbreviation(std::string_view w) {
    if (w.empty()) return false;
    if (w.size() == 1) return std::isupper(static_cast<unsigned char>(w[0])) != 0;
    if (w.find('.') != std::string_view::npos) {  // dotted initials: "U.S", "N.Y", "M.D"
        std::size_t run = 0;
        for (char c : w) {
            if (c == '.') run = 0;
            else if (++run > 2) return false;
        }
        return true;
    }
    static const text::WordSet words = {
        "al", "Jr", "Sr", "St", "Dept", "NO", "Co", "Bros", "Ct", "Cnty", "Cty", "Dist", "Nat", "Natl", "Mr", "Mrs", "Ms", "Dr",
        "No", "Mt", "Ft", "Sec", "Secy", "Gov", "Govt", "Comm", "Commn", "Ins", "Mfg", "Int", "Intl", "Fin", "Univ",
        "Auth", "Constr", "Admin", "Bus", "Am", "Ams", "Hon", "Esq", "Assn", "Assoc", "Sch", "Twp", "Hosp", "Med",
        "Mut", "Sys", "Servs", "Serv", "Mgmt", "Prods", "Indus", "Tech", "Elec", "Educ", "Envtl", "Fed", "Gen", "Grp",
        "Hous", "Inv", "Invs", "Mktg", "Pharm", "Res", "Sav", "Tel", "Transp", "Util", "Cmty", "Corr", "Dev",
        "Distrib", "Enter", "Equip", "Exch", "Found", "Comp", "Cas", "Sur", "Prop", "Props", "Cal", "Ariz", "Colo",
        "Fla", "Ill", "Mass", "Mich", "Minn", "Tex", "Wash", "Wis", "Pa", "Va", "Conn", "Ga", "Ky", "La", "Md",
        "Mo", "Nev", "Okla", "Or", "Tenn", "Vt", "Ala", "Ark", "Del", "Ind", "Kan", "Miss", "Neb", "Maint",
        "Scis", "Lic", "Bev", "Bd", "Indust", "Mfr", "Imp", "Exp", "Super", "Calif", "Etc", "Ret", "Cos", "Emps",
        "Ent", "Envt", "Fam", "Hum", "Info", "Inst", "Lab", "Mach", "Mem", "Mkt", "Mun", "Nw", "Ne", "Sw", "Se",
        "Pers", "Pres", "Prof", "Prot", "Pub", "Ry", "Reg", "Rehab", "Rel", "Rep", "Sci", "Soc", "Sols", "Tr", "Trs",
        "Vill", "Ctr", "Hwy", "Ave", "Blvd", "Rd", "Cir", "Ptnrs", "Partn", "Sch", "Dist", "Auto", "Corp", "Mgt",
        "Grp", "Assocs", "Indep", "Cnty", "Commw", "Engg", "Eng", "Fin", "Hldgs", "Ltd", "Mgmt", "Petro", "Supp"};
    return is_legal_suffix(w) || words.count(w) != 0;
}

// Official titles that open a party and take a comma: "Secretary, Florida Department of Corrections".
bool is_title_word(std::string_view w) {
    static const text::WordSet words = {"Secretary", "Warden", "Director", "Commissioner",
                                                     "Superintendent", "Sheriff", "Administrator", "Trustee"};
    return words.count(w) != 0;
}

// Places that take a comma and a state: "Wayne County, MI", "City of Forrest City, Arkansas".
bool is_place_word(std::string_view w) {
    return w == "County" || w == "City" || w == "Town" || w == "Township" || w == "Village" || w == "Borough" ||
           w == "Parish";
}

bool is_state(std::string_view w) {
    static const text::WordSet states = {
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
        "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
        "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
        "Nevada", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
        "Washington", "Wisconsin", "Wyoming", "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI",
        "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
        "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
        "WV", "WI", "WY", "Tenn", "Ariz", "Cal", "Fla", "Tex", "Ga", "Ala", "Ark", "Mich", "Minn", "Wis"};
    return states.count(w) != 0;
}

bool is_generational(std::string_view w) {
    return w == "Jr" || w == "Sr" || w == "II" || w == "III" || w == "IV" || w == "JR" || w == "SR";
}

// What follows a name after a comma and stays part of it: a legal form ("Co., Ltd."),
// a generation ("Smith, Jr."), a profession ("Jones, M.D.", "Price, P.A."), a bank's
// charter ("Savings Fund Society, FSB", "Wells Fargo Bank, N.A."), "et al." or "Etc.".
bool is_comma_form(std::string_view w) {
    static const text::WordSet forms = {"et", "Etc", "Esq", "M.D", "MD", "Md", "P.A", "PA", "PC",
                                                     "S.C", "A.C", "A.S", "NFP", "D.D.S", "FSB", "Fsb", "N.A",
                                                     "Na", "NA"};
    return is_legal_suffix(w) || is_generational(w) || forms.count(w) != 0;
}

// A party names someone when one of its words is a name: it starts with a
// letter ("A. N.") or holds letters and no decimal point ("3M", "1946Tremont1B").
// Not figures from a results table ("Shr 33.54p v. 34.2p", "14p v. 12.75p").
bool names_someone(std::string_view party) {
    // A month's abbreviation alone is a column of figures ("Jan v. Dec"), not a party.
    for (std::string_view month : {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
        if (text::iequals(party, month)) return false;
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
    std::size_t start = 0;
    while (start < party.size()) {
        std::size_t end = party.find(' ', start);
        if (end == std::string_view::npos) end = party.size();
        std::string_view word = party.substr(start, end - start);
        if (!word.empty() && letter(word[0])) return true;
        bool decimal = false;
        for (std::size_t i = 1; i + 1 < word.size(); ++i)
            decimal |= word[i] == '.' && std::isdigit(static_cast<unsigned char>(word[i - 1])) &&
                       std::isdigit(static_cast<unsigned char>(word[i + 1]));
        // "38p": pence in a results table, not a name like "3M".
        bool pence = word.size() > 1 && word.back() == 'p' &&
                     std::all_of(word.begin(), word.end() - 1, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
        if (!decimal && !pence && std::any_of(word.begin(), word.end(), letter)) return true;
        start = end + 1;
    }
    return false;
}

// In all-capitals text every word looks like a name, and results headlines
// share the "X VS Y" shape ("SUNSHINE MINING CO 4TH QTR SHR LOSS 64 CTS VS LOSS
// 57 CTS"). A long party with figures in it is such a row; court captions in
// capitals ("COURTNEY STATION 300, LLC v. ...") keep their figures in a few words.
constexpr std::size_t kMaxCapsRowWords = 4;
bool results_row(std::string_view party) {
    std::size_t words = 1 + static_cast<std::size_t>(std::count(party.begin(), party.end(), ' '));
    bool figure = std::any_of(party.begin(), party.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    return figure && words > kMaxCapsRowWords;
}

// "versus" spelled out is a comparison or a contest ("Betamax versus VHS", "David versus
// Goliath"): case names abbreviate it (none of the 10,521 juriscraper names spells it out).
bool is_versus(std::string_view w) { return w == "v" || w == "vs" || w == "V" || w == "VS"; }

// Party roles in captions: "State of Missouri, Plaintiff-Respondent v. ...".
bool is_role(std::string_view w) {
    for (std::string_view role : {"Plaintiff", "Defendant", "Appellant", "Appellee", "Respondent", "Petitioner",
                                  "Relator", "Movant", "Intervenor", "Claimant"})
        if (w.find(role) != std::string_view::npos) return true;
    return false;
}

// "a/k/a", "d/b/a", "f/k/a": the next words are another name of the same party.
bool is_alias_marker(std::string_view w) {
    std::string lower = text::to_lower_ascii(w);
    return lower == "a/k/a" || lower == "d/b/a" || lower == "f/k/a" || lower == "n/k/a";
}

// Offices and capacities a caption names a party in: "Denise Pappalardo, Chapter 13
// Trustee", "Jonathan Frame, Superintendent", "as Personal Representative of the Estate".
bool is_capacity_word(std::string_view w) {
    static const text::WordSet words = {
        "Trustee", "Trustees", "Co-Trustee", "Co-Trustees", "Representative", "Administrator", "Administratrix",
        "Co-Administrators", "Executor", "Executrix", "Guardian", "Conservator", "Friend", "Parent", "Parents",
        "Spouse", "Heir", "Heirs", "Secretary", "Commissioner", "Director", "Superintendent", "Warden", "Sheriff",
        "Assessor", "Clerk", "Judge", "Governor", "Mayor", "Treasurer", "Auditor", "Custodian", "Subrogee",
        "Receiver", "Chief", "Chairman", "Chair", "President", "Agent", "Officer", "General", "Juvenile", "Juveniles"};
    return words.count(w) != 0;
}

bool is_apostrophe(std::string_view t) { return t == "'" || t == "\xE2\x80\x99"; }

// A court reporter's shortening of a word ("Elecs.", "Bldg.", "Comrs.", "Def."): a capitalised
// truncation, short, ending in a consonant. Taken for one only when the name goes on after
// its '.', which a sentence end would not ("Samsung Elecs. Co.", "Bd. of Education").
bool looks_shortened(std::string_view w) {
    if (w.size() < 2 || w.size() > 5 || !std::isupper(static_cast<unsigned char>(w[0]))) return false;
    if (!std::all_of(w.begin() + 1, w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); })) return false;
    return std::string_view("aeiouy").find(w.back()) == std::string_view::npos;
}

// Words that begin sentences far more often than they continue a name after a '.'.
bool opens_sentence(std::string_view w) { return w == "The" || w == "This" || w == "That" || w == "It" || is_leading_function_word(w); }

bool is_all_caps(std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); }) &&
           std::none_of(w.begin(), w.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

constexpr std::size_t kMaxPartyTokens = 14;

class CaseScanner {
public:
    CaseScanner(std::string_view text, const std::vector<text::Token>& tokens, const PartyResolver& resolve)
        : text_(text), tokens_(tokens), resolve_(resolve) {}

    std::size_t size() const { return tokens_.size(); }
    std::string_view tok(std::size_t i) const {
        return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
    }
    bool glued(std::size_t i) const { return i < tokens_.size() && !tokens_[i].space_before; }
    // A word that can start a name: capitalised, non-ASCII, or a number with letters ("3M").
    bool is_name_word(std::size_t i) const {
        if (i >= tokens_.size() || !tokens_[i].word) return false;
        auto w = tok(i);
        unsigned char c = static_cast<unsigned char>(w[0]);
        if (std::isdigit(c))  // "3M" names a company, "2023" does not
            return std::any_of(w.begin(), w.end(), [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); });
        return std::isupper(c) || c >= 0x80;
    }
    // Inside a name, plain numbers are fine too ("Local 556", "Condado 5").
    bool is_inner_word(std::size_t i) const {
        return is_name_word(i) || (i < tokens_.size() && tokens_[i].word && std::isdigit(static_cast<unsigned char>(tok(i)[0])));
    }
    bool is_word(std::size_t i, std::string_view w) const { return i < tokens_.size() && tok(i) == w; }
    // The name goes on at token i after an abbreviation's '.': a word that does not open
    // a sentence, or a lower-case connector ("Coal. for Fair Trade", "Bd. of Education").
    bool continues_after_dot(std::size_t i) const {
        if (i >= tokens_.size() || !tokens_[i].space_before) return false;
        if (tok(i) == "&" || (tokens_[i].word && is_connector(tok(i)))) return is_name_word(i + 1) || is_word(i + 1, "the");
        return is_name_word(i) && !opens_sentence(tok(i));
    }
    // "a/k/a" written as five tokens from i: the index just past it, or 0.
    std::size_t alias_marker_end(std::size_t i) const {
        if (i + 5 > tokens_.size() || !tokens_[i].word) return 0;
        for (std::size_t k = i + 1; k < i + 5; ++k)
            if (!glued(k)) return 0;
        std::string joined = std::string(text_.substr(tokens_[i].begin, tokens_[i + 4].end - tokens_[i].begin));
        return is_alias_marker(joined) ? i + 5 : 0;
    }
    // A comma form ("National Association" too) starts at token i.
    bool comma_form_at(std::size_t i) const {
        if (i >= tokens_.size() || !tokens_[i].word) return false;
        return is_comma_form(tok(i)) || (tok(i) == "National" && (is_word(i + 1, "Association") || is_word(i + 1, "Assn")));
    }
    // A place named with its state after a comma: "City of Carmel, Indiana", "Wayne County, MI".
    bool place_before(std::size_t first, std::size_t end) const {
        for (std::size_t k = end; k > first && k + kMaxPartyTokens > end; --k)
            if (is_place_word(tok(k - 1))) return true;
        return false;
    }
    // A '.' glued to a short capitalised word just before the "v.": no sentence ends there,
    // so it shortens the word ("Perkins Cty. Bd. of Equal. v.", "Wilmington Sav. Fund Socy. v.").
    bool shortened_before_versus(std::size_t i) const {
        if (i == 0 || tok(i) != "." || !glued(i) || !tokens_[i - 1].word) return false;
        const std::string_view w = tok(i - 1);
        return w.size() <= 6 && std::isupper(static_cast<unsigned char>(w[0]));
    }
    // Token i is the '.' of an abbreviation that stays in the name.
    bool abbreviation_dot(std::size_t i) const {
        if (i == 0 || i >= tokens_.size() || tok(i) != "." || !glued(i) || !tokens_[i - 1].word) return false;
        if (is_abbreviation(tok(i - 1))) return true;
        // Before a legal form any short capitalised word is shortened: "Nationstar Mtge., LLC".
        const bool form_follows = is_word(i + 1, ",") ? comma_form_at(i + 2) : (glued(i + 1) ? false : comma_form_at(i + 1));
        const std::string_view w = tok(i - 1);
        if (form_follows && w.size() <= 6 && std::isupper(static_cast<unsigned char>(w[0]))) return true;
        return looks_shortened(w) && continues_after_dot(i + 1);
    }
    // "of the University", "for the District": a connector, "the", then a name word.
    bool connector_the(std::size_t i) const {
        return i + 2 < tokens_.size() && tokens_[i].word && is_connector(tok(i)) && tok(i) != "the" &&
               is_word(i + 1, "the") && is_name_word(i + 2);
    }
    // A legal form ends a name, unless the name goes on: "Ins. Co. of America", "Co., Ltd.".
    bool name_goes_on_after_form(std::size_t i) const {
        if (is_word(i, "of") && (is_name_word(i + 1) || connector_the(i))) return true;
        if (is_word(i, ",") && caption_continues(i)) return true;  // "Gelita USA, Inc., Tom Haire, and ..."
        return comma_form_at(is_word(i, ",") ? i + 1 : i);
    }
    bool is_lower_word(std::size_t i, std::string_view w) const {
        return i < tokens_.size() && tokens_[i].word && text::iequals(tok(i), w);
    }
    // The words that open a capacity after a caption's comma, from token i: "individually and",
    // "in his official capacity", "by and through", then "as": the index past them, or i.
    std::size_t skip_capacity_lead(std::size_t i) const {
        const std::size_t start = i;
        if (is_lower_word(i, "individually")) {
            ++i;
            if (is_lower_word(i, "and")) ++i;
        }
        if (is_lower_word(i, "in") && (is_lower_word(i + 1, "his") || is_lower_word(i + 1, "her") ||
                                       is_lower_word(i + 1, "its") || is_lower_word(i + 1, "their"))) {
            std::size_t k = i + 2;
            if (is_lower_word(k, "official")) ++k;
            if (is_lower_word(k, "capacity") || is_lower_word(k, "capacities")) i = k + 1;
        }
        if (is_lower_word(i, "by") && is_lower_word(i + 1, "and") && is_lower_word(i + 2, "through")) i += 3;
        else if (is_lower_word(i, "through")) ++i;
        if (is_lower_word(i, "as")) ++i;
        if (i > start && is_word(i, "the")) ++i;
        return i;
    }
    // A caption goes on after the comma at token i with more of the same party or the next
    // one: "Denise Pappalardo, Chapter 13 Trustee", "Jones, Secretary of Corrections",
    // "Maria Lopez, as Personal Representative of the Estate of ...", "Drive Rite, LLC, and
    // Xcel Holdings, LLC". Returns the end of what joins the name, or 0. News writes none of
    // these after a case name ("In Kadrey v. Meta, Judge Chhabria ruled" stops at the comma).
    std::size_t caption_continues(std::size_t i) const {
        // Not inside another caption's part: each comma is tried once, so a long list stays linear.
        if (in_caption_) return 0;
        in_caption_ = true;
        const std::size_t found = caption_part_end(i);
        in_caption_ = false;
        return found;
    }
    std::size_t caption_part_end(std::size_t i) const {
        const std::size_t n = tokens_.size();
        std::size_t j = i + 1;
        const bool listed = is_lower_word(j, "and");
        if (listed) ++j;
        const std::size_t lead_end = skip_capacity_lead(j);
        const bool capacity = lead_end > j;
        j = lead_end;
        if (!is_name_word(j)) return 0;
        const std::size_t seg_end = scan_forward(j);
        if (seg_end <= j || (seg_end < n && is_versus(tok(seg_end)))) return 0;  // "X v. Y, and Z v. W": two cases
        std::size_t last = seg_end - 1;
        if (tok(last) == "." && last > j) --last;
        const bool ends_in_form = is_comma_form(tok(last));
        const bool ends_in_office = is_capacity_word(tok(last));
        const bool opens_with_office = is_capacity_word(tok(j)) && (is_word(j + 1, ",") || is_word(j + 1, "of"));
        if (ends_in_form || (!listed && (ends_in_office || opens_with_office)) ||
            (capacity && std::any_of(tokens_.begin() + j, tokens_.begin() + seg_end, [&](const text::Token& t) {
                 return t.word && is_capacity_word(text_.substr(t.begin, t.end - t.begin));
             })) ||
            (capacity && is_lower_word(lead_end - 1, "through")) || (capacity && is_lower_word(lead_end - 2, "through")))
            return seg_end;
        return listed || capacity ? 0 : list_end(seg_end);
    }
    // "Gelita USA, Inc., Tom Haire, and Jeff Tolsma": names listed up to a final ", and" are the
    // caption's parties. Returns the end of the last one, or 0 when no ", and" closes the list.
    std::size_t list_end(std::size_t k) const {
        constexpr int kMaxListed = 8;
        for (int listed = 0; listed < kMaxListed; ++listed) {
            if (!is_word(k, ",")) return 0;
            const bool last = is_lower_word(k + 1, "and");
            const std::size_t start = k + 1 + last;
            if (!is_name_word(start)) return 0;
            k = scan_forward(start);
            if (k <= start || (k < tokens_.size() && is_versus(tok(k)))) return 0;
            if (last) return k;
        }
        return 0;
    }

    // The same list seen from its ", and" at token k, before a "v.": the first token of its
    // first name, or kNone when no comma comes before the "and".
    std::size_t list_start(std::size_t k) const {
        if (in_caption_ || k < 2 || tok(k - 1) != ",") return kNone;
        in_caption_ = true;
        std::size_t start = kNone;
        for (std::size_t comma = k - 1, listed = 0; listed < 8; ++listed) {
            const std::size_t name = scan_backward(comma);
            if (name >= comma) break;
            start = name;
            if (name == 0 || tok(name - 1) != ",") break;
            comma = name - 1;
        }
        in_caption_ = false;
        return start != kNone && start + 2 < k ? start : kNone;
    }

    // A company named for its street address: "1310 Pch, LLC", "88 Beacon Street Trust", a
    // number then a name, ending in a legal form or "Trust". Not a year ("In 2023 Acme LLC v.").
    bool address_named(std::size_t first, std::size_t end) const {
        if (first + 1 >= end || !tokens_[first].word || !is_name_word(first + 1)) return false;
        const std::string_view number = tok(first);
        if (!std::all_of(number.begin(), number.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; }))
            return false;
        if (number.size() == 4 && (number.substr(0, 2) == "18" || number.substr(0, 2) == "19" || number.substr(0, 2) == "20"))
            return false;
        std::size_t last = end - 1;
        if (tok(last) == "." && last > first) --last;
        return is_comma_form(tok(last)) || tok(last) == "Trust";
    }

    // A line break between token i-1 and token i: names never span lines (a headline, a list item).
    bool line_break_before(std::size_t i) const { return text::line_break_before(text_, tokens_, i); }
    bool is_known_company(std::size_t first, std::size_t end) const {
        return end > first && resolve_ && resolve_(span(first, end)).has_value();
    }

    // End (exclusive) of a party name starting at token `first`.
    std::size_t scan_forward(std::size_t first) const {
        std::size_t i = first, end = first, words = 0;
        const std::size_t n = tokens_.size();
        while (i < n && words < kMaxPartyTokens && !(i > first && line_break_before(i))) {
            if (i == first ? is_name_word(i) : is_inner_word(i)) {
                ++words;
                end = ++i;
                // An abbreviation's own '.', e.g. "Inc.", "U.S.", "Elecs.". A legal form ends the name.
                if (abbreviation_dot(i)) {
                    end = ++i;
                    if (is_legal_suffix(tok(i - 2)) && !name_goes_on_after_form(i)) break;
                }
            } else if (is_apostrophe(tok(i)) && glued(i) && i + 1 < n && tokens_[i + 1].word && glued(i + 1)) {
                end = i += 2;  // "Porter's", "O'Connell"
            } else if (tok(i) == "/" && glued(i) && i + 1 < n && tokens_[i + 1].word && glued(i + 1)) {
                end = i += 2;  // "Superior Court CA4/2"
            } else if (tok(i) == "-" && glued(i) && i + 1 < n && tokens_[i + 1].word && glued(i + 1)) {
                end = i += 2;  // initials and numbers of children's cases: "Juan A. G.-P.", "In re E.M.-1"
                if (abbreviation_dot(i)) end = ++i;
            } else if (is_apostrophe(tok(i)) && glued(i) && tok(i - 1).back() == 's' && is_name_word(i + 1) &&
                       tokens_[i + 1].space_before) {
                ++i;  // a plural possessive: "Illinois Workers' Compensation Commission"
            } else if (connector_the(i)) {
                i += 2;  // "Board of Regents of the University"
            } else if (std::size_t close = closing(i); close) {
                end = i = close + 1;  // "(Beijing)", "(Two Cases)", Mary "Katie" Reynolds
            } else if ((tokens_[i].word && is_connector(tok(i))) || tok(i) == "&") {
                if (is_name_word(i + 1)) ++i; else break;
            } else if (tokens_[i].word && tok(i) == "and") {
                // "Securities and Exchange Commission" is one party; "Microsoft and OpenAI" two.
                if (!is_name_word(i + 1) || is_known_company(first, end)) break;
                ++i;
            } else if (tok(i) == "," && comma_form_at(i + 1)) {
                ++i;
            } else if (std::size_t past = alias_marker_end(i + (tok(i) == ",")); past && is_name_word(past)) {
                i = past;  // "Olthof Homes, LLC d/b/a Olthof Homes"
            } else if (tok(i) == "," && i + 1 < n && tokens_[i + 1].word && is_role(tok(i + 1))) {
                end = i += 2;  // ", Respondent-Respondent"
            } else if (tok(i) == "," && end > first && is_name_word(i + 1) &&
                       ((words == 1 && is_title_word(tok(first))) ||
                        (place_before(first, end) && is_state(tok(i + 1))) ||
                        (tok(i + 1) == "Local" && i + 2 < n && tokens_[i + 2].word))) {
                ++i;  // "Secretary, Florida ...", "Wayne County, MI", "UAW, Local 663"
            } else if (std::size_t more = tok(i) == "," && end > first ? caption_continues(i) : 0; more) {
                end = i = more;
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
            if (abbreviation_dot(k) || (k + 1 == end && shortened_before_versus(k))) {
                i = k;  // "Inc." / "et al." / "Elecs." / "Bd. of Equal. v.": keep going
            } else if (tok(k) == "." && k > 2 && glued(k) && tok(k - 1) == "rel" && tok(k - 2) == "ex" &&
                       is_name_word(k - 3)) {
                i = k - 2;  // "State ex rel. Smith": the state sues for a person
            } else if (is_apostrophe(tok(k)) && glued(k) && k > 0 && tokens_[k - 1].word && tok(k - 1).back() == 's' &&
                       k + 1 < end && tokens_[k + 1].space_before) {
                i = k;  // "Illinois Workers' Compensation"
            } else if (tok(k) == "-" && glued(k) && k > 0 && tokens_[k - 1].word && glued(k + 1)) {
                i = k;  // "Peer Bearing Co.-Changshan"
            } else if (tok(k) == "the" && k > 1 && is_connector(tok(k - 1)) && tok(k - 1) != "the" &&
                       is_name_word(k - 2) && k + 1 < end) {
                i = k - 1;  // "Housing Authority of the City of Augusta"
            } else if (is_inner_word(k)) {
                ++words;
                first = i = k;
            } else if (tokens_[k].word && tok(k) == "al" && k > 0 && tok(k - 1) == "et") {
                i = k - 1;
            } else if (is_apostrophe(tok(k)) && glued(k) && k > 0 && tokens_[k - 1].word && glued(k + 1)) {
                i = k;
            } else if (tokens_[k].word && glued(k) && k > 1 && is_apostrophe(tok(k - 1)) && glued(k - 1) &&
                       tokens_[k - 2].word) {
                i = k - 1;  // the "l" of "Nat'l", the "s" of "Porter's"
            } else if (std::size_t open = opening(k); open != kNone) {
                i = open;
            } else if (tok(k) == "/" && glued(k) && k > 0 && tokens_[k - 1].word && glued(k + 1)) {
                i = k;
            } else if (tok(k) == "," && k + 1 < end && tokens_[k + 1].word && is_role(tok(k + 1))) {
                i = k;  // "State of Missouri, Plaintiff-Respondent v."
            } else if ((tokens_[k].word && is_connector(tok(k))) || tok(k) == "&") {
                // "Jindal Poly Films Ltd. of India", "Seafood Exps. & Producers"
                if (k > 0 && (is_name_word(k - 1) || abbreviation_dot(k - 1))) i = k; else break;
            } else if (std::size_t listed = tokens_[k].word && tok(k) == "and" ? list_start(k) : kNone; listed != kNone) {
                first = i = listed;  // "Gerald Puetz, David Puetz, and Jeannette Puetz v."
            } else if (tokens_[k].word && tok(k) == "and") {
                if (k == 0 || !is_inner_word(k - 1) || is_known_company(first, end)) break;
                i = k;
            } else if (tok(k) == "," && k + 1 < end && (comma_form_at(k + 1) || (tok(k + 1) == "Local" && k + 2 < end))) {
                i = k;  // "Dermatology Group, PC v.", "Fire Fighters, Local 50 v."
            } else if (tok(k) == "," && k + 2 < end && first == k + 1 && k > 0 && is_inner_word(k - 1) &&
                       is_capacity_word(tok(first)) && (is_word(first + 1, ",") || is_word(first + 1, "of"))) {
                i = k;  // "Dale Dixon, Administrator of the Estate of ... v."
            } else if (is_lower_word(k, "as") && first == k + 1 && k > 1 && tok(k - 1) == "," && is_inner_word(k - 2) &&
                       std::any_of(tokens_.begin() + first, tokens_.begin() + end, [&](const text::Token& t) {
                           return t.word && is_capacity_word(text_.substr(t.begin, t.end - t.begin));
                       })) {
                i = k - 1;  // "Jamie Henderson, as Surviving Spouse of David Turner v."
            } else if (tok(k) == "," && k + 2 == end && is_state(tok(k + 1)) && place_before(0, k)) {
                i = k;  // "City of Fishers, Indiana v."
            } else if (k >= 5 && alias_marker_end(k - 4) == k + 1 && is_inner_word(k - 5)) {
                i = k - 4;  // "Aegean LLC d/b/a Public Agency Training Council v."
            } else {
                break;
            }
        }
        // Drop clause openers ("In Kadrey v. Meta") and stray numbers from the front.
        while (first < end && (is_leading_function_word(tok(first)) || (!is_name_word(first) && !address_named(first, end))))
            ++first;
        return first;
    }

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // A short parenthetical or quoted part of a name opening at i: the index of its closing token, or 0.
    std::size_t closing(std::size_t i) const {
        std::string_view open = tok(i);
        if (open != "(" && open != "\"") return 0;
        std::string_view want = open == "(" ? ")" : "\"";
        for (std::size_t k = i + 1; k < tokens_.size() && k <= i + 4; ++k) {
            if (tok(k) == want) return k > i + 1 ? k : 0;
            if (!is_inner_word(k) && !tokens_[k].word) return 0;
        }
        return 0;
    }
    // The same, seen from its closing token k: the index of the opening token, or kNone.
    std::size_t opening(std::size_t k) const {
        std::string_view close = tok(k);
        if (close != ")" && close != "\"") return kNone;
        for (std::size_t j = k; j-- > 0 && j + 5 > k;)
            if (closing(j) == k) return j;
        return kNone;
    }

    std::string span(std::size_t first, std::size_t end) const {
        return std::string(text_.substr(tokens_[first].begin, tokens_[end - 1].end - tokens_[first].begin));
    }

private:
    std::string_view text_;
    const std::vector<text::Token>& tokens_;
    const PartyResolver& resolve_;
    mutable bool in_caption_ = false;  // caption_continues is reading a part of a caption
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
    std::string lower = text::to_lower_ascii(s);
    bool has_versus = lower.find(" v. ") != std::string::npos || lower.find(" v ") != std::string::npos ||
                      lower.find(" vs. ") != std::string::npos || lower.find(" vs ") != std::string::npos;
    for (std::string_view lead : {"in re: ", "in re ", "re: "})
        if (has_versus && lower.rfind(lead, 0) == 0) {
            s = s.substr(lead.size());
            break;
        }
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
    CaseScanner scan(text, tokens, resolve);
    std::optional<CaseEvidence> evidence;  // read only for articles with an "X v Y" (few)
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
        if ((w == "In" || w == "IN") && i + 2 < n &&
            (scan.tok(i + 1) == "re" || scan.tok(i + 1) == "Re" || scan.tok(i + 1) == "RE")) {
            std::size_t name = i + 2;
            if (scan.tok(name) == ":") ++name;  // "In re: X"
            if (scan.is_word(name, "the") && scan.is_name_word(name + 1)) ++name;  // "In re the Estate of X"
            if (!scan.is_name_word(name)) continue;
            std::size_t end = scan.scan_forward(name);
            bool versus_follows = end < n && is_versus(scan.tok(end)) && tokens[end].space_before;
            if (end > name && !versus_follows) {  // "In re: X v. Y" is the case X v. Y
                std::string party = normalize_party(scan.span(name, end), resolve);
                if (!party.empty()) record("In re " + party, i, end);
                i = end - 1;
            }
            continue;
        }
        if (!is_versus(w) || i == 0 || !tokens[i].space_before) continue;
        if ((w == "V" || w == "VS") && !is_all_caps(scan.tok(i - 1))) continue;  // "SMITH V. JONES" only
        std::size_t right = i + 1;
        if (right < n && scan.tok(right) == "." && !tokens[right].space_before) ++right;
        // "v. the State of Arizona"
        if (right + 1 < n && scan.tok(right) == "the" && scan.is_name_word(right + 1)) ++right;
        if (right >= n || !tokens[right].space_before) continue;
        std::size_t end = 0;
        if (scan.is_name_word(right)) end = scan.scan_forward(right);
        else if (std::size_t named = right + 1 < n ? scan.scan_forward(right + 1) : 0; scan.address_named(right, named))
            end = named;  // "v. 345 W. 70th Tenants Corp."
        else continue;
        std::size_t left = scan.scan_backward(i);
        if (left >= i || end <= right) continue;
        std::string left_party = normalize_party(scan.span(left, i), resolve);
        std::string right_party = normalize_party(scan.span(right, end), resolve);
        if (!names_someone(left_party) || !names_someone(right_party)) continue;
        bool headline = is_all_caps(left_party) && is_all_caps(right_party);
        if (headline && (results_row(left_party) || results_row(right_party))) continue;
        if (!evidence) evidence.emplace(text, tokens);
        if (!evidence->is_lawsuit(left, i, end)) continue;  // a fixture, comparison or metaphor
        record(left_party + " v. " + right_party, left, end);
        i = end - 1;
    }
    std::vector<CaseEntity> out;
    for (auto& [name, e] : by_name) out.push_back(std::move(e));
    return out;
}

}  // namespace docket
