#include "hints.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "entities/cases.h"
#include "index/alias_table.h"
#include "index/facets.h"
#include "index/schema.h"
#include "query.h"
#include "text/text.h"

namespace docket {
namespace {

constexpr std::size_t kLongestName = 4;  // words

// The value of a field word ("company:Meta", "company:\"Meta Platforms\"").
std::string field_value(const std::string& word) {
    std::string v = word.substr(word.find(':') + 1);
    v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
    return v;
}

// The query's words with surrounding quotes, brackets and punctuation taken off; a field
// ("company:Meta", whose value goes to `companies_typed`), an operator or a +/- word ends
// a run of plain words (an empty entry).
std::vector<std::string> plain_words(const std::string& query, std::vector<std::string>& companies_typed) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
        std::size_t end = i;
        while (end < query.size() && !std::isspace(static_cast<unsigned char>(query[end]))) ++end;
        std::string word = query.substr(i, end - i);
        i = end;
        if (word.empty()) continue;
        const bool field = word.find(':') != std::string::npos;
        const bool op = word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" || word == "XOR" ||
                        word[0] == '-' || word[0] == '+';
        auto strip = [](unsigned char c) { return c == '"' || c == '(' || c == ')' || c == ',' || c == '?' || c == '!'; };
        while (!word.empty() && strip(static_cast<unsigned char>(word.front()))) word.erase(0, 1);
        while (!word.empty() && strip(static_cast<unsigned char>(word.back()))) word.pop_back();
        if (field && word.rfind("company:", 0) == 0) companies_typed.push_back(field_value(word));
        words.push_back(field || op ? "" : word);
    }
    return words;
}

std::string quoted_option(const std::string& option, const std::string& value) { return option + " \"" + value + "\""; }

bool carried(const Xapian::Database& db, std::string_view prefix, const std::string& name) {
    return db.get_termfreq(schema::bounded_term(prefix, facet_key(name))) > 0;
}

// A case as its facet shows it ("Kadrey v. Meta" for a typed "kadrey v meta"), from the
// facet name terms (kind code, value code, ':', name): cases are few.
std::string case_as_shown(const Xapian::Database& db, const std::string& canonical) {
    const std::string prefix = std::string(schema::prefix::kFacetName) + schema::facet_named("case")->facet;
    const std::string key = facet_key(canonical);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string& term = *t;
        const std::size_t colon = term.find(':', prefix.size());
        if (colon != std::string::npos && facet_key(term.substr(colon + 1)) == key) return term.substr(colon + 1);
    }
    return canonical;
}


}  // namespace

std::vector<EntityHint> entity_hints(const Xapian::Database& db, const SearchRequest& request) {
    std::vector<EntityHint> hints;
    std::vector<std::string> companies = request.companies;
    const std::vector<std::string> words = plain_words(request.query, companies);
    std::set<std::string> given;  // facet keys the request filters on already
    for (const auto& c : companies) given.insert(facet_key(resolve_company(db, c)));
    std::vector<bool> used(words.size(), false);
    auto run_of = [&](std::size_t from, std::size_t n) {
        std::string run;
        for (std::size_t k = from; k < from + n; ++k) {
            if (words[k].empty() || used[k]) return std::string();
            run += (run.empty() ? "" : " ") + words[k];
        }
        return run;
    };
    // Cases first: "Kadrey v. Meta" must not become two company hints.
    for (std::size_t v = 1; v + 1 < words.size(); ++v) {
        const std::string lower = text::to_lower_ascii(words[v]);
        if (lower != "v" && lower != "v." && lower != "vs" && lower != "vs.") continue;
        for (std::size_t before = std::min<std::size_t>(v, kLongestName); before >= 1; --before) {
            bool found = false;
            for (std::size_t after = std::min(words.size() - v - 1, kLongestName); after >= 1 && !found; --after) {
                const std::string run = run_of(v - before, before + after + 1);
                if (run.empty()) continue;
                std::string canonical;
                try {
                    canonical = resolve_case(db, run);
                } catch (const QueryError&) {
                    continue;
                }
                if (!carried(db, schema::prefix::kCase, canonical)) continue;
                const bool filtered = std::any_of(request.cases.begin(), request.cases.end(), [&](const std::string& c) {
                    try {
                        return facet_key(resolve_case(db, c)) == facet_key(canonical);
                    } catch (const QueryError&) {
                        return false;
                    }
                });
                const std::string shown = case_as_shown(db, canonical);
                if (!filtered) hints.push_back({"case", shown, run, quoted_option("--case", shown)});
                std::fill(used.begin() + static_cast<long>(v - before), used.begin() + static_cast<long>(v + after + 1), true);
                found = true;
            }
            if (found) break;
        }
    }
    for (std::size_t n = kLongestName; n >= 1; --n)
        for (std::size_t from = 0; from + n <= words.size(); ++from) {
            const std::string run = run_of(from, n);
            if (run.empty()) continue;
            const alias_table::Entry entry = alias_table::lookup(db, text::to_lower_ascii(text::collapse_space(run)));
            if (entry.canonical.empty() || entry.ambiguous || !carried(db, schema::prefix::kCompany, entry.canonical)) continue;
            std::fill(used.begin() + static_cast<long>(from), used.begin() + static_cast<long>(from + n), true);
            if (!given.insert(facet_key(entry.canonical)).second) continue;  // filtered on, or hinted already
            hints.push_back({"company", entry.canonical, run, quoted_option("--company", entry.canonical)});
        }
    return hints;
}

}  // namespace docket
