// Comparing two `searcher --json` results, ties aside: every difference as text ("" = alike),
// for tests that expect the same answer from two setups (one index, shards, remote shards).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace e2e {

using nlohmann::json;

enum class Order { relevance, date };

inline bool close_to(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)) + 1e-12; }

inline bool ties(const json& a, const json& b, Order order) {
    return order == Order::relevance ? close_to(a["score"].get<double>(), b["score"].get<double>())
                                     : a["date"] == b["date"];
}

inline std::string facet_diff(const std::string& name, const json& a, const json& b) {
    if (a == b) return "";
    std::ostringstream d;
    d << "facets." << name << ":";
    auto key = [](const json& f) { return f.contains("value") ? f["value"].dump() : f["label"].dump(); };
    std::map<std::string, json> ma, mb;
    for (const auto& f : a) ma[key(f)] = f;
    for (const auto& f : b) mb[key(f)] = f;
    for (const auto& [k, f] : ma)
        if (!mb.count(k)) d << " " << k << " only in the reference (" << f["count"] << ");";
        else if (mb[k] != f) d << " " << k << " " << f.dump() << " vs " << mb[k].dump() << ";";
    for (const auto& [k, f] : mb)
        if (!ma.count(k)) d << " " << k << " only here (" << f["count"] << ");";
    if (ma == mb) d << " same values and counts, other order";
    return d.str() + "\n";
}

inline std::string explain_diff(const std::string& id, const json& a, const json& b) {
    if (a.is_null() && b.is_null()) return "";
    if (a.is_null() != b.is_null()) return id + ": explain present in one result only\n";
    std::ostringstream d;
    if (a["filters"] != b["filters"]) d << id << ": explain.filters " << a["filters"] << " vs " << b["filters"] << "\n";
    std::map<std::string, double> ta, tb;
    for (const auto& t : a["terms"]) ta[t["term"]] += t["weight"].get<double>();
    for (const auto& t : b["terms"]) tb[t["term"]] += t["weight"].get<double>();
    for (const auto& [term, w] : ta)
        if (!tb.count(term)) d << id << ": explain term " << term << " only in the reference\n";
        else if (!close_to(w, tb[term])) d << id << ": explain weight of " << term << " " << w << " vs " << tb[term] << "\n";
    for (const auto& [term, w] : tb)
        if (!ta.count(term)) d << id << ": explain term " << term << " only here\n";
    return d.str();
}

// Every difference between a reference result and another, as text ("" = alike). Hits are compared
// rank by rank on score (1e-9 relative), and as sets within each run of tied hits; a tied run cut by
// the page's start or end is compared by size only (which of the tied hits make the page is free).
// The hits of one article are compared field by field (explain weights with the same tolerance),
// snippets aside: they have a test of their own.
inline std::string diff(const json& ref, const json& got, Order order) {
    std::ostringstream d;
    for (const char* field : {"query", "suggestion", "total", "offset", "limit"})
        if (ref.value(field, json()) != got.value(field, json()))
            d << field << ": " << ref.value(field, json()) << " vs " << got.value(field, json()) << "\n";
    for (const char* facet : {"company", "case", "amount"})
        d << facet_diff(facet, ref["facets"].value(facet, json::array()), got["facets"].value(facet, json::array()));
    const json &ha = ref["hits"], &hb = got["hits"];
    if (ha.size() != hb.size()) d << "hits: " << ha.size() << " vs " << hb.size() << "\n";
    const std::size_t n = std::min(ha.size(), hb.size());
    int shown = 0;
    for (std::size_t i = 0; i < n && shown < 5; ++i)
        if (!close_to(ha[i]["score"].get<double>(), hb[i]["score"].get<double>())) {
            d << "rank " << i + 1 << " score " << ha[i]["score"] << " (" << ha[i]["id"] << ") vs " << hb[i]["score"] << " ("
              << hb[i]["id"] << ")\n";
            ++shown;
        }
    const bool cut_before = ref["offset"].get<long>() > 0;
    const bool cut_after = ref["total"].get<long>() > ref["offset"].get<long>() + static_cast<long>(ha.size());
    for (std::size_t s = 0; s < n;) {
        std::size_t e = s + 1;
        while (e < n && ties(ha[e], ha[s], order)) ++e;
        const bool cut = (s == 0 && cut_before) || (e == ha.size() && cut_after);
        std::set<std::string> ia, ib;
        for (std::size_t i = s; i < e; ++i) {
            ia.insert(ha[i]["id"].get<std::string>());
            ib.insert(hb[i]["id"].get<std::string>());
        }
        if (!cut && ia != ib) {
            d << "ranks " << s + 1 << "-" << e << " (tied at " << (order == Order::relevance ? ha[s]["score"] : ha[s]["date"])
              << "): ids differ:";
            for (const auto& id : ia)
                if (!ib.count(id)) d << " -" << id;
            for (const auto& id : ib)
                if (!ia.count(id)) d << " +" << id;
            d << "\n";
        }
        s = e;
    }
    // The same article shows the same everywhere: title, snippet, entities, duplicates, explain.
    std::map<std::string, json> by_id;
    for (const auto& h : hb) by_id[h["id"]] = h;
    for (const auto& h : ha) {
        auto it = by_id.find(h["id"]);
        if (it == by_id.end()) continue;
        for (const auto& [field, value] : h.items()) {
            if (field == "rank" || field == "score" || field == "explain" || field == "snippet") continue;
            if (it->second.value(field, json()) != value)
                d << h["id"].get<std::string>() << ": " << field << " " << value << " vs " << it->second.value(field, json())
                  << "\n";
        }
        d << explain_diff(h["id"], h.value("explain", json()), it->second.value("explain", json()));
    }
    return d.str();
}

}  // namespace e2e
