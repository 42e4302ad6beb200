#include "ranking.h"

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace docket::ranking {
namespace {

// Only stemmed text terms ("Z...") describe content; prefixes X, Q and S are
// ids, paths, facets and title copies.
class TextTermsOnly : public Xapian::ExpandDecider {
public:
    TextTermsOnly(std::set<std::string> exclude, std::map<std::string, unsigned> doc_counts, unsigned min_docs)
        : exclude_(std::move(exclude)), doc_counts_(std::move(doc_counts)), min_docs_(min_docs) {}
    bool operator()(const std::string& term) const override {
        if (term.size() <= 2 || term[0] != 'Z' || exclude_.count(term)) return false;
        auto it = doc_counts_.find(term);
        return min_docs_ == 0 || (it != doc_counts_.end() && it->second >= min_docs_);
    }

private:
    std::set<std::string> exclude_;
    std::map<std::string, unsigned> doc_counts_;
    unsigned min_docs_;
};

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

Xapian::Query feedback_query(const Xapian::Database& db, const std::vector<Xapian::docid>& docs, unsigned terms,
                             unsigned min_docs, const Xapian::Query& exclude) {
    if (docs.empty() || terms == 0) return Xapian::Query();
    Xapian::RSet rset;
    for (auto d : docs) rset.add_document(d);
    std::set<std::string> own(exclude.get_unique_terms_begin(), exclude.get_unique_terms_end());
    Xapian::Enquire enquire(db);
    std::map<std::string, unsigned> doc_counts;
    if (min_docs)
        for (auto d : docs)
            for (auto t = db.termlist_begin(d); t != db.termlist_end(d); ++t) ++doc_counts[*t];
    TextTermsOnly decider(std::move(own), std::move(doc_counts), min_docs);
    Xapian::ESet eset = enquire.get_eset(terms, rset, &decider);
    std::vector<Xapian::Query> expansion;
    for (auto t = eset.begin(); t != eset.end(); ++t) expansion.emplace_back(*t);
    return Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
}

}  // namespace docket::ranking
