#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <vector>

#include "text/analysis.h"

using namespace docket;

// "\xC3\xA9" is a composed é (U+00E9), "e\xCC\x81" e + combining acute (U+0301).
TEST_CASE("nfc composes decomposed accents and leaves everything else alone", "[analysis]") {
    struct Row {
        std::string input, expected;
    };
    const std::vector<Row> rows = {
        {"plain ASCII, unchanged", "plain ASCII, unchanged"},
        {"", ""},
        {"cafe\xCC\x81", "caf\xC3\xA9"},                  // decomposed -> composed
        {"caf\xC3\xA9", "caf\xC3\xA9"},                   // already NFC
        {"Zu\xCC\x88rich", "Z\xC3\xBCrich"},              // u + diaeresis
        {"a\xCC\x81\xCC\xA3", "\xE1\xBA\xA1\xCC\x81"},    // a + acute + dot below: canonical order, then composed
        {"\xEF\xAC\x81nance", "\xEF\xAC\x81nance"},       // the "fi" ligature is NFKC's business, not NFC's
        {"\xE2\x84\xAB", "\xC3\x85"},                     // ANGSTROM SIGN is canonically Å
        {"\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC"},  // CJK unchanged
        {"\xA1\x81", "\xA1\x81"},                         // stray continuation bytes pass through
        {"bad \xFF cafe\xCC\x81", "bad \xFF cafe\xCC\x81"},  // invalid UTF-8 passes through unchanged
        {"cut \xE2\x82", "cut \xE2\x82"},                 // truncated sequence
    };
    for (const auto& row : rows) {
        INFO(row.input);
        CHECK(analysis::nfc(row.input) == row.expected);
    }
}

TEST_CASE("fold_accents drops diacritics and spells out letters that have none to drop", "[analysis]") {
    struct Row {
        std::string input, expected;
    };
    const std::vector<Row> rows = {
        {"zurich", "zurich"},                              // ASCII unchanged
        {"", ""},
        {"Z\xC3\xBCrich", "Zurich"},
        {"caf\xC3\xA9", "cafe"},                           // composed
        {"cafe\xCC\x81", "cafe"},                          // decomposed
        {"Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale", "Societe Generale"},
        {"stra\xC3\x9F" "e", "strasse"},                   // ß has no accent: spelt "ss"
        {"\xC3\x98resund", "Oresund"},                     // Ø
        {"\xC5\x81\xC3\xB3" "d\xC5\xBA", "Lodz"},          // Łódź
        {"\xC3\x86r\xC3\xB8", "AEro"},                     // Ærø
        {"ma\xC3\xB1" "ana", "manana"},                    // ñ
        {"Vi\xE1\xBB\x87t", "Viet"},                       // ệ: two marks
        {"\xCE\xAC\xCE\xB8\xCE\xBB\xCE\xB7\xCF\x83\xCE\xB7", "\xCE\xB1\xCE\xB8\xCE\xBB\xCE\xB7\xCF\x83\xCE\xB7"},  // Greek tonos
        {"\xD0\xB9", "\xD0\xB8"},                          // Cyrillic й -> и (breve is a diacritic)
        {"\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC"},  // CJK unchanged
        {"\xED\x95\x9C", "\xED\x95\x9C"},                  // Hangul decomposes to jamo and composes back
        {"\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7", "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7"},  // Devanagari virama stays
        {"\xE2\x82\xAC" "5", "\xE2\x82\xAC" "5"},          // near-miss: non-ASCII but nothing to fold
        {"na\xC3\xAF" "ve \xFF", "na\xC3\xAF" "ve \xFF"},  // invalid UTF-8 passes through unchanged
    };
    for (const auto& row : rows) {
        INFO(row.input);
        CHECK(analysis::fold_accents(row.input) == row.expected);
    }
}

namespace {

// term -> (wdf, positions) of a document made by a TermIndexer from `title` and `body`, as build_document lays them out.
std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> index_terms(const std::string& title,
                                                                                             const std::string& body) {
    analysis::TermIndexer terms;
    Xapian::Document doc;
    terms.generator().set_document(doc);
    terms.generator().index_text(title, 1, "S");
    terms.generator().index_text(body);
    terms.add_folded_terms(doc);
    std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        out[*t] = {t.get_wdf(), std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end())};
    return out;
}

}  // namespace

TEST_CASE("TermIndexer adds each accented word's folded stem at the same positions", "[analysis]") {
    auto terms = index_terms("Z\xC3\xBCrich office", "The Z\xC3\xBCrich fianc\xC3\xA9" "es met in Z\xC3\xBCrich and Zurich.");
    // The accented term stays; the folded one has its positions and wdf, plus those of the plain "Zurich".
    REQUIRE(terms.count("Zz\xC3\xBCrich"));
    REQUIRE(terms.count("Zzurich"));
    CHECK(terms["Zz\xC3\xBCrich"].second == std::vector<Xapian::termpos>{4, 8});
    CHECK(terms["Zzurich"].second == std::vector<Xapian::termpos>{4, 8, 10});
    CHECK(terms["Zzurich"].first == 3);
    CHECK(terms["ZSzurich"].second == terms["ZSz\xC3\xBCrich"].second);  // titles too
    // The stem of the folded word, as an unaccented query stems it ("fiancees" -> "fiance"),
    // not the accented stem folded ("fiancé" -> "fiance" stemmed again -> "fianc").
    CHECK(terms.count("Zfianc\xC3\xA9"));
    CHECK(terms.count("Zfiance"));
    CHECK_FALSE(terms.count("Zfianc"));

    // Near-misses: ASCII text and non-ASCII text with nothing to fold get no extra terms.
    for (const char* text : {"The Zurich office opened.", "\xE2\x82\xAC" "5 for the office \xE2\x80\x94 in Tokyo \xE6\x97\xA5"}) {
        INFO(text);
        analysis::TermIndexer indexer;
        Xapian::TermGenerator plain;
        analysis::configure(plain);
        Xapian::Document with_folds, without;
        indexer.generator().set_document(with_folds);
        indexer.generator().index_text(text);
        indexer.add_folded_terms(with_folds);
        plain.set_document(without);
        plain.index_text(text);
        std::set<std::string> a(with_folds.termlist_begin(), with_folds.termlist_end());
        std::set<std::string> b(without.termlist_begin(), without.termlist_end());
        CHECK(a == b);
    }
}
