#include <catch2/catch.hpp>

#include "analysis.h"
#include "document.h"
#include "entities.h"
#include "query.h"
#include "schema.h"
#include "search.h"

using namespace docket;

namespace {

// A small in-memory index built with the real document builder.
Xapian::Database sample_index() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.set_metadata(std::string(schema::meta::kSchemaVersion), std::string(schema::kVersion));
    for (const auto& [lower, company] : Gazetteer::builtin().lower_forms())
        db.set_metadata(std::string(schema::meta::kAliasPrefix) + lower, Gazetteer::builtin().names()[company]);
    EntityExtractor ex(Gazetteer::builtin());
    Xapian::TermGenerator tg;
    analysis::configure(tg);
    struct Doc {
        const char *id, *title, *date, *body;
    };
    const Doc docs[] = {
        {"/a.md", "Meta shares Llama revenue", "2025-03-21",
         "In Kadrey v. Meta, filings show revenue sharing with AWS. Meta plans $60 billion-$80 billion."},
        {"/b.md", "OpenAI raises money", "2024-10-02", "OpenAI said it raised $6.6bn from Microsoft Corp. investors."},
        {"/c.md", "Facebook and the FTC", "2023-05-01", "FTC v. Meta Platforms, Inc. concerns Facebook. A fine of $5 million."},
        {"/d.md", "Weather report", "2022-01-01", "Rain expected, nothing about companies."},
    };
    for (const auto& d : docs) {
        Article a;
        a.id = a.path = d.id;
        a.title = d.title;
        a.date = d.date;
        a.body = d.body;
        db.replace_document(id_term(a), build_document(a, ex.extract(a), "1:1", tg));
    }
    db.commit();
    return db;
}

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.article.id);
    std::sort(out.begin(), out.end());
    return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("query syntax errors are reported, valid syntax passes", "[query]") {
    for (const char* bad : {"\"unclosed phrase", "(llama", "llama)", "AND llama", "llama AND", "llama OR OR meta",
                            "llama NOT", "company:", "()"}) {
        INFO(bad);
        CHECK_THROWS_AS(check_query_syntax(bad), QueryError);
    }
    for (const char* good : {"revenue sharing llama", "\"revenue sharing\" AND llama", "(meta OR facebook) NOT apple",
                             "company:meta llama", "case:\"Kadrey v. Meta\"", "NOT apple", "regul*", "title:llama"}) {
        INFO(good);
        CHECK_NOTHROW(check_query_syntax(good));
    }
}

TEST_CASE("search: filters, aliases, facets", "[query][search]") {
    Xapian::Database db = sample_index();
    auto run = [&](SearchRequest r) {
        r.limit = 100;
        return search(db, r, Highlight{});
    };
    SearchRequest all;
    SearchResult everything = run(all);
    CHECK(everything.total == 4);

    SearchRequest by_alias;
    by_alias.companies = {"facebook"};
    CHECK(ids(run(by_alias)) == Ids{"/a.md", "/c.md"});

    SearchRequest or_within;
    or_within.companies = {"Meta Platforms, Inc.", "openai"};
    CHECK(run(or_within).total == 3);

    SearchRequest and_across;
    and_across.companies = {"meta"};
    and_across.cases = {"kadrey v. meta platforms"};
    CHECK(ids(run(and_across)) == Ids{"/a.md"});

    SearchRequest in_query;
    in_query.query = "company:Facebook case:\"FTC v. Meta\"";
    CHECK(ids(run(in_query)) == Ids{"/c.md"});

    SearchRequest amounts;
    amounts.amount_min = 1e9;
    CHECK(ids(run(amounts)) == Ids{"/a.md", "/b.md"});
    amounts.amount_max = 1e10;
    CHECK(ids(run(amounts)) == Ids{"/b.md"});
    SearchRequest small;
    small.amount_max = 1e7;
    CHECK(ids(run(small)) == Ids{"/c.md"});

    SearchRequest dates;
    dates.date_from = "2024-01-01";
    dates.date_to = "2024-12-31";
    CHECK(ids(run(dates)) == Ids{"/b.md"});

    SearchRequest text;
    text.query = "revenue sharing llama";
    SearchResult r = run(text);
    REQUIRE(r.total >= 1);
    CHECK(r.hits[0].article.id == "/a.md");
    CHECK(r.hits[0].snippet.find("**revenue** **sharing**") != std::string::npos);
    REQUIRE(r.company_facets.size() == 2);  // equal counts: by name
    CHECK(r.company_facets[0].value == "Amazon");
    CHECK(r.company_facets[1].value == "Meta");
    REQUIRE(r.case_facets.size() == 1);
    CHECK(r.case_facets[0].value == "Kadrey v. Meta");

    SearchRequest wildcard;
    wildcard.query = "revenu*";  // expands over stems: "revenue" is stored as Zrevenu
    CHECK(ids(run(wildcard)) == Ids{"/a.md"});
    SearchRequest phrase;
    phrase.query = "\"revenue sharing\"";
    CHECK(ids(run(phrase)) == Ids{"/a.md"});
    SearchRequest title_field;
    title_field.query = "title:raises";
    CHECK(ids(run(title_field)) == Ids{"/b.md"});

    SearchRequest none;
    none.query = "zebra";
    CHECK(run(none).total == 0);

    SearchRequest bad_case;
    bad_case.cases = {"Kadrey"};
    CHECK_THROWS_AS(run(bad_case), QueryError);
    SearchRequest bad_date;
    bad_date.date_from = "soon";
    CHECK_THROWS_AS(run(bad_date), QueryError);
}
