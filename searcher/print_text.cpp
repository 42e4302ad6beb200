#include <cmath>
#include <cstdio>

#include "printers.h"
#include "text/text.h"
#include "query.h"

namespace docket {
namespace {

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + text::printable(s);
    return out;
}

std::string display_path(const std::string& path, const std::string& cwd) {
    if (!cwd.empty() && path.size() > cwd.size() + 1 && path.compare(0, cwd.size(), cwd) == 0 && path[cwd.size()] == '/')
        return path.substr(cwd.size() + 1);
    return path;
}

// A snippet holds text from the article and, in colour, the highlight markers
// put around matched words: only the article's text is made printable.
std::string printable_snippet(const std::string& snippet, bool color) {
    if (!color) return text::printable(snippet);
    std::string out;
    for (std::size_t i = 0; i < snippet.size();) {
        std::size_t marker = std::string::npos, length = 0;
        for (std::string_view m : {kHighlightStart, kHighlightEnd})
            if (std::size_t at = snippet.find(m, i); at < marker) marker = at, length = m.size();
        out += text::printable(std::string_view(snippet).substr(i, marker == std::string::npos ? marker : marker - i));
        if (marker == std::string::npos) break;
        out += snippet.substr(marker, length);
        i = marker + length;
    }
    return out;
}

}  // namespace

void print_text(const SearchResult& r, unsigned facet_limit, const TextStyle& style, std::ostream& out) {
    const std::string query = "\"" + text::printable(echo_query(r.query)) + "\"";  // cut like the suggestion; --json keeps both whole
    const char* bold = style.color ? "\x1b[1m" : "";
    const char* dim = style.color ? "\x1b[2m" : "";
    const char* reset = style.color ? "\x1b[0m" : "";
    if (!r.missing_shards.empty())
        out << "Partial results: " << r.missing_shards.size() << " shard" << (r.missing_shards.size() == 1 ? "" : "s")
            << " did not answer (see the warnings).\n";
    if (!r.suggestion.empty()) out << "Did you mean: " << bold << text::printable(echo_query(r.suggestion)) << reset << "\n";
    if (r.total == 0) {
        out << "No matches";
        if (!r.query.empty()) out << " for " << query;
        out << ".\n";
        return;
    }
    out << r.total << (r.total == 1 ? " match" : " matches");
    if (!r.query.empty()) out << " for " << query;
    if (!r.hits.empty())
        out << " (showing " << r.hits.front().rank << "-" << r.hits.back().rank << ")";
    out << "\n";
    for (const auto& h : r.hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.3f", h.score);
        out << "\n" << bold << h.rank << ". " << text::printable(h.article.title) << reset << "  " << dim << "[score " << score << "]"
            << reset << "\n";
        out << "   " << (h.article.date.empty() ? "(no date)" : h.article.date) << "  "
            << text::printable(display_path(h.article.path, style.cwd));
        if (h.article.id != h.article.path) out << " (" << text::printable(h.article.id.substr(h.article.path.size())) << ")";
        out << "\n";
        if (!h.snippet.empty()) out << "   " << printable_snippet(h.snippet, style.color) << "\n";
        std::vector<std::string> companies, cases, amounts;
        for (const auto& c : h.entities.companies) companies.push_back(c.name);
        for (const auto& c : h.entities.cases) cases.push_back(c.name);
        for (const auto& a : h.entities.amounts) amounts.push_back(a.text);
        if (!companies.empty()) out << "   " << dim << "companies:" << reset << " " << join(companies) << "\n";
        if (!cases.empty()) out << "   " << dim << "cases:" << reset << " " << join(cases) << "\n";
        if (!amounts.empty()) out << "   " << dim << "amounts:" << reset << " " << join(amounts, "; ") << "\n";
        if (h.duplicates)
            out << "   " << dim << "+" << h.duplicates << " exact duplicate" << (h.duplicates == 1 ? "" : "s")
                << " (--no-collapse shows them)" << reset << "\n";
        if (style.explain) {
            std::vector<std::string> terms;
            for (const auto& t : h.explanation.terms) {
                char w[32];
                std::snprintf(w, sizeof w, "%.3f", t.weight);
                terms.push_back(t.term + " " + w);
            }
            out << "   " << dim << "explain:" << reset << " " << (terms.empty() ? "(no scoring terms)" : join(terms)) << "\n";
            if (!h.explanation.filters.empty())
                out << "   " << dim << "admitted by:" << reset << " " << join(h.explanation.filters, "; ") << "\n";
        }
    }
    auto facet_line = [&](const char* name, const std::vector<FacetCount>& values, std::size_t distinct) {
        if (values.empty()) return;
        out << "  " << bold << name << reset << ": ";
        for (std::size_t i = 0; i < values.size() && i < facet_limit; ++i)
            out << (i ? ", " : "") << text::printable(values[i].value) << " (" << values[i].count << ")";
        if (distinct > facet_limit) out << ", ... " << distinct - facet_limit << " more";
        out << "\n";
    };
    if (!r.facets_counted) {
        out << "\nFacets not counted (--no-facets).\n";
        return;
    }
    out << "\nFacets over all " << r.total << (r.total == 1 ? " match" : " matches")
        << (r.facets_count_duplicates ? " (each exact duplicate counted)" : "") << ":\n";
    facet_line("company", r.company_facets, r.company_values);
    facet_line("case", r.case_facets, r.case_values);
    std::vector<FacetCount> amounts;
    for (const auto& a : r.amount_facets) amounts.push_back({a.label, a.count});
    facet_line("amount", amounts, amounts.size());
}

}  // namespace docket

namespace docket {

std::vector<FacetCount> listed_values(const SearchResult& r, const std::string& facet) {
    if (facet == "company") return r.company_facets;
    if (facet == "case") return r.case_facets;
    std::vector<FacetCount> amounts;
    for (const auto& a : r.amount_facets) amounts.push_back({a.label, a.count});
    return amounts;
}

void print_text_list(const SearchResult& r, const std::string& facet, std::ostream& out) {
    for (const auto& v : listed_values(r, facet)) out << v.count << "\t" << text::printable(v.value) << "\n";
}

}  // namespace docket
