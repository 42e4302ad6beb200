// count_from_postings (searcher/posting_count.h) against Xapian's own unweighted match:
// the same totals and facet counts for the query shapes it reads from posting lists,
// and false (nothing counted) for the shapes Xapian's matcher must count.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "document.h"
#include "entities/entities.h"
#include "index/alias_table.h"
#include "index/facets.h"
#include "index/schema.h"
#include "index/schema_version.h"
#include "posting_count.h"
#include "query.h"
#include "request.h"
#include "small_index.h"
#include "text/analysis.h"

using namespace docket;

namespace {

using test::Doc;

// The index the cases count over.
Xapian::Database posting_index() {
    const std::vector<Doc> docs = {
        {"/a.md", "Meta shares Llama revenue", "2025-03-21",
         "In Kadrey v. Meta, filings show revenue sharing with AWS. Meta plans $60 billion-$80 billion."},
        {"/b.md", "OpenAI raises money", "2024-10-02", "OpenAI said it raised $6.6bn from Microsoft Corp. investors."},
        {"/c.md", "Facebook and the FTC", "2023-05-01", "FTC v. Meta Platforms, Inc. concerns Facebook. A fine of $5 million."},
        {"/d.md", "Weather report", "2022-01-01", "Rain expected, nothing about companies."},
        {"/e.md", "Llama models from Meta", "2024-07-23", "Meta released Llama 3.1; Microsoft hosts llamas on Azure."},
        {"/f.md", "Llamas in the Andes", "2021-06-11", "A farmer's llama herd grazes; no technology here."},
        {"/g.md", "Microsoft earnings", "2025-01-29", "Microsoft reported $69.6 billion revenue; OpenAI spending rose."},
        {"/h.md", "Meta fined in Europe", "2023-05-22", "Meta was fined $1.3 billion over data transfers; llama not mentioned."},
    };
    return test::index_of(docs);
}

// Xapian's matcher accepting only docids first..last (a decider runs before the spies).
struct DocidWindow : Xapian::MatchDecider {
    Xapian::docid first, last;
    DocidWindow(Xapian::docid f, Xapian::docid l) : first(f), last(l) {}
    bool operator()(const Xapian::Document& doc) const override {
        return doc.get_docid() >= first && doc.get_docid() <= last;
    }
};

// The reference: an unweighted Xapian match with a FacetCounter spy, checkatleast = doccount.
Xapian::doccount xapian_count(const Xapian::Database& db, const Xapian::Query& q, Xapian::docid first,
                              Xapian::docid last, FacetCounter& facets) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(q);
    enquire.add_matchspy(&facets);
    DocidWindow window(first, last);
    return enquire.get_mset(0, 0, db.get_doccount(), nullptr, &window).get_matches_estimated();
}

SearchRequest request_of(const std::string& query, std::vector<std::string> companies = {}) {
    SearchRequest r;
    r.query = query;
    r.query_given = !query.empty();
    r.companies = std::move(companies);
    return r;
}

void require_same_facets(const Xapian::Database& db, const FacetCounter& mine, const FacetCounter& xapians) {
    const FacetTallies a = mine.named(db, SIZE_MAX), b = xapians.named(db, SIZE_MAX);
    for (std::size_t i = 0; i < a.kinds.size(); ++i) {
        INFO("facet kind " << i);
        CHECK(a.kinds[i].distinct == b.kinds[i].distinct);
        CHECK(a.kinds[i].counts == b.kinds[i].counts);
    }
}

}  // namespace

TEST_CASE("count_from_postings counts what Xapian's unweighted match counts", "[posting_count]") {
    const Xapian::Database db = posting_index();
    const Xapian::docid last = db.get_lastdocid();
    REQUIRE(last == 8);

    struct Case {
        const char* name;
        SearchRequest request;
        Xapian::docid first, last;  // 0, 0: the whole database
        bool some_match;            // the case is only meaningful if Xapian finds matches
    };
    const std::vector<Case> cases = {
        {"single word", request_of("llama"), 0, 0, true},
        {"two-word OR", request_of("llama microsoft"), 0, 0, true},
        {"three-word OR", request_of("llama microsoft openai"), 0, 0, true},
        {"AND", request_of("meta AND llama"), 0, 0, true},
        {"NOT", request_of("llama NOT meta"), 0, 0, true},
        {"field company:meta", request_of("company:meta"), 0, 0, true},
        {"query with --company", request_of("revenue", {"Meta"}), 0, 0, true},
        {"filter only (--company, no query)", request_of("", {"Meta"}), 0, 0, true},
        {"unknown word", request_of("zyzzyvaquux"), 0, 0, false},
        {"wildcard", request_of("lla*"), 0, 0, true},
        {"docid subrange, OR", request_of("llama microsoft"), 2, 6, true},
        {"docid subrange, --company", request_of("", {"Meta"}), 3, 7, true},
        {"docid single doc", request_of("meta"), 5, 5, true},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            const Xapian::Query q = build_query(c.request, db).query();
            INFO("query " << q.get_description());
            const Xapian::docid first = c.first ? c.first : 1, upto = c.last ? c.last : last;
            FacetCounter expected_facets;
            const Xapian::doccount expected = xapian_count(db, q, first, upto, expected_facets);
            if (c.some_match)
                CHECK(expected > 0);
            else
                CHECK(expected == 0);
            FacetCounter facets;
            Xapian::doccount matches = 12345;
            REQUIRE(count_from_postings(db, q, first, upto, std::nullopt, {.facets = &facets}, matches));
            CHECK(matches == expected);
            require_same_facets(db, facets, expected_facets);
            // Without a facet counter, the same total.
            Xapian::doccount bare = 0;
            REQUIRE(count_from_postings(db, q, first, upto, std::nullopt, {}, bare));
            CHECK(bare == expected);
        }
    }
}

TEST_CASE("count_from_postings leaves other shapes to Xapian's match", "[posting_count]") {
    const Xapian::Database db = posting_index();
    SearchRequest phrase = request_of("\"meta shares\"");
    SearchRequest dates = request_of("meta");
    dates.date_from = "2024-01-01";
    SearchRequest dates_only = request_of("");
    dates_only.date_from = "2024-01-01";
    dates_only.date_to = "2025-12-31";
    SearchRequest amounts = request_of("meta");
    amounts.amount_min = 1e6;

    struct Case {
        const char* name;
        SearchRequest request;
    };
    const std::vector<Case> cases = {
        {"phrase", phrase},
        {"date range with a query", dates},
        {"date range alone", dates_only},
        {"--amount-min (posting source)", amounts},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            const Xapian::Query q = build_query(c.request, db).query();
            INFO("query " << q.get_description());
            FacetCounter facets;
            Xapian::doccount matches = 12345;
            CHECK_FALSE(count_from_postings(db, q, 1, db.get_lastdocid(), std::nullopt, {.facets = &facets}, matches));
            CHECK(matches == 12345);  // nothing counted
            CHECK(facets.named(db, SIZE_MAX).kinds[0].distinct == 0);
        }
    }
}
