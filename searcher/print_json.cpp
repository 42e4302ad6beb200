#include <cmath>
#include <nlohmann/json.hpp>

#include "index/entities_json.h"
#include "printers.h"

namespace docket {

using nlohmann::ordered_json;

namespace {

ordered_json timeline_json(const Timeline& t) {
    auto row = [](const TimelineRow& r) {
        ordered_json amounts = ordered_json::array();
        for (const auto& a : r.amounts)
            amounts.push_back({{"currency", a.currency}, {"count", a.count}, {"sum", a.sum}, {"median", a.median}, {"max", a.max}});
        ordered_json j = ordered_json::object();
        if (!r.period.empty()) j["period"] = r.period;
        j["articles"] = r.articles;
        j["amounts"] = std::move(amounts);
        return j;
    };
    ordered_json periods = ordered_json::array();
    for (const auto& r : t.rows) periods.push_back(row(r));
    return {{"period", period_name(t.period)}, {"periods", periods}, {"undated", row(t.undated)}};
}

ordered_json summary_json(const std::vector<EntitySummary>& summaries) {
    ordered_json list = ordered_json::array();
    for (const EntitySummary& s : summaries) {
        ordered_json largest = ordered_json::array(), with = ordered_json::array();
        for (const auto& a : s.largest)
            largest.push_back({{"currency", a.currency}, {"value", a.value}, {"usd", a.usd}, {"title", a.title}, {"id", a.id}});
        for (const auto& w : s.with) with.push_back({{"kind", w.kind}, {"value", w.value}, {"articles", w.articles}});
        auto date = [](const std::string& d) { return d.empty() ? ordered_json(nullptr) : ordered_json(d); };
        list.push_back({{"value", s.value}, {"articles", s.articles}, {"first_date", date(s.first_date)},
                        {"last_date", date(s.last_date)}, {"largest_amounts", largest}, {"with", with}});
    }
    return list;
}

}  // namespace

void print_json(const SearchResult& r, unsigned facet_limit, bool explain, std::ostream& out) {
    ordered_json hits = ordered_json::array();
    for (const auto& h : r.hits) {
        ordered_json hit = {{"rank", h.rank}, {"score", h.score}, {"id", h.article.id}, {"path", h.article.path},
                            {"title", h.article.title}, {"date", h.article.date}, {"url", h.article.url},
                            {"snippet", h.snippet}};
        for (const schema::Field& field : schema::kFields)
            if (field.facet) hit[std::string(field.plural)] = entities_json(h.entities, field, false);
        hit["duplicates"] = h.duplicates;
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
    // Named facets: the facet_limit most frequent values. Buckets: every one with matches, with its bounds.
    ordered_json facets = ordered_json::object();
    for (const FacetValues& f : r.facets) {
        if (f.field->type != schema::FieldType::Buckets) {
            facets[std::string(f.field->name)] = facet_list(f.values);
            continue;
        }
        ordered_json buckets = ordered_json::array();
        for (const auto& b : f.values) {
            ordered_json max = std::isinf(b.max) ? ordered_json(nullptr) : ordered_json(b.max);
            buckets.push_back({{"label", b.value}, {"min", b.min}, {"max", max}, {"count", b.count}});
        }
        facets[std::string(f.field->name)] = std::move(buckets);
    }
    ordered_json hints = ordered_json::array();
    for (const auto& h : r.hints)
        hints.push_back({{"kind", h.kind}, {"value", h.value}, {"text", h.text}, {"option", h.option}});
    ordered_json j = {{"query", r.query},
                      {"suggestion", r.suggestion.empty() ? ordered_json(nullptr) : ordered_json(r.suggestion)},
                      {"hints", hints},
                      {"words_ignored", r.words_ignored},
                      {"total", r.total},
                      {"offset", r.offset},
                      {"limit", r.limit},
                      {"partial", !r.missing_shards.empty()},
                      {"missing_shards", r.missing_shards},
                      {"hits", hits},
                      {"facets_counted", r.facets_counted},
                      {"facets_count_duplicates", r.facets_count_duplicates},
                      {"facets", facets}};
    if (r.timeline) j["timeline"] = timeline_json(*r.timeline);
    if (r.summary) j["summary"] = summary_json(*r.summary);
    if (r.months_counted) {
        ordered_json months = ordered_json::array();
        for (const auto& m : r.months) months.push_back({{"month", m.month}, {"count", m.count}});
        j["months"] = std::move(months);
        j["undated"] = r.undated;
    }
    out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

void print_json_list(const SearchResult& r, const std::string& facet, std::ostream& out) {
    ordered_json values = ordered_json::array();
    for (const auto& v : r.facet(facet).values) values.push_back({{"value", v.value}, {"count", v.count}});
    ordered_json j = {{"query", r.query}, {"total", r.total}, {"facet", facet}, {"values", values}};
    out << j.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

void print_json_saved(const std::vector<SavedStatus>& saved, const std::string& file, const SeenStamps* upto,
                      std::ostream& out) {
    ordered_json list = ordered_json::array();
    for (const auto& [s, fresh, problem] : saved) {
        ordered_json j = {{"name", s.name},         {"query", s.query},       {"company", s.companies},
                          {"case", s.cases},        {"amount_min", s.amount_min}, {"amount_max", s.amount_max},
                          {"from", s.date_from},    {"to", s.date_to},        {"saved", s.saved_at},
                          {"checked", s.checked_at}, {"new", nullptr}};
        if (fresh) j["new"] = *fresh;
        if (!problem.empty()) j["error"] = problem;
        list.push_back(std::move(j));
    }
    out << ordered_json{{"file", file}, {"upto", upto ? ordered_json(*upto) : ordered_json(nullptr)}, {"saved", list}}.dump(2)
        << "\n";
}

}  // namespace docket
