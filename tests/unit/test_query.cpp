#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "text/analysis.h"
#include "document.h"
#include "entities/amounts.h"
#include "entities/entities.h"
#include "query.h"
#include "index/alias_table.h"
#include "index/schema.h"
#include "index/schema_version.h"
#include "hints.h"
#include "timeline.h"
#include "index_run.h"
#include "search.h"
#include "small_index.h"
#include "spelling.h"

using namespace docket;

namespace {

using test::Doc;
using test::index_of;

Xapian::Database sample_index() {
    return index_of({
        {"/a.md", "Meta shares Llama revenue", "2025-03-21",
         "In Kadrey v. Meta, filings show revenue sharing with AWS. Meta plans $60 billion-$80 billion."},
        {"/b.md", "OpenAI raises money", "2024-10-02", "OpenAI said it raised $6.6bn from Microsoft Corp. investors."},
        {"/c.md", "Facebook and the FTC", "2023-05-01", "FTC v. Meta Platforms, Inc. concerns Facebook. A fine of $5 million."},
        {"/d.md", "Weather report", "2022-01-01", "Rain expected, nothing about companies."},
    });
}

std::vector<std::string> ids(const SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.article.id);
    std::sort(out.begin(), out.end());
    return out;
}

using Ids = std::vector<std::string>;

// Every hit of a request, not just the first page.
SearchResult search_all(const Xapian::Database& db, SearchRequest r) {
    r.limit = 100;
    return search(db, r, Highlight{});
}

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

TEST_CASE("query limits: bytes, then words, each named when exceeded", "[query]") {
    auto words = [](std::size_t n, const std::string& word) {
        std::string q;
        for (std::size_t i = 0; i < n; ++i) q += (i ? " " : "") + word;
        return q;
    };
    CHECK_NOTHROW(check_query_limits(words(kMaxQueryWords, "oil")));
    CHECK_NOTHROW(check_query_limits(std::string(kMaxQueryBytes, 'x')));  // one word, at the byte limit
    CHECK_NOTHROW(check_query_limits(words(kMaxQueryWords / 2, "open-source")));  // a hyphenated word is two
    CHECK_THROWS_WITH(check_query_limits(words(kMaxQueryWords / 2 + 1, "open-source")),
                      "query too long: 1002 words, the limit is 1000 words");
    CHECK_THROWS_WITH(check_query_limits(words(kMaxQueryWords + 1, "oil")), "query too long: 1001 words, the limit is 1000 words");
    CHECK_THROWS_WITH(check_query_limits(std::string(kMaxQueryBytes + 1, 'x')),
                      "query too long: 10001 bytes, the limit is 10000 bytes");
    CHECK_NOTHROW(check_query_limits(std::string(kMaxQueryBytes, ' ')));  // spaces are no words
    CHECK(echo_query(std::string(200, 'a')) == std::string(80, 'a') + "...");
}

TEST_CASE("repeated words become one weighted term that scores as the copies did", "[query]") {
    Xapian::Database db = sample_index();
    SearchRequest r;
    r.query = "llama revenue llama llama";
    BuiltQuery built = build_query(r, db);
    const std::string description = built.text.get_description();
    INFO(description);
    CHECK(description.find("Zllama") == description.rfind("Zllama"));  // one posting list, not three
    // Scored as Xapian scores the three copies as typed.
    const std::vector<Xapian::Query> typed_terms{Xapian::Query("Zllama"), Xapian::Query("Zrevenu"), Xapian::Query("Zllama"),
                                                 Xapian::Query("Zllama")};
    const Xapian::Query copies(Xapian::Query::OP_OR, typed_terms.begin(), typed_terms.end());
    auto weights = [&](const Xapian::Query& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        std::map<Xapian::docid, double> out;
        Xapian::MSet m = enquire.get_mset(0, 10);
        for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
        return out;
    };
    auto merged = weights(built.text), typed = weights(copies);
    REQUIRE(merged.size() == typed.size());
    for (const auto& [doc, w] : typed) CHECK(merged[doc] == Approx(w).epsilon(1e-12));
    // Repeated company names and wildcards merge too; phrases stay as typed.
    for (const char* q : {"facebook facebook facebook", "reven* reven* reven*", "+llama +llama +llama", "llama OR llama OR llama"}) {
        r.query = q;
        const std::string merged_description = build_query(r, db).text.get_description();
        INFO(q << ": " << merged_description);
        CHECK(merged_description.find("3 * ") != std::string::npos);
    }
    r.query = "\"llama revenue\" \"llama revenue\"";
    CHECK(build_query(r, db).text.get_description().find(" * ") == std::string::npos);
}

TEST_CASE("wildcards of one query together match at most kMaxWildcardExpansion words", "[query]") {
    // 3,000 words starting "wa" and 3,000 starting "wb".
    std::string body;
    for (char prefix : {'a', 'b'})
        for (int i = 0; i < 3000; ++i)
            body += std::string(" w") + prefix + static_cast<char>('a' + i / 676) + static_cast<char>('a' + i / 26 % 26) +
                    static_cast<char>('a' + i % 26) + "z";
    Xapian::Database db = index_of({{"/w.md", "Words", "2025-01-01", body.c_str()}});
    SearchRequest r;
    r.query = "waa*";
    CHECK(search_all(db, r).total == 1);
    r.query = "wa* wa*";  // a repeated wildcard is expanded once
    CHECK(search_all(db, r).total == 1);
    r.query = "w*";
    CHECK_THROWS_WITH(search_all(db, r), "'w*' matches more than 5000 words: make it longer");
    r.query = "wa* wb*";
    CHECK_THROWS_WITH(search_all(db, r), "the wildcards up to 'wb*' match more than 5000 words in all: make them longer");
}

TEST_CASE("search: filters, aliases, facets", "[query][search]") {
    Xapian::Database db = sample_index();
    auto run = [&](const SearchRequest& r) { return search_all(db, r); };
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
    REQUIRE(r.facet("company").values.size() == 2);  // equal counts: by name
    CHECK(r.facet("company").values[0].value == "Amazon");
    CHECK(r.facet("company").values[1].value == "Meta");
    REQUIRE(r.facet("case").values.size() == 1);
    CHECK(r.facet("case").values[0].value == "Kadrey v. Meta");

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

TEST_CASE("edit distance counts insertions, deletions, substitutions and transpositions", "[spelling]") {
    struct Case {
        const char *a, *b;
        unsigned limit, expected;
    };
    for (const auto& c : std::vector<Case>{{"llama", "llama", 2, 0},
                                           {"lama", "llama", 2, 1},
                                           {"lamma", "llama", 2, 2},
                                           {"antitrst", "antitrust", 2, 1},
                                           {"form", "from", 2, 1},      // transposition counts once
                                           {"apple", "orange", 2, 3},   // over the limit: limit + 1
                                           {"a", "abcd", 1, 2},
                                           {"", "ab", 2, 2},
                                           {"ab", "", 2, 2},
                                           {"a", "", 2, 1},
                                           {"caf\xC3\xA9", "cafe", 2, 1},  // an accented letter is one letter, not two bytes
                                           {"z\xC3\xBCrich", "zurich", 1, 1},
                                           {"z\xC3\xBCrich", "zaurich", 1, 2}}) {
        INFO(c.a << " / " << c.b);
        CHECK(edit_distance(c.a, c.b, c.limit) == c.expected);
    }
}

TEST_CASE("query features: spelling, aliases in free text, NEAR, explain, like, date sorting, recency", "[search]") {
    Xapian::Database db = sample_index();
    auto run = [&](const SearchRequest& r) { return search_all(db, r); };
    SearchRequest typo;
    typo.query = "revenue sharring lama";
    CHECK(run(typo).suggestion == "revenue sharing llama");
    SearchRequest known;  // no suggestion when every word is indexed, or for field values and wildcards
    known.query = "revenue company:facebok zebr*";
    CHECK(run(known).suggestion.empty());
    SearchRequest far;  // nothing close enough: no suggestion
    far.query = "xylophone";
    CHECK(run(far).suggestion.empty());

    const struct {
        const char* query;
        Ids expected;
    } matches[] = {
        {"facebook", {"/a.md", "/c.md"}},  // also the article that only says "Meta"
        {"llama", {"/a.md"}},              // an ambiguous alias of Meta: it stays a word
        {"revenue NEAR/4 aws", {"/a.md"}},
        {"kadrey NEAR/3 aws", {}},         // near-miss: four words apart
        {"title:llama", {"/a.md"}},
        {"title:facebook", {"/c.md"}},     // field search takes no alias expansion
        {"zalias:facebook", {"/a.md", "/c.md"}},  // an internal field name typed is a word, not a field
        {"-weather -zwild:rain.1", {}},  // crashed Xapian's parser before: now "rain 1" is a phrase to find
    };
    for (const auto& m : matches) {
        SearchRequest r;
        r.query = m.query;
        INFO(m.query);
        CHECK(ids(run(r)) == m.expected);
    }

    SearchRequest explain;
    explain.query = "revenue openai";
    explain.companies = {"facebook"};
    explain.explain = true;
    SearchResult e = run(explain);
    REQUIRE(e.hits.size() == 1);
    const auto& why = e.hits[0].explanation;
    REQUIRE(why.terms.size() == 2);  // the word, and its copy in the title
    CHECK(why.terms[0].term == "revenu");
    CHECK(why.terms[1].term == "title:revenu");
    CHECK(why.terms[0].weight + why.terms[1].weight == Approx(e.hits[0].score));  // the parts add up to the score
    CHECK(why.filters == std::vector<std::string>{"company: Meta"});

    SearchRequest like;
    like.like_id = "/a.md";
    SearchResult l = run(like);
    for (const auto& h : l.hits) CHECK(h.article.id != "/a.md");  // never the article itself
    REQUIRE(!l.hits.empty());
    CHECK(l.hits[0].article.id == "/c.md");  // shares Meta and Kadrey-style legal words
    SearchRequest unknown_like;
    unknown_like.like_id = "/nope.md";
    CHECK_THROWS_AS(run(unknown_like), QueryError);

    SearchRequest by_date;
    by_date.query = "meta OR openai OR rain";
    by_date.sort_by_date = true;
    SearchResult d = run(by_date);
    REQUIRE(d.hits.size() == 4);
    CHECK(d.hits[0].article.date == "2025-03-21");
    CHECK(d.hits[3].article.date == "2022-01-01");

    SearchRequest plain, recent;  // equal text scores: recency puts the newer one first
    plain.query = recent.query = "facebook";
    recent.recency_days = 365;
    SearchResult p = run(plain), r = run(recent);
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].article.id == "/a.md");
    CHECK(r.hits[0].score > p.hits[0].score);
}

TEST_CASE("hyphenated words match their words apart with the phrase first, and signed numbers are numbers", "[search]") {
    Xapian::Database db = index_of({
        {"/phrase.md", "Trial results", "2024-01-01", "HIV-positive adults joined an open-source trial."},
        {"/apart.md", "Trial results", "2024-02-01", "HIV rates fell; positive results came from the open trial, source code aside."},
        {"/variant.md", "Trial results", "2024-03-01", "HIV-1-positive adults joined a small trial."},
        {"/other.md", "Rain report", "2024-04-01", "Nothing about any of it."},
    });
    const struct {
        const char* query;
        Ids expected;
        const char* first;  // the best hit, when several match
    } rows[] = {
        {"HIV-positive", {"/apart.md", "/phrase.md", "/variant.md"}, "/phrase.md"},  // words apart match too
        {"hiv-positive adults", {"/apart.md", "/phrase.md", "/variant.md"}, nullptr},
        {"open-source.", {"/apart.md", "/phrase.md"}, "/phrase.md"},               // sentence punctuation
        {"(open-source OR rain)", {"/apart.md", "/other.md", "/phrase.md"}, nullptr},
        // Near-misses: quoted, required, excluded and field compounds stay phrases.
        {"\"HIV-positive\"", {"/phrase.md"}, nullptr},
        {"+HIV-positive trial", {"/phrase.md"}, nullptr},
        {"trial -open-source", {"/apart.md", "/variant.md"}, nullptr},
        {"title:trial-results", {"/apart.md", "/phrase.md", "/variant.md"}, nullptr},
        {"title:results-trial", {}, nullptr},
        {"date:2024-02-01..2024-03-31 trial", {"/apart.md", "/variant.md"}, nullptr},
        // A sign before a number is part of it ("+1 nucleosomes"); before a word it is an operator.
        {"adults -1", {"/phrase.md", "/variant.md"}, nullptr},
        {"adults +1", {"/phrase.md", "/variant.md"}, "/variant.md"},
        {"adults -hiv", {}, nullptr},
        {"adults +nothing", {"/other.md"}, nullptr},
        // Title words add weight, never matches: an excluded word in a title still excludes.
        {"nothing NOT rain", {}, nullptr},
    };
    for (const auto& row : rows) {
        SearchRequest r;
        r.query = row.query;
        INFO(row.query);
        SearchResult result = search_all(db, r);
        CHECK(ids(result) == row.expected);
        if (row.first && !result.hits.empty()) CHECK(result.hits[0].article.id == row.first);
    }

    // NEAR and ADJ take the compound as typed (a phrase), as before.
    SearchRequest near, near_phrase;
    near.query = "open-source NEAR/3 trial";
    near_phrase.query = "\"open source\" NEAR/3 trial";
    CHECK(ids(search_all(db, near)) == ids(search_all(db, near_phrase)));

    // --explain shows the phrase's bonus, and the parts add up to the score.
    SearchRequest explain;
    explain.query = "HIV-positive";
    explain.explain = true;
    SearchResult e = search_all(db, explain);
    REQUIRE(!e.hits.empty());
    REQUIRE(e.hits[0].article.id == "/phrase.md");
    double sum = 0;
    bool phrase_shown = false;
    for (const auto& part : e.hits[0].explanation.terms) {
        sum += part.weight;
        phrase_shown |= part.term == "\"hiv positive\"";
    }
    CHECK(phrase_shown);
    CHECK(sum == Approx(e.hits[0].score));
}

TEST_CASE("exact duplicates under two paths collapse into one hit with a count", "[search]") {
    const std::vector<Doc> docs = {
        {"/news/a.md", "Meta shares Llama revenue", "2025-03-21", "Filings show revenue sharing."},
        {"/mirror/a.md", "Meta shares Llama revenue", "2025-03-21", "Filings   show revenue\nsharing."},
        {"/news/b.md", "Meta shares Llama revenue", "2025-03-21", "Filings show revenue sharing, updated."},
        {"/news/c.md", "Other news", "2025-03-20", "More revenue talk."},
    };
    Xapian::Database unmarked = index_of(docs);  // Xapian's collapsing, counted exactly
    Xapian::WritableDatabase marked(std::string(), Xapian::DB_BACKEND_INMEMORY);  // the indexer's marks
    {
        Xapian::Database source = index_of(docs);
        for (auto it = source.postlist_begin(""); it != source.postlist_end(""); ++it)
            marked.add_document(source.get_document(*it));
        marked.set_metadata(std::string(schema::meta::kDuplicates), std::to_string(mark_duplicates(marked)));
        CHECK(marked.get_termfreq(std::string(schema::prefix::kHasDuplicate)) == 2);
        marked.commit();
    }
    const Xapian::Database& marked_db = marked;
    for (const Xapian::Database* db : std::vector<const Xapian::Database*>{&unmarked, &marked_db}) {
        SearchRequest r;
        r.query = "revenue";
        SearchResult folded = search(*db, r, Highlight{});
        CHECK(folded.total == 3);
        REQUIRE(folded.hits.size() == 3);
        Xapian::doccount dups = 0;
        for (const auto& h : folded.hits) dups += h.duplicates;
        CHECK(dups == 1);
        for (std::size_t i = 0; i < folded.hits.size(); ++i) CHECK(folded.hits[i].rank == i + 1);
        r.offset = 1;  // pages count folded hits
        r.limit = 5;
        SearchResult page = search(*db, r, Highlight{});
        CHECK(page.total == 3);
        REQUIRE(page.hits.size() == 2);
        CHECK(page.hits[0].rank == 2);
        CHECK(page.hits[0].article.id == folded.hits[1].article.id);
        r.offset = 0;
        r.collapse = false;
        SearchResult all = search(*db, r, Highlight{});
        CHECK(all.total == 4);
        for (const auto& h : all.hits) CHECK(h.duplicates == 0);
    }
    // A duplicate deleted: its twin is no longer marked.
    marked.delete_document(std::string(schema::prefix::kId) + "/mirror/a.md");
    marked.commit();
    REQUIRE(marked.get_doccount() == 3);
    CHECK(mark_duplicates(marked) == 0);
    CHECK(marked.get_termfreq(std::string(schema::prefix::kHasDuplicate)) == 0);
}

TEST_CASE("months: every match counted by month, undated matches apart", "[search]") {
    Xapian::Database db = index_of({
        {"/a.md", "One", "2025-03-21", "chips"},
        {"/b.md", "Two", "2025-03-02", "chips"},
        {"/c.md", "Three", "2024-12-31", "chips"},
        {"/d.md", "Four", "", "chips"},
        {"/e.md", "Five", "2025-04-01", "bread"},
    });
    SearchRequest r;
    r.query = "chips";
    r.months = true;
    SearchResult result = search(db, r, Highlight{});
    REQUIRE(result.months_counted);
    REQUIRE(result.months.size() == 2);
    CHECK(result.months[0].month == "2024-12");
    CHECK(result.months[0].count == 1);
    CHECK(result.months[1].month == "2025-03");
    CHECK(result.months[1].count == 2);
    CHECK(result.undated == 1);
    r.months = false;
    CHECK_FALSE(search(db, r, Highlight{}).months_counted);
}

TEST_CASE("a search past its deadline stops with SearchTimeout, one within it answers", "[search]") {
    Xapian::Database db = sample_index();
    SearchRequest r;
    r.query = "meta";
    r.deadline = std::chrono::steady_clock::now() - std::chrono::milliseconds(1);
    CHECK_THROWS_AS(search(db, r, Highlight{}), SearchTimeout);
    r.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    CHECK(search(db, r, Highlight{}).total > 0);
}

TEST_CASE("entity hints: query words naming a company or case suggest its filter, never more", "[hints]") {
    Xapian::Database db = sample_index();
    const struct {
        std::string query;
        std::vector<std::string> companies;  // --company given
        std::vector<std::string> expected;   // "kind value (text)"
    } cases[] = {
        {"facebook antitrust", {}, {"company Meta (facebook)"}},
        {"Facebook", {}, {"company Meta (Facebook)"}},
        {"openai raised money", {}, {"company OpenAI (openai)"}},
        {"kadrey v meta fair use", {}, {"case Kadrey v. Meta (kadrey v meta)"}},  // one case hint, not a Meta hint too
        {"\"FTC v. Meta\"", {}, {"case FTC v. Meta (FTC v. Meta)"}},
        // Near-misses: no hint.
        {"revenue sharing llama", {}, {}},            // "llama" is also a common word
        {"facebooks", {}, {}},
        {"face book", {}, {}},
        {"weather report", {}, {}},
        {"company:Meta facebook", {}, {}},           // filtered already, in the query
        {"facebook", {"Meta"}, {}},                   // filtered already, by option
        {"-facebook", {}, {}},                        // excluded, not a topic
        {"Smith v. Jones", {}, {}},                   // a case shape no article carries
        {"", {}, {}},
    };
    for (const auto& c : cases) {
        INFO(c.query);
        SearchRequest r;
        r.query = c.query;
        r.companies = c.companies;
        std::vector<std::string> got;
        for (const auto& h : entity_hints(db, r)) {
            got.push_back(h.kind + " " + h.value + " (" + h.text + ")");
            CHECK(h.option == "--" + h.kind + " \"" + h.value + "\"");
        }
        CHECK(got == c.expected);
    }
}

TEST_CASE("timeline periods are calendar dates: ISO weeks across years, leap days, bad dates", "[timeline]") {
    const struct {
        const char* ymd;
        const char *week, *month, *year;
    } cases[] = {
        {"20250321", "2025-W12", "2025-03", "2025"},
        {"20240229", "2024-W09", "2024-02", "2024"},  // a leap day
        {"20201231", "2020-W53", "2020-12", "2020"},  // 2020 has 53 ISO weeks
        {"20210103", "2020-W53", "2021-01", "2021"},  // a Sunday: still 2020's last week
        {"20210104", "2021-W01", "2021-01", "2021"},  // the Monday after
        {"20241230", "2025-W01", "2024-12", "2024"},  // a Monday of 2025's first week
        {"20260101", "2026-W01", "2026-01", "2026"},  // a Thursday
        // Not dates: no period (counted as undated).
        {"20230229", "", "", ""},
        {"20251301", "", "", ""},
        {"2025032", "", "", ""},
        {"", "", "", ""},
        {"2025-03-21", "", "", ""},
    };
    for (const auto& c : cases) {
        INFO(c.ymd);
        CHECK(period_of(c.ymd, Period::Week) == c.week);
        CHECK(period_of(c.ymd, Period::Month) == c.month);
        CHECK(period_of(c.ymd, Period::Year) == c.year);
    }
    CHECK(period_named("month") == Period::Month);
    CHECK_FALSE(period_named("Month"));
    CHECK_FALSE(period_named("day"));
}

TEST_CASE("timeline amounts: per currency, never added across currencies, medians of odd and even counts", "[timeline]") {
    CurrencyStats odd = currency_stats("USD", std::vector<double>{5, 1, 3});
    CHECK(odd.count == 3);
    CHECK(odd.sum == 9);
    CHECK(odd.median == 3);
    CHECK(odd.max == 5);
    CurrencyStats even = currency_stats("EUR", std::vector<double>{4, 1, 3, 10});
    CHECK(even.median == 3.5);
    CHECK(currency_stats("GBP", std::vector<double>{}).count == 0);

    Xapian::Database db = index_of({
        {"/a.md", "One", "2025-01-10", "Meta spent $10 billion and €2 billion."},
        {"/b.md", "Two", "2025-01-20", "Meta spent $30 billion."},
        {"/c.md", "Three", "2025-04-02", "Meta spent $1 billion-$3 billion."},
        {"/d.md", "Four", "", "Meta spent £5 million."},
    });
    SearchRequest r;
    r.query = "meta";
    r.timeline = "month";
    SearchResult result = search(db, r, Highlight{});
    REQUIRE(result.timeline);
    const Timeline& t = *result.timeline;
    REQUIRE(t.rows.size() == 4);  // January to April, February and March empty
    CHECK(t.rows[0].period == "2025-01");
    CHECK(t.rows[0].articles == 2);
    REQUIRE(t.rows[0].amounts.size() == 2);
    CHECK(t.rows[0].amounts[0].currency == "EUR");
    CHECK(t.rows[0].amounts[0].sum == Approx(2e9));
    CHECK(t.rows[0].amounts[1].currency == "USD");
    CHECK(t.rows[0].amounts[1].sum == Approx(4e10));
    CHECK(t.rows[0].amounts[1].median == Approx(2e10));
    CHECK(t.rows[1].period == "2025-02");
    CHECK(t.rows[1].articles == 0);
    CHECK(t.rows[2].articles == 0);
    CHECK(t.rows[3].amounts[0].sum == Approx(2e9));  // a range counts as its midpoint
    CHECK(t.undated.articles == 1);
    CHECK(t.undated.amounts[0].currency == "GBP");
    r.timeline = "fortnight";
    CHECK_THROWS_AS(search(db, r, Highlight{}), QueryError);
}

TEST_CASE("summary: per company its articles, dates, largest amounts and co-mentions", "[summary]") {
    Xapian::Database db = index_of({
        {"/a.md", "Meta and Microsoft", "2025-01-10", "Meta paid Microsoft $10 billion."},
        {"/b.md", "Meta alone", "2024-06-01", "Meta spent €2 billion. Then Meta spent $1 billion."},
        {"/c.md", "Microsoft alone", "2025-03-03", "Microsoft spent $30 billion."},
        {"/d.md", "No company", "2025-04-04", "Rain spent nothing."},
    });
    SearchRequest r;
    r.summary = "company";
    SearchResult result = search(db, r, Highlight{});
    REQUIRE(result.summary);
    REQUIRE(result.summary->size() == 2);
    const EntitySummary& meta = (*result.summary)[0];  // 2 articles each: ties by name
    CHECK(meta.value == "Meta");
    CHECK(meta.articles == 2);
    CHECK(meta.first_date == "2024-06-01");
    CHECK(meta.last_date == "2025-01-10");
    REQUIRE(meta.largest.size() == 3);
    CHECK(meta.largest[0].value == Approx(1e10));  // by USD value, across currencies
    CHECK(meta.largest[0].title == "Meta and Microsoft");
    CHECK(meta.largest[1].currency == "EUR");
    CHECK(meta.largest[2].value == Approx(1e9));
    REQUIRE(meta.with.size() == 1);
    CHECK(meta.with[0].value == "Microsoft");
    CHECK(meta.with[0].articles == 1);
    const EntitySummary& microsoft = (*result.summary)[1];
    CHECK(microsoft.largest[0].value == Approx(3e10));
    CHECK(microsoft.largest[0].id == "/c.md");

    r.companies = {"Microsoft"};  // the filtered company's profile only
    result = search(db, r, Highlight{});
    REQUIRE(result.summary->size() == 1);
    CHECK((*result.summary)[0].value == "Microsoft");
    CHECK((*result.summary)[0].articles == 2);
    r.summary = "amount";  // not a named facet
    CHECK_THROWS_AS(search(db, r, Highlight{}), QueryError);
}

TEST_CASE("a timeline counted in two docid ranges and added equals one counted whole", "[timeline]") {
    auto dated = [](std::string date, std::vector<Amount> amounts) { return schema::dated_amounts(date, pack_amounts(amounts)); };
    const std::vector<std::string> matches = {
        dated("2025-01-10", {{"", 0, "USD", 10, 10}, {"", 0, "EUR", 2, 2}}),
        dated("2025-01-10", {{"", 0, "USD", 0.1, 0.1}}),
        dated("", {{"", 0, "GBP", 5, 5}}),
        dated("2025-03-02", {{"", 0, "USD", 1, 3}}),
        dated("2025-02-30", {}),  // impossible: undated
        "",                       // no value at all: undated
        dated("2025-01-31", {{"", 0, "USD", 0.2, 0.2}, {"", 0, "JPY", 7, 7}}),
    };
    auto rows_of = [](const Timeline& t) {
        std::vector<std::tuple<std::string, Xapian::doccount, std::string, std::size_t, double, double, double>> rows;
        for (const TimelineRow* r : [&] {
                 std::vector<const TimelineRow*> all{&t.undated};
                 for (const auto& row : t.rows) all.push_back(&row);
                 return all;
             }()) {
            rows.emplace_back(r->period, r->articles, "", 0, 0, 0, 0);
            for (const CurrencyStats& s : r->amounts) rows.emplace_back(r->period, 0, s.currency, s.count, s.sum, s.median, s.max);
        }
        return rows;
    };
    TimelineCounter whole(Period::Month);
    for (const auto& m : matches) whole.count(m);
    const auto expected = rows_of(whole.timeline());
    REQUIRE(whole.timeline().rows.size() == 3);  // January to March, February empty
    CHECK(whole.timeline().undated.articles == 3);
    for (std::size_t cut = 0; cut <= matches.size(); ++cut) {
        TimelineCounter first(Period::Month), later(Period::Month);
        for (std::size_t i = 0; i < matches.size(); ++i) (i < cut ? first : later).count(matches[i]);
        first.add(later);
        CHECK(rows_of(first.timeline()) == expected);
    }
}
