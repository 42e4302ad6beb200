#include "companies.h"

#include <algorithm>
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
};

bool is_cue_after(std::string_view w) {
    static const std::set<std::string_view> cues = {
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
    static const std::set<std::string_view> cues = {
        "sued", "against", "v", "vs", "versus", "rival", "rivals", "suing", "defendant",
        "plaintiff", "including", "like", "partner", "partners", "at", "from", "by", "with"};
    return cues.count(w) != 0;
}

bool is_list_joiner(std::string_view tok) {
    return tok == "," || tok == "and" || tok == "or" || tok == "&";
}

}  // namespace

std::vector<CompanyEntity> extract_companies(std::string_view text,
                                             const std::vector<text::Token>& tokens,
                                             const Gazetteer& gazetteer) {
    auto tok = [&](std::size_t i) {
        return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    };
    std::vector<Candidate> found;
    for (std::size_t i = 0; i < tokens.size();) {
        const auto* forms = tokens[i].word ? gazetteer.starting_with(tok(i)) : nullptr;
        const Gazetteer::Surface* hit = nullptr;
        if (forms) {
            for (std::uint32_t idx : *forms) {
                const auto& s = gazetteer.surfaces()[idx];
                if (i + s.tokens.size() > tokens.size()) continue;
                bool same = true;
                for (std::size_t k = 1; k < s.tokens.size() && same; ++k)
                    same = tok(i + k) == s.tokens[k];
                if (same) {
                    hit = &s;
                    break;
                }
            }
        }
        if (!hit) {
            ++i;
            continue;
        }
        Candidate c{hit->company, i, i + hit->tokens.size(), hit->ambiguous};
        // Extend over a legal suffix: "Meta Platforms, Inc.", "Apple Inc".
        std::size_t j = c.end_token;
        if (j < tokens.size() && tok(j) == ",") ++j;
        else if (j + 1 < tokens.size() && tok(j) == "&" && tok(j + 1) == "Co") ++j;  // "Dow Jones & Co."
        if (j < tokens.size() && tokens[j].word && is_legal_suffix(tok(j))) {
            ++j;
            if (j < tokens.size() && tok(j) == "." && !tokens[j].space_before) ++j;
            c.end_token = j;
            c.has_context = true;
        }
        std::size_t after = c.end_token;
        if (after + 1 < tokens.size() && (tok(after) == "'" || tok(after) == "\xE2\x80\x99") &&
            tok(after + 1) == "s")
            c.has_context = true;  // possessive
        if (after < tokens.size() && tokens[after].word && is_cue_after(tok(after))) c.has_context = true;
        std::size_t before = c.first_token;
        if (before > 0 && tok(before - 1) == ".") --before;  // "v." / "vs."
        if (before > 0 && tokens[before - 1].word && is_cue_before(tok(before - 1))) c.has_context = true;
        found.push_back(c);
        i = c.end_token;
    }

    // Confirm companies: a distinctive mention, or an ambiguous one in context.
    std::set<std::uint32_t> confirmed;
    for (auto& c : found) {
        c.accepted = !c.ambiguous || c.has_context;
        if (c.accepted) confirmed.insert(c.company);
    }
    // A place in a list next to an accepted company is context too
    // ("Dell, Azure, Google Cloud and Snowflake").
    auto joined = [&](const Candidate& a, const Candidate& b) {  // a before b
        std::size_t gap = b.first_token - a.end_token;
        if (gap == 0)  // consecutive items of a bulleted list
            return text.substr(tokens[a.end_token - 1].end, tokens[b.first_token].begin - tokens[a.end_token - 1].end)
                       .find('\n') != std::string_view::npos;
        if (gap > 2) return false;
        for (std::size_t k = a.end_token; k < b.first_token; ++k)
            if (!is_list_joiner(tok(k))) return false;
        return true;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t k = 0; k < found.size(); ++k) {
            if (found[k].accepted) continue;
            bool next_to_accepted = (k > 0 && found[k - 1].accepted && joined(found[k - 1], found[k])) ||
                                    (k + 1 < found.size() && found[k + 1].accepted && joined(found[k], found[k + 1]));
            if (next_to_accepted) {
                found[k].accepted = true;
                confirmed.insert(found[k].company);
                changed = true;
            }
        }
    }

    std::map<std::string, CompanyEntity> by_name;
    for (const auto& c : found) {
        if (!confirmed.count(c.company)) continue;
        const std::string& name = gazetteer.names()[c.company];
        auto& e = by_name[name];
        e.name = name;
        std::size_t b = tokens[c.first_token].begin, end = tokens[c.end_token - 1].end;
        e.mentions.push_back({std::string(text.substr(b, end - b)), b});
    }
    std::vector<CompanyEntity> out;
    out.reserve(by_name.size());
    for (auto& [name, e] : by_name) out.push_back(std::move(e));
    return out;
}

}  // namespace docket
