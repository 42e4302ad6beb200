#include "ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "index/schema.h"

namespace docket::ranking {
namespace {

// Stemmed body-text terms only ("Zword"): not ids, paths, facets, or the
// title copies ("ZSword", an upper-case prefix after the Z).
bool text_term(const std::string& term) {
    return term.size() > 2 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
}

Config from_environment() {
    Config c;
    const char* env = std::getenv("DOCKET_RANKING");
    if (!env) return c;
    std::stringstream ss(env);
    std::string item;
    while (std::getline(ss, item, ',')) {
        auto eq = item.find('=');
        if (eq == std::string::npos) continue;
        std::string key = item.substr(0, eq);
        if (key == "scheme") { c.scheme = item.substr(eq + 1); continue; }
        double v = std::atof(item.c_str() + eq + 1);
        if (key == "k1") c.k1 = v;
        else if (key == "b") c.b = v;
        else if (key == "delta") c.delta = v;
        else if (key == "param") c.param = v;
        else if (key == "prf_docs") c.prf_docs = static_cast<unsigned>(v);
        else if (key == "prf_terms") c.prf_terms = static_cast<unsigned>(v);
        else if (key == "prf_weight") c.prf_weight = v;
        else if (key == "prf_max_lead") c.prf_max_lead = v;
        else if (key == "title_weight") c.title_weight = v;
        else if (key == "phrase_bonus") c.phrase_bonus = v;
        else if (key == "prf_min_docs") c.prf_min_docs = static_cast<unsigned>(v);
    }
    return c;
}

}  // namespace

const Config& config() {
    static const Config c = from_environment();
    return c;
}

Xapian::Weight* make_weight(const Config& c) {
    double p = c.param;
    if (c.scheme == "pl2") return p < 0 ? new Xapian::PL2Weight() : new Xapian::PL2Weight(p);
    if (c.scheme == "pl2plus") return p < 0 ? new Xapian::PL2PlusWeight() : new Xapian::PL2PlusWeight(p, 0.8);
    if (c.scheme == "dph") return new Xapian::DPHWeight();
    if (c.scheme == "dlh") return new Xapian::DLHWeight();
    if (c.scheme == "inl2") return p < 0 ? new Xapian::InL2Weight() : new Xapian::InL2Weight(p);
    if (c.scheme == "ifb2") return p < 0 ? new Xapian::IfB2Weight() : new Xapian::IfB2Weight(p);
    if (c.scheme == "bb2") return p < 0 ? new Xapian::BB2Weight() : new Xapian::BB2Weight(p);
    if (c.scheme == "lm") return new Xapian::LMWeight(0, Xapian::Weight::DIRICHLET_SMOOTHING, p < 0 ? 2000 : p, 0);
    if (c.delta > 0) return new Xapian::BM25PlusWeight(c.k1, 0, 1, c.b, 0.5, c.delta);
    return new Xapian::BM25Weight(c.k1, 0, 1, c.b, 0.5);
}

Xapian::Query with_title_field(const Xapian::Query& text, double weight) {
    if (weight <= 0) return text;
    const std::string title_prefix = "Z" + std::string(schema::prefix::kTitle);
    std::vector<Xapian::Query> copies;
    for (auto t = text.get_unique_terms_begin(); t != text.get_unique_terms_end(); ++t)
        if (text_term(*t)) copies.emplace_back(title_prefix + (*t).substr(1));
    if (copies.empty()) return text;
    // AND_MAYBE: an article whose title holds a word holds it among its words too,
    // so under OR nothing new would match, but under AND or NOT it could.
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                       Xapian::Query(Xapian::Query::OP_OR, copies.begin(), copies.end()), weight));
}

Xapian::Query feedback_query(const Xapian::Database& db, const std::vector<Xapian::docid>& docs, unsigned terms,
                             unsigned min_docs, const Xapian::Query& exclude) {
    if (docs.empty() || terms == 0) return Xapian::Query();
    // Each candidate term scores its BM25 weight summed over the documents, from
    // the whole collection's statistics: the same terms whether the index is
    // one database or shards, local or remote (Xapian's ESet weighs per shard).
    const std::set<std::string> own(exclude.get_unique_terms_begin(), exclude.get_unique_terms_end());
    const double n_docs = db.get_doccount(), avg_length = std::max(1.0, db.get_avlength());
    const Config& c = config();
    std::map<std::string, std::pair<double, unsigned>> scores;  // term -> (score, documents holding it)
    for (auto d : docs) {
        const double norm = c.k1 * ((1 - c.b) + c.b * db.get_doclength(d) / avg_length);
        for (auto t = db.termlist_begin(d); t != db.termlist_end(d); ++t) {
            if (!text_term(*t) || own.count(*t)) continue;
            const double df = t.get_termfreq();
            const double idf = std::log(1 + (n_docs - df + 0.5) / (df + 0.5));  // positive even for common terms
            const double wdf = t.get_wdf();
            auto& [score, count] = scores[*t];
            score += idf * wdf * (c.k1 + 1) / (wdf + norm);
            ++count;
        }
    }
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [term, sc] : scores)
        if (sc.second >= std::max(1u, min_docs)) ranked.emplace_back(-sc.first, term);
    std::sort(ranked.begin(), ranked.end());  // best first, then by term: deterministic
    if (ranked.size() > terms) ranked.resize(terms);
    std::vector<Xapian::Query> expansion;
    for (const auto& [neg_score, term] : ranked) expansion.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
}

}  // namespace docket::ranking
