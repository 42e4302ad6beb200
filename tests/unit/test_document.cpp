#include <catch2/catch.hpp>

#include <set>

#include "text/analysis.h"
#include "document.h"
#include "entities/entities.h"
#include "index/facets.h"
#include "index/schema.h"
#include "index/stored.h"

using namespace docket;

namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
    std::set<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
    return out;
}

}  // namespace

TEST_CASE("build_document: terms, values and stored record", "[document]") {
    Article a;
    a.id = a.path = "/corpus/kadrey.md";
    a.title = "Meta shares Llama revenue";
    a.date = "2025-03-21";
    a.body = "Filings in Kadrey v. Meta Platforms, Inc. show Meta plans $60 billion-$80 billion of spending.";
    EntityExtractor ex(Gazetteer::builtin());
    Entities e = ex.extract(a);
    analysis::TermIndexer tg;
    Xapian::Document doc = build_document(a, e, "123:456", tg);
    auto terms = terms_of(doc);

    for (const char* expected : {"Q/corpus/kadrey.md", "XFILE:/corpus/kadrey.md", "XCO:meta", "XCASE:kadrey v. meta",
                                 "XAMT:10b-100b", "XCUR:USD", "ZSllama", "Zllama", "Zrevenu", "Zfile"}) {
        INFO(expected);
        CHECK(terms.count(expected));
    }
    // Stemmed terms only (STEM_ALL_Z): no unstemmed copies; facet keys are lower-case canonical names.
    for (const char* absent : {"revenue", "revenu", "llama", "Sllama", "XCO:Meta", "XCO:facebook"}) {
        INFO(absent);
        CHECK_FALSE(terms.count(absent));
    }
    CHECK(doc.get_value(schema::slot::kDate) == "20250321");
    CHECK(doc.get_value(schema::slot::kFacets) == "cMeta\nkKadrey v. Meta\na$10B-$100B\n");
    CHECK(doc.get_value(schema::slot::kFileStamp) == "123:456");

    StoredArticle stored = decode_stored(doc.get_data());
    CHECK(stored.article.title == a.title);
    CHECK(stored.article.body == a.body);
    REQUIRE(stored.entities.amounts.size() == 1);
    CHECK(stored.entities.amounts[0].text == "$60 billion-$80 billion");
    CHECK(stored.entities.amounts[0].max == 8e10);
}

TEST_CASE("overlong ids and paths become bounded terms", "[document]") {
    std::string long_path = "/" + std::string(400, 'a') + ".md";
    std::string term = file_term(long_path);
    CHECK(term.size() <= schema::kMaxTermBytes);
    CHECK(term.rfind("XFILE:/aaaa", 0) == 0);
    CHECK(file_term(long_path + "x") != term);
    CHECK(file_term("/short.md") == "XFILE:/short.md");
}
