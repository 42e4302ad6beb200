// Unicode through the real binaries: composed and decomposed accents are one
// word (NFC), unaccented queries find accented words (folding), and "did you
// mean" keeps accented words whole.
#include <catch2/catch.hpp>

#include <fstream>

#include "run.h"
#include "search_json.h"

using namespace e2e;

namespace {

// "\xC3\xA9" is a composed é (U+00E9); "e\xCC\x81" is e + combining acute (U+0301).
struct UnicodeIndex : ArticleFolder {
    UnicodeIndex() {
        write("zurich.md", "Bank opens an office in Z\xC3\xBCrich", "The bank's Z\xC3\xBCrich office opens in May.");
        write("composed.md", "A caf\xC3\xA9 chain expands", "The caf\xC3\xA9 chain plans forty new shops.");
        write("decomposed.md", "Bistro owners protest", "Owners of every cafe\xCC\x81 in town protest the rent rises.");
        write("nestle.md", "Nestl\xC3\xA9 raises prices",
              "Nestl\xC3\xA9 and Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale signed a loan.");
        // "rule" and "sony" are what the bytes after an accent ("G\xC3\xA9n\xC3\xA9|rale", "Soci\xC3\xA9|t") were once corrected to.
        write("rule.md", "Sony wins a ruling", "The rule on Sony stands.");
        index();
    }
    void write(const std::string& name, const std::string& title, const std::string& body) {
        ArticleFolder::write(name, title, "2025-01-01", body);
    }
};

UnicodeIndex& unicode_index() {
    static UnicodeIndex index;
    return index;
}

}  // namespace

TEST_CASE("an unaccented query finds accented words, and the accented form still matches", "[unicode]") {
    auto& u = unicode_index();
    const std::set<std::string> zurich{u.id("zurich.md")};
    for (const char* q : {"zurich", "Zurich", "Z\xC3\xBCrich", "\"zurich office\"", "title:zurich"}) {
        INFO(q);
        CHECK(hit_ids(search_json(u.db, {q})) == zurich);
    }
}

TEST_CASE("composed and decomposed accents match each other", "[unicode]") {
    auto& u = unicode_index();
    const std::set<std::string> both{u.id("composed.md"), u.id("decomposed.md")};
    CHECK(hit_ids(search_json(u.db, {"caf\xC3\xA9"})) == both);   // composed query
    CHECK(hit_ids(search_json(u.db, {"cafe\xCC\x81"})) == both);  // decomposed query
    CHECK(hit_ids(search_json(u.db, {"cafe"})) == both);          // folded
}

TEST_CASE("did you mean keeps accented words whole", "[unicode]") {
    auto& u = unicode_index();
    // Words the index holds get no suggestion.
    for (const char* q : {"Nestl\xC3\xA9", "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale", "nestle"}) {
        INFO(q);
        auto j = search_json(u.db, {q});
        CHECK(j["suggestion"].is_null());
        CHECK(hit_ids(j) == std::set<std::string>{u.id("nestle.md")});
        CHECK(searcher({"--db", u.db, q}).out.find("Did you mean") == std::string::npos);
    }
    // A misspelt word gets a whole indexed word back, accented as the articles write it.
    CHECK(search_json(u.db, {"Z\xC3\xBCrch"})["suggestion"] == "z\xC3\xBCrich");
    CHECK(search_json(u.db, {"nestel"})["suggestion"] == "nestl\xC3\xA9");
    CHECK(search_json(u.db, {"Nest\xC3\xA9"})["suggestion"] == "nestl\xC3\xA9");
}
