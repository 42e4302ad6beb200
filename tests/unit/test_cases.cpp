#include <catch2/catch.hpp>

#include "entities/cases.h"
#include "entities/entities.h"

using namespace docket;

namespace {

std::vector<std::string> cases_in(const std::string& text) {
    EntityExtractor ex(Gazetteer::builtin());
    std::vector<std::string> names;
    for (const auto& c : ex.extract_text(text).cases) names.push_back(c.name);
    return names;
}

std::optional<std::string> gazetteer_party(std::string_view party) { return Gazetteer::builtin().canonical_for(party); }

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("cases: forms of one case normalise to one name", "[cases]") {
    struct Row {
        std::string text;
        Names expected;
    };
    const std::vector<Row> rows = {
        {"The judge in Kadrey v. Meta ruled.", {"Kadrey v. Meta"}},
        {"Filings in Kadrey v. Meta Platforms, Inc., which is pending, show it.", {"Kadrey v. Meta"}},
        {"The case, Kadrey et al. v. Meta, continues.", {"Kadrey v. Meta"}},
        {"In Kadrey v Meta the court agreed.", {"Kadrey v. Meta"}},
        {"Thomson Reuters vs. Ross Intelligence went to trial.", {"Thomson Reuters v. Ross Intelligence"}},
        {"Getty Images v Stability AI was heard in London.", {"Getty Images v. Stability AI"}},
        {"The complaint, Concord Music Group, Inc. v. Anthropic PBC, was filed.", {"Concord Music Group v. Anthropic"}},
        {"The ruling in U.S. v. Google LLC came Monday.", {"United States v. Google"}},
        {"Federal Trade Commission v. Meta Platforms, Inc. went to trial.", {"FTC v. Meta"}},
        {"They joined In re Google Digital Advertising Antitrust Litigation last year.",
         {"In re Google Digital Advertising Antitrust Litigation"}},
        {"Authors Guild et al. v. OpenAI Inc. was filed in 2023.", {"Authors Guild v. OpenAI"}},
        {"It was filed in 2023. Bartz v. Anthropic followed.", {"Bartz v. Anthropic"}},
        {"The New York Times v. Microsoft and OpenAI is pending.", {"The New York Times v. Microsoft"}},
        {"Dow Jones & Co. v. Perplexity AI, Inc. Both plaintiffs are owned by News Corp.",
         {"Dow Jones v. Perplexity"}},
        {"TEXACO INC VS PENNZOIL CO\nThe jury ruled.", {"TEXACO v. PENNZOIL"}},  // a headline names a case too
        {"COURTNEY STATION 300, LLC v. TERESSA BLONDELL was argued.", {"COURTNEY STATION 300 v. TERESSA BLONDELL"}},
        {"3M Co. v. Jan Smith settled.", {"3M v. Jan Smith"}},
        // A sports word inside a party's name is no fixture.
        {"National Football League v. Oakland Raiders went to trial.", {"National Football League v. Oakland Raiders"}},
        // Written as in a pleading, with no legal word: a corporate form, a government plaintiff.
        {"FTC v. Meta Platforms, Inc. concerns Facebook.", {"FTC v. Meta"}},
        {"Skycom Corp v. Telstar Corp, a New York suit.", {"Skycom v. Telstar"}},
        // Legal words anywhere in the article count, as in a story about a lawsuit.
        {"Apple v. Samsung resumes.\nThe jury heard from designers.", {"Apple v. Samsung"}},  // figures with letters and a month that is a name

    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(cases_in(row.text) == row.expected);
    }
}

TEST_CASE("cases: near-misses are not cases", "[cases]") {
    const std::vector<std::string> near_misses = {
        "Upgrade to v. 2.0 of the library.",
        "The Llama v. 2.0 release shipped.",
        "Compare plan A v. plan B costs.",
        "the results v. expectations",
        "In 2023 the court ruled.",
        "Court rejects fair use defense in Thomson Reuters\n\nv. nothing",
        "In re: your email",
        "Shr 33.54p v. 34.2p",          // figures from a results table
        "Net 14p v. 12.75p",
        "Shr 33p v. 38p",               // pence
        "Div 6p v. 4p",
        "Jan v. Dec",                   // months of a table
        "the 1980s Betamax versus VHS format war",  // "versus" spelled out: a contest, not a case
        "a David versus Goliath battle",
        // No legal word in the article: a fixture, a comparison, a metaphor.
        "Arsenal v Stoke kicks off at three.",
        "Coke v Pepsi was the battle of the decade.",
        "Soul and garage are worlds apart (Marvin Gaye v Tuff Jam?).",
        "Swindon/Notts Co v Middlesbrough is the pick of the round.",  // "Co" is Notts County
        "U.S. MONEY MANAGERS MAY LEAN TO STOCKS VS BONDS",            // a headline, not a pleading
        // A fixture list, even in an article with legal words elsewhere.
        "Wales v France (Sat)\nThe appeal was heard on Monday.",
        // A sports word on the name's line.
        "The judge watched Leeds v Everton in the league.",
        "Chelsea v Liverpool, the FA Cup tie, was heard on the radio.",
        // All-capitals results headlines: a long party with figures.
        "SUNSHINE MINING CO 4TH QTR SHR LOSS 64 CTS VS LOSS 57 CTS",
        "UK FEB TRADE DEFICIT 224 MLN STG VS DEFICIT 527 MLN IN JAN",
    };
    for (const auto& text : near_misses) {
        INFO(text);
        CHECK(cases_in(text).empty());
    }
}

TEST_CASE("cases: user-typed names normalise the same way in any capitalisation", "[cases]") {
    struct Row {
        const char* input;
        const char* expected;
    };
    const Row rows[] = {
        {"Kadrey v. Meta", "Kadrey v. Meta"},
        {"kadrey v meta", "kadrey v. Meta"},
        {"Kadrey v. Meta Platforms, Inc.", "Kadrey v. Meta"},
        {"KADREY VS. FACEBOOK", "KADREY v. Meta"},
        {"in re google digital advertising antitrust litigation", "In re google digital advertising antitrust litigation"},
    };
    for (const auto& row : rows) {
        INFO(row.input);
        auto got = normalize_case_name(row.input, gazetteer_party);
        REQUIRE(got);
        CHECK(*got == row.expected);
    }
    CHECK_FALSE(normalize_case_name("Kadrey", gazetteer_party));
    CHECK_FALSE(normalize_case_name("v. Meta", gazetteer_party));
}

TEST_CASE("cases: mentions keep the surface form and offset", "[cases]") {
    EntityExtractor ex(Gazetteer::builtin());
    std::string text = "Filings in Kadrey et al. v. Meta Platforms, Inc. show it.";
    auto e = ex.extract_text(text);
    REQUIRE(e.cases.size() == 1);
    REQUIRE(e.cases[0].mentions.size() == 1);
    CHECK(e.cases[0].mentions[0].text == "Kadrey et al. v. Meta Platforms, Inc.");
    CHECK(e.cases[0].mentions[0].offset == text.find("Kadrey"));
}
