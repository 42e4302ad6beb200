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

namespace {

// Every mention's text, in the order of the case names.
std::vector<std::string> mentions_in(const std::string& text) {
    EntityExtractor ex(Gazetteer::builtin());
    std::vector<std::string> out;
    for (const auto& c : ex.extract_text(text).cases)
        for (const auto& m : c.mentions) out.push_back(m.text);
    return out;
}

}  // namespace

TEST_CASE("cases: long captions are found whole in running text", "[cases]") {
    struct Row {
        const char* klass;
        std::string text;
        Names mentions;
    };
    const std::vector<Row> rows = {
        {"reporter abbreviation", "The court ruled in Hansen Elecs. Co. v. United States on Monday.",
         {"Hansen Elecs. Co. v. United States"}},
        {"reporter abbreviation", "The appeal, Pike v. Bd. of Educ. of Dorset, is pending.", {"Pike v. Bd. of Educ. of Dorset"}},
        {"abbreviation before a form", "The court ruled in Varga Mtge., LLC v. Stone on Monday.", {"Varga Mtge., LLC v. Stone"}},
        {"of the", "In Lane v. Board of Regents of the University of Dorset, the judges agreed.",
         {"Lane v. Board of Regents of the University of Dorset"}},
        {"of the, left", "Housing Authority of the City of Avalon v. Reed was argued last year.",
         {"Housing Authority of the City of Avalon v. Reed"}},
        {"connector after an abbreviation", "The court ruled in Brill Films Ltd. of India v. United States on Monday.",
         {"Brill Films Ltd. of India v. United States"}},
        {"ex rel.", "The court ruled in State ex rel. Moss v. Carr on Monday.", {"State ex rel. Moss v. Carr"}},
        {"plural possessive", "The appeal, Dunn v. Illinois Workers' Compensation Commission, is pending.",
         {"Dunn v. Illinois Workers' Compensation Commission"}},
        {"glued hyphen", "The court ruled in State v. Juan A. G.-P. on Monday.", {"State v. Juan A. G.-P."}},
        {"second legal form", "The appeal, Orlo v. Kessen Co., Ltd., is pending.", {"Orlo v. Kessen Co., Ltd."}},
        {"profession after a comma", "The court ruled in Hale v. Omar Tess, M.D. on Monday.", {"Hale v. Omar Tess, M.D."}},
        {"bank charter after a comma", "In Quill Bank, National Assn. v. Dorn, the judges agreed.",
         {"Quill Bank, National Assn. v. Dorn"}},
        {"place and state", "The court ruled in The City of Avalon, Indiana v. Reed on Monday.",
         {"The City of Avalon, Indiana v. Reed"}},
        {"place and state", "Zane v. City of St. Marys, Missouri was argued last year.", {"Zane v. City of St. Marys, Missouri"}},
        {"alias", "The court ruled in Olt Homes, LLC d/b/a Olt Builders v. Town of Bly on Monday.",
         {"Olt Homes, LLC d/b/a Olt Builders v. Town of Bly"}},
        {"office after a comma", "In Sharma v. Dena Poll, Chapter 13 Trustee, the judges agreed.",
         {"Sharma v. Dena Poll, Chapter 13 Trustee"}},
        {"office after a comma", "Lyle v. Ron Gale, Secretary of the Department of Revenue was argued.",
         {"Lyle v. Ron Gale, Secretary of the Department of Revenue"}},
        {"capacity", "The court ruled in Lee v. Ann Kolb, in her official capacity as County Assessor on Monday.",
         {"Lee v. Ann Kolb, in her official capacity as County Assessor"}},
        {"capacity", "In Guld v. Gail Rusk, as Surviving Spouse of Ira Rusk, the judges agreed.",
         {"Guld v. Gail Rusk, as Surviving Spouse of Ira Rusk"}},
        {"capacity, left", "Jamie Holt, as Surviving Spouse of Dan Holt v. Pee Dee Farms, Inc. was argued.",
         {"Jamie Holt, as Surviving Spouse of Dan Holt v. Pee Dee Farms, Inc."}},
        {"listed party with a form", "The court ruled in Fulton v. Drive Rite, LLC, and Xcel Holdings, LLC on Monday.",
         {"Fulton v. Drive Rite, LLC, and Xcel Holdings, LLC"}},
        {"address-named company", "The court ruled in Orso v. 345 W. 70th Tenants Corp. on Monday.",
         {"Orso v. 345 W. 70th Tenants Corp."}},
        {"address-named company, left", "In 89 Pine Street, LLC v. Dorn, the judges agreed.", {"89 Pine Street, LLC v. Dorn"}},
        {"a year is no address", "In 2023 Acme LLC v. Dorn was filed.", {"Acme LLC v. Dorn"}},
        {"shortened word before v.", "The appeal, Perkins Cty. Bd. of Equal. v. Mid Agri Prods., is pending.",
         {"Perkins Cty. Bd. of Equal. v. Mid Agri Prods."}},
        {"In re the", "The appeal, In re the Estate of Rhona Jeff, is pending.", {"In re the Estate of Rhona Jeff"}},
        {"form after a comma, left", "In Kent Dermatology Group, PC v. Twin Fire Ins. Co., the judges agreed.",
         {"Kent Dermatology Group, PC v. Twin Fire Ins. Co."}},
        {"union local, left", "Lawyers cited Union of Fire Fighters, Local 50 v. City of Peoria, a decision.",
         {"Union of Fire Fighters, Local 50 v. City of Peoria"}},
        {"listed parties", "The court ruled in Fenn v. Gelt USA, Inc., Tom Hair, and Jeff Toll on Monday.",
         {"Fenn v. Gelt USA, Inc., Tom Hair, and Jeff Toll"}},
        {"listed parties, left", "Gerald Pratt, Dana Pratt, and Jean Pratt v. Cole Rice was argued last year.",
         {"Gerald Pratt, Dana Pratt, and Jean Pratt v. Cole Rice"}},
        // News text after a case name stays out of it.
        {"news after a comma", "In Kadrey v. Meta, Judge Chhabria ruled for the company.", {"Kadrey v. Meta"}},
        {"news after a comma", "In Kadrey v. Meta, Silverman and other authors sued.", {"Kadrey v. Meta"}},
        {"news list after a comma", "In Kadrey v. Meta, Google and Microsoft filed briefs.", {"Kadrey v. Meta"}},
        {"sentence end", "The court ruled for Apple. Samsung v. Apple was argued in 2012.", {"Samsung v. Apple"}},
        {"two cases", "The court cited Orr v. Dunn, and Lutz v. Pratt in its ruling.", {"Lutz v. Pratt", "Orr v. Dunn"}},
    };
    for (const auto& row : rows) {
        INFO(row.klass << ": " << row.text);
        CHECK(mentions_in(row.text) == row.mentions);
    }
}

TEST_CASE("cases: fixtures, contests, comparisons and tables are not cases", "[cases]") {
    const std::vector<std::string> near_misses = {
        // Fixtures and results, with sports words on the line or no legal word in the story.
        "Chelsea v Birmingham is the pick of the weekend's league games.",
        "England v France, Six Nations, Twickenham.",
        "France v Wales (Sat)\nItaly v Scotland (Sun)\nThe judge's appeal was heard.",
        "Federer v Roddick was the final everyone wanted.",
        "Leeds 2 v 1 Everton\nBolton 0 v 0 Fulham",
        // Comparisons and metaphors.
        "Stocks v. bonds: where to put your money this year.",
        "It was a classic David v. Goliath contest.",
        "Mods v Rockers on the seafront at Brighton.",
        // Results tables.
        "Shr N/A v. N/A",
        "Shr 12 cts v. 10 cts",
        "NET PROFIT 1.2 MLN DLRS VS 900,000 DLRS",
        // "judge" the verb, "heard" of music: not the words of a lawsuit.
        "Never judge a band by its sales: Blur v Oasis was all hype.",
        "Who has heard of them? Blur v Oasis sold papers.",
    };
    for (const auto& text : near_misses) {
        INFO(text);
        CHECK(cases_in(text).empty());
    }
}

TEST_CASE("cases: a long list after a name is read in linear time", "[cases]") {
    // Every comma could open a caption's list; each is tried once, not once per way to reach it.
    std::string text = "The court ruled in Arsenal Holdings v. Chelsea Town";
    for (int i = 0; i < 40; ++i) text += ", Smith" + std::to_string(i) + " Jones";
    text += " on Monday.";
    CHECK(mentions_in(text) == Names{"Arsenal Holdings v. Chelsea Town"});
    std::string before = "The court ruled in";
    for (int i = 0; i < 40; ++i) before += " Smith" + std::to_string(i) + " Jones,";
    before += " and Arsenal Holdings v. Chelsea Town on Monday.";
    CHECK(mentions_in(before).size() == 1);
}
