#include <cmath>
#include <nlohmann/json.hpp>

#include "printers.h"

namespace docket {

using nlohmann::ordered_json;

void print_json(const SearchResult& r, unsigned facet_limit, bool explain, std::ostream& out) {
    ordered_json hits = ordered_json::array();
    for (const auto& h : r.hits) {
        ordered_json companies = ordered_json::array(), cases = ordered_json::array(), amounts = ordered_json::array();
        for (const auto& c : h.entities.companies) companies.push_back(c.name);
        for (const auto& c : h.entities.cases) cases.push_back(c.name);
        for (const auto& a : h.entities.amounts)
            amounts.push_back({{"text", a.text}, {"currency", a.currency}, {"min", a.min}, {"max", a.max}});
        ordered_json hit = {{"rank", h.rank}, {"score", h.score}, {"id", h.article.id}, {"path", h.article.path},
                            {"title", h.article.title}, {"date", h.article.date}, {"url", h.article.url},
                            {"snippet", h.snippet}, {"companies", companies}, {"cases", cases}, {"amounts", amounts},
                            {"duplicates", h.duplicates}};
        if (explain) {
            ordered_json terms = ordered_json::array();
            for (const auto& t : h.explanation.terms) terms.push_back({{"term", t.term}, {"weight", t.weight}});
            hit["explain"] = {{"terms", terms}, {"filters", h.explanation.filters}};
        }
        hits.push_back(std::move(hit));
    }
    auto facet_list = [&](const std::vector<FacetCount>& values) {
        ordered_json list = ordered_json::array();
        for (std::size_t i = 0; i < values.size() && i < facet_limit; ++i)
            list.push_back({{"value", values[i].value}, {"count", values[i].count}});
        return list;
    };
    ordered_json amount_facets = ordered_json::array();
    for (const auto& a : r.amount_facets) {
        ordered_json max = std::isinf(a.max) ? ordered_json(nullptr) : ordered_json(a.max);
        amount_facets.push_back({{"label", a.label}, {"min", a.min}, {"max", max}, {"count", a.count}});
    }
    ordered_json j = {{"query", r.query},
                      {"suggestion", r.suggestion.empty() ? ordered_json(nullptr) : ordered_json(r.suggestion)},
                      {"words_ignored", r.words_ignored},
                      {"total", r.total},
                      {"offset", r.offset},
                      {"limit", r.limit},
                      {"partial", !r.missing_shards.empty()},
                      {"missing_shards", r.missing_shards},
                      {"hits", hits},
                      {"facets_counted", r.facets_counted},
                      {"facets_count_duplicates", r.facets_count_duplicates},
                      {"facets",
                       {{"company", facet_list(r.company_facets)},
                        {"case", facet_list(r.case_facets)},
                        {"amount", amount_facets}}}};
    out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

void print_json_list(const SearchResult& r, const std::string& facet, std::ostream& out) {
    ordered_json values = ordered_json::array();
    for (const auto& v : listed_values(r, facet)) values.push_back({{"value", v.value}, {"count", v.count}});
    ordered_json j = {{"query", r.query}, {"total", r.total}, {"facet", facet}, {"values", values}};
    out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace docket
