#include "search.h"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "analysis.h"
#include "amounts.h"
#include "query.h"
#include "ranking.h"
#include "spelling.h"
#include "schema.h"
#include "stored.h"
#include "text.h"

namespace docket {
namespace {

// MSet::snippet() escapes &, < and > for HTML; we print plain text, on one line.
std::string plain_snippet(const std::string& html) {
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '&') {
            bool matched = false;
            for (auto [entity, ch] : {std::pair{"&amp;", '&'}, std::pair{"&lt;", '<'}, std::pair{"&gt;", '>'}}) {
                std::string_view e(entity);
                if (html.compare(i, e.size(), e) == 0) {
                    out += ch;
                    i += e.size() - 1;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        out += html[i];
    }
    return text::collapse_space(out);
}

Hit make_hit(const Xapian::MSetIterator& it, const Xapian::MSet& mset, unsigned rank, const Highlight* hl) {
    Hit hit;
    hit.rank = rank;
    hit.score = it.get_weight();
    StoredArticle stored = decode_stored(it.get_document().get_data());
    if (hl)
        hit.snippet = plain_snippet(mset.snippet(stored.article.body, 240, analysis::stemmer(),
                                                 Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                 hl->start, hl->end, "..."));
    stored.article.body.clear();
    hit.article = std::move(stored.article);
    hit.entities = std::move(stored.entities);
    return hit;
}

}  // namespace

Xapian::Database open_databases(const std::vector<std::string>& paths) {
    Xapian::Database all;
    for (const auto& path : paths) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            throw IndexOpenError("no index at " + path + " (create it with: indexer --db " + path + " DIR)");
        Xapian::Database one;
        try {
            one = Xapian::Database(path);
        } catch (const Xapian::Error& e) {
            throw IndexOpenError("cannot open index " + path + ": " + e.get_msg());
        }
        std::string version = one.get_metadata(std::string(schema::meta::kSchemaVersion));
        if (version != schema::kVersion)
            throw IndexOpenError("index " + path + (version.empty() ? " is not a Docket index" : " has schema version " + version) +
                                 "; this searcher reads version " + std::string(schema::kVersion) +
                                 ": re-index it with this version's indexer");
        all.add_database(one);
    }
    return all;
}

SearchResult search(const Xapian::Database& db, const SearchRequest& request, const Highlight& highlight) {
    BuiltQuery built = build_query(request, db);
    Xapian::Enquire enquire(db);
    const ranking::Config& rank_config = ranking::config();
    std::unique_ptr<Xapian::Weight> weight(ranking::make_weight(rank_config));
    enquire.set_weighting_scheme(*weight);
    Xapian::Query query = built.query();
    if (built.has_text && rank_config.prf_docs > 0) {
        // Pseudo-relevance feedback: the first pass's top documents suggest more terms.
        enquire.set_query(query);
        Xapian::MSet top = enquire.get_mset(0, rank_config.prf_docs);
        std::vector<Xapian::docid> feedback_docs;
        bool clear_lead = rank_config.prf_max_lead > 0 && top.size() > 1 &&
                          top[0].get_weight() > rank_config.prf_max_lead * top[top.size() - 1].get_weight();
        if (!clear_lead)
            for (auto it = top.begin(); it != top.end(); ++it) feedback_docs.push_back(*it);
        Xapian::Query expansion = ranking::feedback_query(db, feedback_docs, rank_config.prf_terms, rank_config.prf_min_docs, built.text);
        if (!expansion.empty())
            query = built.filtered(Xapian::Query(Xapian::Query::OP_OR, built.text,
                                                 Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, rank_config.prf_weight)));
    }
    enquire.set_query(query);
    // No text to rank by (filters only), or asked to: newest first.
    if (request.sort_by_date || !built.has_text)
        enquire.set_sort_by_value_then_relevance(schema::slot::kDate, true);
    Xapian::ValueCountMatchSpy companies(schema::slot::kCompanies), cases(schema::slot::kCases),
        amounts(schema::slot::kAmountBuckets);
    if (request.facets)
        for (auto* spy : {&companies, &cases, &amounts}) enquire.add_matchspy(spy);
    // checkatleast = every document: exact totals and exact facet counts.
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db.get_doccount());

    SearchResult result;
    result.query = request.query;
    if (built.has_text) result.suggestion = suggest_spelling(db, request.query);
    result.total = mset.get_matches_estimated();
    result.offset = request.offset;
    result.limit = request.limit;
    unsigned rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) result.hits.push_back(make_hit(it, mset, ++rank, request.snippets ? &highlight : nullptr));

    result.company_facets = sorted_by_count(split_combination_counts(companies));
    result.case_facets = sorted_by_count(split_combination_counts(cases));
    const auto amount_counts = split_combination_counts(amounts);
    for (const auto& bucket : amount_buckets()) {
        if (auto c = amount_counts.find(bucket.label); c != amount_counts.end())
            result.amount_facets.push_back({bucket.label, bucket.min, bucket.max, c->second});
    }
    return result;
}

}  // namespace docket
