#include "search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <memory>

#include "text/analysis.h"
#include "entities/amounts.h"
#include "posting_count.h"
#include "query.h"
#include "ranking.h"
#include "spelling.h"
#include "index/schema.h"
#include "index/stored.h"
#include "text/text.h"

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
    // No SNIPPET_BACKGROUND_MODEL: it asks the database how common each word of the
    // article is, a network round trip per word on remote shards. Not exhaustive:
    // stemming every word of a long article to the end costs more than the
    // rest of a search (about 0.1 ms a hit on Reuters).
    if (hl)
        hit.snippet = plain_snippet(mset.snippet(stored.article.body, 240, analysis::stemmer(),
                                                 0,
                                                 hl->start, hl->end, "..."));
    stored.article.body.clear();
    hit.article = std::move(stored.article);
    hit.entities = std::move(stored.entities);
    return hit;
}

// Pseudo-relevance feedback (off by default, see ranking.h): the first pass's
// top documents suggest more terms, which re-rank `base`'s matches (AND_MAYBE):
// the totals and facets stay those of the user's query.
Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Database& db, const BuiltQuery& built,
                            const Xapian::Query& base, const ranking::Config& config) {
    enquire.set_query(built.filtered(base));
    Xapian::MSet top = enquire.get_mset(0, config.prf_docs);
    std::vector<Xapian::docid> docs;
    bool clear_lead = config.prf_max_lead > 0 && top.size() > 1 &&
                      top[0].get_weight() > config.prf_max_lead * top[top.size() - 1].get_weight();
    if (!clear_lead)
        for (auto it = top.begin(); it != top.end(); ++it) docs.push_back(*it);
    Xapian::Query expansion = ranking::feedback_query(db, docs, config.prf_terms, config.prf_min_docs, built.text);
    if (expansion.empty()) return base;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, base,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, config.prf_weight));
}

// --like: the terms that best describe one article, as a query that leaves the article itself out.
Xapian::Query more_like(const Xapian::Database& db, const std::string& like) {
    std::string id = like;
    Xapian::docid doc = 0;
    for (const std::string& candidate : {like, std::filesystem::absolute(like).lexically_normal().string()}) {
        std::string term = schema::bounded_term(schema::prefix::kId, candidate);
        if (auto p = db.postlist_begin(term); p != db.postlist_end(term)) {
            doc = *p;
            id = candidate;
            break;
        }
    }
    if (!doc) throw QueryError("--like: no article with id '" + like + "' in the index (ids are in --json output)");
    constexpr unsigned kLikeTerms = 25;
    Xapian::Query like_terms = ranking::feedback_query(db, {doc}, kLikeTerms, 0, Xapian::Query());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, like_terms, Xapian::Query(schema::bounded_term(schema::prefix::kId, id)));
}

// --recency: an extra weight of `top_weight` / 2^k for an article k half-lives older than the
// newest article in the index (an archive's "now"), in whole half-lives, for 8 half-lives.
// Built from Xapian's own FixedWeightPostingSource and value ranges so it also runs on remote shards.
Xapian::Query recency_boost(const Xapian::Database& db, double half_life_days, double top_weight) {
    auto newest = parse_day_value(db.get_value_upper_bound(schema::slot::kDate));
    if (!newest || top_weight <= 0) return Xapian::Query();
    std::vector<Xapian::Query> steps;
    for (int k = 0; k < 8; ++k) {
        auto cutoff = *newest - std::chrono::days{static_cast<long>(half_life_days * (k + 1))};
        Xapian::Query constant((new Xapian::FixedWeightPostingSource(1.0))->release());
        Xapian::Query newer(Xapian::Query::OP_VALUE_GE, schema::slot::kDate, day_value(cutoff));
        double step = top_weight * (std::ldexp(1.0, -k) - std::ldexp(1.0, -(k + 1)));
        steps.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_FILTER, constant, newer), step);
    }
    return Xapian::Query(Xapian::Query::OP_OR, steps.begin(), steps.end());
}

std::string display_term(const std::string& term) {
    if (term.rfind("Z" + std::string(schema::prefix::kTitle), 0) == 0) return "title:" + term.substr(1 + schema::prefix::kTitle.size());
    if (term.rfind(schema::prefix::kCompany, 0) == 0) return "company:" + term.substr(schema::prefix::kCompany.size());
    if (term.rfind("Z", 0) == 0) return term.substr(1);
    return term;
}

// Each matching term's share of the score: the same weighting run on that term
// alone, restricted to this article (BM25 adds up over terms), times the scale
// the ranked query gives it: 1 for the user's words, the title weight for
// their title copies, the feedback weight for expansion terms. A hyphenated
// word whose phrase matched shows its phrase bonus as one more line.
Explanation explain_hit(const Xapian::Enquire& enquire, const Xapian::Database& db, const Xapian::Weight& weight,
                        const Xapian::MSetIterator& it, const Hit& hit, const SearchRequest& request,
                        const BuiltQuery& built, const Xapian::Query& recency) {
    Explanation why;
    const ranking::Config& config = ranking::config();
    Xapian::Query self(schema::bounded_term(schema::prefix::kId, hit.article.id));
    auto weight_here = [&](const Xapian::Query& q) {
        Xapian::Enquire one(db);
        one.set_weighting_scheme(weight);
        one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, self));
        Xapian::MSet m = one.get_mset(0, 1);
        return m.empty() ? 0.0 : m.begin().get_weight();
    };
    const std::set<std::string> typed(built.text.get_unique_terms_begin(), built.text.get_unique_terms_end());
    const std::string title_copy = "Z" + std::string(schema::prefix::kTitle);
    for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
        const std::string& term = *t;
        bool copy = term.rfind(title_copy, 0) == 0 && typed.count("Z" + term.substr(title_copy.size()));
        double scale = (typed.count(term) ? 1.0 : 0.0) + (copy ? config.title_weight : 0.0);
        if (scale == 0) scale = config.prf_weight;  // neither typed nor a title copy: a feedback term
        double w = scale * weight_here(Xapian::Query(term));
        if (w > 0) why.terms.push_back({display_term(term), w});
    }
    for (const auto& compound : built.compound_phrases)
        if (double w = config.phrase_bonus * weight_here(compound.phrase); w > 0)
            why.terms.push_back({"\"" + compound.words + "\"", w});
    // --recency adds its boost to the text's score: one more line, so the lines add up to the score.
    if (!recency.empty())
        if (double w = weight_here(recency); w > 0) why.terms.push_back({"recency boost", w});
    std::sort(why.terms.begin(), why.terms.end(), [](const TermWeight& a, const TermWeight& b) { return a.weight > b.weight; });
    auto has_value = [](const auto& entities, const std::string& key) {
        for (const auto& e : entities)
            if (facet_key(e.name) == facet_key(key)) return true;
        return false;
    };
    for (const auto& c : request.companies) {
        std::string name = resolve_company(db, c);
        if (has_value(hit.entities.companies, name)) why.filters.push_back("company: " + name);
    }
    for (const auto& c : request.cases) {
        std::string name = resolve_case(db, c);
        if (has_value(hit.entities.cases, name)) why.filters.push_back("case: " + name);
    }
    if (!request.date_from.empty() || !request.date_to.empty()) why.filters.push_back("date: " + hit.article.date);
    if (request.amount_min || request.amount_max)
        for (const auto& a : hit.entities.amounts) {
            double lo = to_usd(a.min, a.currency), hi = to_usd(a.max, a.currency);
            if (hi >= request.amount_min.value_or(0) &&
                lo <= request.amount_max.value_or(std::numeric_limits<double>::infinity()))
                why.filters.push_back("amount: " + a.text);
        }
    return why;
}


// The ranked page's query on `enquire`, with its weighting: the user's query with
// its title copies, feedback and recency, which only add weight (AND_MAYBE): the
// matches are the user's query's (`matching`), and counting them needs none of those.
struct Ranking {
    BuiltQuery built;
    std::unique_ptr<Xapian::Weight> weight;
    Xapian::Query matching;  // every article the request matches
    Xapian::Query recency;   // the --recency boost, for --explain (empty without it)
};

// The request's query, with --like's terms.
BuiltQuery build_matching(const Xapian::Database& db, const SearchRequest& request) {
    BuiltQuery built = build_query(request, db);
    if (!request.like_id.empty()) {
        Xapian::Query like = more_like(db, request.like_id);
        built.text = built.has_text ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.text, like) : like;
        built.has_text = true;
    }
    return built;
}

Ranking set_up_ranking(Xapian::Enquire& enquire, const Xapian::Database& db, const SearchRequest& request) {
    Ranking r{build_matching(db, request), nullptr, {}, {}};
    BuiltQuery& built = r.built;
    const ranking::Config& config = ranking::config();
    r.weight.reset(ranking::make_weight(config));
    enquire.set_weighting_scheme(*r.weight);
    r.matching = built.query();
    Xapian::Query ranked = built.text;
    if (built.has_text) ranked = ranking::with_title_field(ranked, config.title_weight);
    if (built.has_text && config.prf_docs > 0) ranked = with_feedback(enquire, db, built, ranked, config);
    if (built.has_text && request.recency_days > 0) {
        enquire.set_query(built.filtered(ranked));
        Xapian::MSet top = enquire.get_mset(0, 1);
        r.recency = recency_boost(db, request.recency_days, top.empty() ? 0 : top.begin().get_weight());
        if (!r.recency.empty()) ranked = Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, r.recency);
    }
    enquire.set_query(built.filtered(ranked));
    // No text to rank by (filters only), or asked to: newest first.
    if (request.sort_by_date || !built.has_text) enquire.set_sort_by_value_then_relevance(schema::slot::kDate, true);
    return r;
}

// Exact duplicates fold into one hit. Xapian's collapse key makes match counts
// estimates and reads a value per match; the indexer marks the few articles that
// have duplicates (within one database, or across a shard set), so only those
// are counted (a second, filtered match) and the page is folded here. Other
// databases searched together may repeat each other: those use Xapian's
// collapsing, made exact by counting distinct content hashes over every match.
struct Duplicates {
    bool fold_marked = false;   // fold the marked articles' groups
    bool collapse_all = false;  // several databases, or not marked: Xapian's collapsing
    std::map<std::string, Xapian::doccount> groups;            // content hash -> matching articles, marked ones only
    std::map<std::string, std::string> group_codes;            // content hash -> one copy's facet codes (local)
    std::map<std::string, std::string> group_facets;           // content hash -> one copy's packed facets (remote)
    Xapian::doccount marked_matches = 0;

    // Hits a folded page may drop: every marked match beyond the first of its group.
    Xapian::doccount foldable() const { return marked_matches - static_cast<Xapian::doccount>(groups.size()); }

    // A hit's duplicate group, or groups.end(). Every copy of a repeated text is marked, so an
    // unmarked hit's hash is never a group's.
    std::map<std::string, Xapian::doccount>::const_iterator group_of(const Xapian::MSetIterator& it) const {
        return groups.find(it.get_document().get_value(schema::slot::kContentHash));
    }
};

// On local databases: counts the marked matches per content hash and keeps one copy's facet
// codes. A spy reads values as the match streams them, several times cheaper than from each
// hit's document afterwards (which took half of a search at x16).
class MarkedGroups : public Xapian::MatchSpy {
  public:
    explicit MarkedGroups(Duplicates& d) : d_(d) {}
    void operator()(const Xapian::Document& doc, double) override {
        auto [group, fresh] = d_.groups.try_emplace(doc.get_value(schema::slot::kContentHash), 0);
        ++group->second;
        ++d_.marked_matches;
        if (fresh) d_.group_codes.emplace(group->first, doc.get_value(schema::slot::kFacetCodes));
    }

  private:
    Duplicates& d_;
};

// How duplicates fold, from the databases' marks alone (no match run yet).
Duplicates duplicate_policy(const Xapian::Database& db, const SearchRequest& request, const SearchScope& scope) {
    Duplicates d;
    const std::string marked_count =
        db.size() == 1 ? db.get_metadata(std::string(schema::meta::kDuplicates)) : scope.duplicates_across;
    d.fold_marked = request.collapse && !marked_count.empty() && marked_count != "0";
    d.collapse_all = request.collapse && marked_count.empty();
    return d;
}

// The marked duplicate groups among the matches (under fold_marked).
void find_duplicates(const Xapian::Database& db, const SearchRequest& request, const SearchScope& scope,
                     const Xapian::Query& matching, Duplicates& d) {
    if (!d.fold_marked) return;
    Xapian::Enquire marked(db);
    marked.set_weighting_scheme(Xapian::BoolWeight());
    const std::string mark(schema::prefix::kHasDuplicate);
    marked.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matching, Xapian::Query(mark)));
    if (scope.local) {
        MarkedGroups spy(d);
        marked.add_matchspy(&spy);
        marked.get_mset(0, 0, db.get_doccount());
        return;
    }
    // Remote shards count the groups themselves; one copy of each group that
    // repeats within the matches is fetched for its facets, to fold them.
    Xapian::ValueCountMatchSpy groups(schema::slot::kContentHash);
    marked.add_matchspy(&groups);
    marked.get_mset(0, 0, db.get_doccount());
    for (auto g = groups.values_begin(); g != groups.values_end(); ++g) d.groups[*g] = g.get_termfreq();
    d.marked_matches = groups.get_total();
    if (request.facets)
        for (const auto& [hash, copies] : d.groups) {
            if (copies < 2) continue;
            Xapian::Enquire one(db);
            one.set_weighting_scheme(Xapian::BoolWeight());
            one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matching,
                                        Xapian::Query(std::string(schema::prefix::kContent) + hash)));
            Xapian::MSet copy = one.get_mset(0, 1);
            if (!copy.empty()) d.group_facets.emplace(hash, copy.begin().get_document().get_value(schema::slot::kFacets));
        }
}

// Every match, unweighted, counted for the exact total and the facets, beside
// the page (ranked by Xapian, which stops once no other match can reach it):
// weighing every match in one pass cost a third more at x16.
struct Counting {
    Xapian::doccount matches = 0;
    Xapian::ValueCountMatchSpy dates{schema::slot::kDate};  // under request.months
    std::optional<TimelineCounter> timeline;                 // under request.timeline
    Xapian::ValueCountMatchSpy distinct_texts{schema::slot::kContentHash};  // under collapse_all
    // Docket's own facet counter where it can run, Xapian's (mergeable) one on remote shards.
    FacetCounter facet_counter;
    Xapian::ValueCountMatchSpy facet_combinations{schema::slot::kFacets};
};

// Stops a counting match that runs past the request's deadline (the clock is read every 256 matches).
class DeadlineSpy : public Xapian::MatchSpy {
  public:
    explicit DeadlineSpy(std::chrono::steady_clock::time_point deadline) : deadline_(deadline) {}
    void operator()(const Xapian::Document&, double) override {
        if ((seen_++ & 255) == 0 && std::chrono::steady_clock::now() > deadline_)
            throw SearchTimeout("the search ran past the server's time limit");
    }

  private:
    std::chrono::steady_clock::time_point deadline_;
    std::size_t seen_ = 0;
};

// The documents first..last (docids), as a posting source: filtered by it, a match starts at
// `first` and stops after `last`, so two threads can count the halves of one match set.
class DocidRange : public Xapian::PostingSource {
  public:
    DocidRange(Xapian::docid first, Xapian::docid last) : first_(first), last_(last) {}
    Xapian::doccount get_termfreq_min() const override { return 0; }  // docids may be unused
    Xapian::doccount get_termfreq_est() const override { return last_ - first_ + 1; }
    Xapian::doccount get_termfreq_max() const override { return last_ - first_ + 1; }
    void init(const Xapian::Database&) override { at_ = 0; }
    void next(double) override { at_ = at_ ? at_ + 1 : first_; }
    void skip_to(Xapian::docid did, double) override { at_ = std::max({at_, did, first_}); }
    bool at_end() const override { return at_ > last_; }
    Xapian::docid get_docid() const override { return at_; }
    DocidRange* clone() const override { return new DocidRange(first_, last_); }

  private:
    Xapian::docid first_, last_, at_ = 0;
};

Xapian::Query in_docids(const Xapian::Query& query, Xapian::docid first, Xapian::docid last) {
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocidRange(first, last))->release()));
}

// Counting in two threads: the second thread counts this share of the docids, the searching
// thread the rest once the page is ranked (ranking, then a quarter of the counting, takes about
// as long as three quarters of the counting).
constexpr double kCountedBeside = 0.75;

// Counts the matches of `query` among docids first..last into `matches` and `views` from the
// posting lists, when the databases are local and the query's shape allows: one index whole or
// by docid range, a shard set whole, shard by shard. False: nothing counted.
bool counted_from_postings(const Xapian::Database& db, const SearchScope& scope, const Xapian::Query& query,
                           Xapian::docid first, Xapian::docid last,
                           std::optional<std::chrono::steady_clock::time_point> deadline, const MatchCounters& views,
                           Xapian::doccount& matches) {
    if (!scope.postings || !scope.local) return false;
    if (db.size() == 1) return count_from_postings(db, query, first, last, deadline, views, matches);
    const bool whole_set = scope.shards.size() == db.size() && first == 1 && last == db.get_lastdocid();
    return whole_set && count_shards_from_postings(scope.shards, query, deadline, views, matches);
}

// Counts the matches among docids first..last (the whole of a database: 1..get_lastdocid()).
void count_matches(const Xapian::Database& db, const SearchRequest& request, const SearchScope& scope,
                   const Xapian::Query& matching, Xapian::docid first, Xapian::docid last, bool collapse_all,
                   Counting& c) {
    const bool local = scope.local;
    // A summary's values are chosen from the facet counts, so they are counted under --no-facets too.
    const bool facets = request.facets || !request.summary.empty();
    MatchCounters views;  // what the posting path feeds besides the total
    if (facets && local) views.facets = &c.facet_counter;
    if (const schema::Field* kind = schema::facet_named(request.summary); kind && !request.facets)
        c.facet_counter.count_only(kind->facet);
    if (!request.timeline.empty()) {
        const auto period = period_named(request.timeline);
        if (!period) throw QueryError("--timeline: expected week, month or year, got '" + request.timeline + "'");
        // A counter of Docket's own: a stock xapian-tcpsrv cannot run it.
        if (!local) throw QueryError("--timeline is not available on remote shards");
        views.timeline = &c.timeline.emplace(*period);
    }
    if (!request.months && !collapse_all &&
        counted_from_postings(db, scope, matching, first, last, request.deadline, views, c.matches))
        return;
    Xapian::Enquire counting(db);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_query(first > 1 || last < db.get_lastdocid() ? in_docids(matching, first, last) : matching);
    std::optional<DeadlineSpy> deadline;
    if (request.deadline && local) counting.add_matchspy(&deadline.emplace(*request.deadline));
    if (request.months) counting.add_matchspy(&c.dates);
    if (views.timeline) counting.add_matchspy(views.timeline);
    if (collapse_all) counting.add_matchspy(&c.distinct_texts);
    if (facets) counting.add_matchspy(local ? static_cast<Xapian::MatchSpy*>(&c.facet_counter) : &c.facet_combinations);
    // checkatleast = every document: exact totals and exact facet counts.
    c.matches = counting.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// Each facet's values as the printers show them, per row of schema::kFields.
std::vector<FacetValues> facet_values(const Xapian::Database& db, const SearchRequest& request, bool local,
                                      const Duplicates& duplicates, const Counting& c) {
    // Under --no-facets each facet is shown empty, though a summary may have counted them.
    FacetTallies tallies = !request.facets ? FacetTallies{}
                           : local         ? c.facet_counter.named(db, request.facet_limit)
                                           : split_facet_counts(c.facet_combinations);
    for (const auto& [hash, packed] : duplicates.group_facets) untally_packed(packed, duplicates.groups.at(hash) - 1, tallies);
    std::vector<FacetValues> facets;
    for (std::size_t k = 0; k < schema::kFacetKinds; ++k) {
        FacetValues f{&schema::facet_field(k), {}, 0};
        const FacetTally& tally = tallies.kinds[k];
        if (f.field->type == schema::FieldType::Buckets) {
            for (const auto& bucket : amount_buckets())
                if (auto n = tally.counts.find(bucket.label); n != tally.counts.end())
                    f.values.push_back({bucket.label, n->second, bucket.min, bucket.max});
            f.distinct = f.values.size();
        } else {
            f.values = sorted_by_count(tally.counts, request.facet_limit);
            f.distinct = tally.distinct;
        }
        facets.push_back(std::move(f));
    }
    return facets;
}

// The kind --summary names (a facet with entities), checked before any counting.
const schema::Field* summary_kind(const SearchRequest& request, bool local) {
    if (request.summary.empty()) return nullptr;
    const schema::Field* kind = schema::facet_named(request.summary);
    if (!kind || !kind->entities) throw QueryError("--summary: expected company or case, got '" + request.summary + "'");
    // A counter of Docket's own: a stock xapian-tcpsrv cannot run it.
    if (!local) throw QueryError("--summary is not available on remote shards");
    return kind;
}

// The summarised values: those the request filters on when it filters on the kind summarised
// (--summary company --company Meta: Meta's profile), else the facet_limit with most articles.
// `facets` counted every match, each exact duplicate too (summaries count them all).
std::vector<SummarisedValue> summarised(const Xapian::Database& db, const SearchRequest& request, const schema::Field& kind,
                                        const FacetCounter& facets) {
    const bool companies = kind.entities == &Entities::companies;
    const std::vector<std::string>& filters = companies ? request.companies : request.cases;
    if (filters.empty()) return summarised_values(db, facets.counts_of(kind.facet), request.facet_limit, nullptr);
    std::vector<std::string> names;
    for (const auto& f : filters) names.push_back(companies ? resolve_company(db, f) : resolve_case(db, f));
    return summarised_values(db, facets.counts_of(kind.facet), SIZE_MAX, &names);
}

// `matching` filtered to the articles naming any of the summarised values (their terms).
Xapian::Query naming_any(const Xapian::Query& matching, const schema::Field& kind, const std::vector<SummarisedValue>& values) {
    std::vector<Xapian::Query> terms;
    for (const SummarisedValue& value : values) terms.emplace_back(schema::bounded_term(kind.prefix, facet_key(value.name)));
    return Xapian::Query(Xapian::Query::OP_FILTER, matching, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

// The values' summaries, counted in one pass over the matches naming any of them; with a
// second handle, from the posting lists in two threads, the first half of the docids beside.
std::vector<EntitySummary> summarise(const Xapian::Database& db, const SearchRequest& request, const SearchScope& scope,
                                     const Xapian::Query& matching, const schema::Field& kind,
                                     const std::vector<SummarisedValue>& values) {
    if (values.empty()) return {};
    SummaryCounters counters(values, db.size() == 1);
    const Xapian::docid last = db.get_lastdocid();
    if (scope.counting) {
        const Xapian::docid half = last / 2;
        std::future<bool> beside = std::async(std::launch::async, [&] {
            const Xapian::Query query = naming_any(build_matching(*scope.counting, request).query(), kind, values);
            MatchCounters views;
            views.summary = &counters;
            Xapian::doccount matches = 0;
            return counted_from_postings(*scope.counting, scope, query, 1, half, request.deadline, views, matches);
        });
        SummaryCounters later(values, true);
        MatchCounters views;
        views.summary = &later;
        Xapian::doccount matches = 0;
        const bool mine = counted_from_postings(db, scope, naming_any(matching, kind, values), half + 1, last, request.deadline, views, matches);
        // The query's shape decides for both halves: either both counted or neither did.
        if (beside.get() && mine) {
            counters.add(later);
            return counters.summaries(db);
        }
    } else {
        MatchCounters views;
        views.summary = &counters;
        Xapian::doccount matches = 0;
        if (counted_from_postings(db, scope, naming_any(matching, kind, values), 1, last, request.deadline, views, matches))
            return counters.summaries(db);
    }
    Xapian::Enquire counting(db);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_query(naming_any(matching, kind, values));
    std::optional<DeadlineSpy> deadline;
    if (request.deadline) counting.add_matchspy(&deadline.emplace(*request.deadline));
    counting.add_matchspy(&counters);
    counting.get_mset(0, 0, db.get_doccount());
    return counters.summaries(db);
}

// The dates spy's days ("20250321") summed by month.
void count_months(const Counting& c, SearchResult& result) {
    result.months_counted = true;
    Xapian::doccount dated = 0;
    for (auto v = c.dates.values_begin(); v != c.dates.values_end(); ++v) {
        const std::string& day = *v;
        if (day.size() < 6) continue;
        const std::string month = day.substr(0, 4) + "-" + day.substr(4, 2);
        if (result.months.empty() || result.months.back().month != month) result.months.push_back({month, 0});
        result.months.back().count += v.get_termfreq();
        dated += v.get_termfreq();
    }
    result.undated = c.matches - dated;
}

}  // namespace

const FacetValues& SearchResult::facet(std::string_view name) const {
    for (const FacetValues& f : facets)
        if (f.field->name == name) return f;
    throw std::invalid_argument("no facet named " + std::string(name));
}

SearchResult search(const Xapian::Database& db, const SearchRequest& request, const Highlight& highlight,
                    const SearchScope& scope) {
    const bool local = scope.local;
    const schema::Field* summarised_kind = summary_kind(request, local);
    Xapian::Enquire enquire(db);
    const Ranking ranking = set_up_ranking(enquire, db, request);
    const BuiltQuery& built = ranking.built;
    Duplicates duplicates = duplicate_policy(db, request, scope);
    Counting counted;
    // With a second handle, every match is counted in a second thread while this one ranks
    // the page (on two cores, a single query's latency is then the longer of the two).
    // Counts that add up can be split by docid; distinct texts and months are counted in one piece.
    std::future<void> counting;
    const bool split = scope.counting && !duplicates.collapse_all && !request.months;
    const Xapian::docid last = db.get_lastdocid();
    const auto beside_last = split ? static_cast<Xapian::docid>(last * kCountedBeside) : last;
    if (scope.counting)
        counting = std::async(std::launch::async, [&, collapse_all = duplicates.collapse_all] {
            // Its own query objects: Xapian's are not safe to share between threads.
            Xapian::Query matching = build_matching(*scope.counting, request).query();
            count_matches(*scope.counting, request, scope, matching, 1, beside_last, collapse_all, counted);
        });
    else
        count_matches(db, request, scope, ranking.matching, 1, last, duplicates.collapse_all, counted);
    find_duplicates(db, request, scope, ranking.matching, duplicates);
    if (duplicates.collapse_all) enquire.set_collapse_key(schema::slot::kContentHash);
    // Folding needs more ranked matches than the page shows, at most every foldable one more;
    // as few as will do, since the longer the ranking, the less Xapian can prune.
    const Xapian::doccount page_end = request.offset + request.limit;
    const Xapian::doccount most_ranked = page_end + (duplicates.fold_marked ? duplicates.foldable() : 0);
    Xapian::doccount ranked = std::min(most_ranked, 2 * page_end + 16);
    Xapian::MSet mset = duplicates.fold_marked ? enquire.get_mset(0, ranked) : enquire.get_mset(request.offset, request.limit);
    Counting rest;
    if (split && beside_last < last) count_matches(db, request, scope, ranking.matching, beside_last + 1, last, false, rest);
    if (counting.valid()) counting.get();  // its exceptions are this search's
    counted.matches += rest.matches;
    counted.facet_counter.add(rest.facet_counter);
    if (rest.timeline) counted.timeline->add(*rest.timeline);
    std::vector<SummarisedValue> summary_values;
    if (summarised_kind) summary_values = summarised(db, request, *summarised_kind, counted.facet_counter);
    // Facets count a folded group once, like the total (copies share their text, so their entities).
    for (const auto& [hash, codes] : duplicates.group_codes) counted.facet_counter.forget(codes, duplicates.groups.at(hash) - 1);

    SearchResult result;
    result.query = request.query;
    result.words_ignored = built.words_ignored;
    result.warnings = built.warnings;
    result.facets_counted = request.facets;
    if (built.has_text && !request.query.empty()) result.suggestion = suggest_spelling(db, request.query);
    if (!request.ids_only && !request.query.empty()) result.hints = entity_hints(db, request);
    if (duplicates.collapse_all)
        result.total = static_cast<Xapian::doccount>(
            std::distance(counted.distinct_texts.values_begin(), counted.distinct_texts.values_end()));
    else
        result.total = counted.matches - duplicates.foldable();
    // Unmarked databases searched together fold in the total only: their facets count every copy.
    result.facets_count_duplicates = request.facets && duplicates.collapse_all && result.total < counted.matches;
    result.offset = request.offset;
    result.limit = request.limit;

    // The page's hits from a ranking, folding the marked duplicates' later copies; false when
    // folding left the page short (then, if more matches rank below, from a longer ranking).
    auto fill_page = [&](const Xapian::MSet& ranking_page) {
        result.hits.clear();
        std::set<std::string> groups_seen;
        unsigned position = 0;  // in the folded ranking
        for (auto it = ranking_page.begin(); it != ranking_page.end(); ++it) {
            Xapian::doccount copies = 0;
            if (duplicates.collapse_all) {
                // Xapian's own collapse count is a lower bound across remote shards; the spy's is exact.
                auto same = counted.distinct_texts.values_begin();
                const std::string key = it.get_document().get_value(schema::slot::kContentHash);
                same.skip_to(key);
                if (same != counted.distinct_texts.values_end() && *same == key) copies = same.get_termfreq() - 1;
            }
            if (duplicates.fold_marked) {
                auto group = duplicates.group_of(it);
                if (group != duplicates.groups.end()) {
                    if (!groups_seen.insert(group->first).second) continue;  // a later copy: folded into the first
                    copies = group->second - 1;
                }
                if (position++ < request.offset) continue;
                if (result.hits.size() == request.limit) break;
            }
            Hit hit;
            const unsigned rank = request.offset + static_cast<unsigned>(result.hits.size()) + 1;
            if (request.ids_only) {
                hit.rank = rank;
                hit.score = it.get_weight();
            } else {
                hit = make_hit(it, ranking_page, rank, request.snippets ? &highlight : nullptr);
            }
            hit.record_id = it.get_document().get_value(schema::slot::kRecordId);
            hit.duplicates = copies;
            if (request.explain && !request.ids_only)
                hit.explanation = explain_hit(enquire, db, *ranking.weight, it, hit, request, built, ranking.recency);
            result.hits.push_back(std::move(hit));
        }
        return !duplicates.fold_marked || result.hits.size() == request.limit;
    };
    while (!fill_page(mset) && ranked < most_ranked && mset.size() == ranked) {
        ranked = std::min(most_ranked, 4 * ranked);
        mset = enquire.get_mset(0, ranked);
    }
    result.facets = facet_values(db, request, local, duplicates, counted);
    if (request.months) count_months(counted, result);
    if (counted.timeline) result.timeline = counted.timeline->timeline();
    if (summarised_kind) result.summary = summarise(db, request, scope, ranking.matching, *summarised_kind, summary_values);
    return result;
}

}  // namespace docket
