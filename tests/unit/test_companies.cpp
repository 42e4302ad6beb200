#include <catch2/catch.hpp>

#include "entities/companies.h"
#include "entities/entities.h"

using namespace docket;

namespace {

std::vector<std::string> companies_in(const std::string& text) {
    EntityExtractor ex(Gazetteer::builtin());
    std::vector<std::string> names;
    for (const auto& c : ex.extract_text(text).companies) names.push_back(c.name);
    return names;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("companies: gazetteer forms map to canonical names", "[companies]") {
    struct Row {
        std::string text;
        Names expected;
    };
    const std::vector<Row> rows = {
        {"Meta Platforms, Inc. said on Tuesday it would appeal.", {"Meta"}},
        {"Facebook changed its name in 2021.", {"Meta"}},
        {"Models run on Amazon Web Services (AWS) and Microsoft Azure.", {"Amazon", "Microsoft"}},
        {"OpenAI and Anthropic raised money.", {"Anthropic", "OpenAI"}},
        {"Shares of Nvidia Corp. rose.", {"Nvidia"}},
        {"Stability AI was sued by Getty Images.", {"Getty Images", "Stability AI"}},
        {"Mistral AI closed a round; Mistral said it would hire.", {"Mistral AI"}},
        // Ambiguous forms with context.
        {"Apple said it would appeal the fine.", {"Apple"}},
        {"Apple's lawyers disagreed.", {"Apple"}},
        {"The authors sued Meta in San Francisco.", {"Meta"}},
        {"Oracle Corp. signed the deal.", {"Oracle"}},
        {"Hosts include Nvidia, Dell, Google Cloud and Snowflake.", {"Dell", "Google", "Nvidia", "Snowflake"}},
        // Confirmed once, every mention counts (a sentence-initial "Meta" too).
        {"Meta said it disagreed. Meta will appeal.", {"Meta"}},
        // A unit named after its company is that company, not the ambiguous form inside it.
        {"Moody's Investors Service Inc said it cut the rating.", {"Moody's"}},
        // An appositive that calls the name a company confirms it.
        {"Perplexity, the AI search start-up, made an offer.", {"Perplexity"}},
        // An acronym at a sentence start is no ordinary word: its weak cue still counts.
        {"GM has a hybrid pickup on the market.", {"General Motors"}},
        // A possessive before another name is still the company's ("Meta's Llama").
        {"Hosts run Meta's Llama family.", {"Meta"}},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(companies_in(row.text) == row.expected);
    }
}

TEST_CASE("companies: near-misses are not companies", "[companies]") {
    const std::vector<std::string> near_misses = {
        "She baked an apple pie.",
        "Apple pie is a dessert.",
        "A meta-analysis of 40 studies found no effect.",
        "The meta question is what counts.",
        "Meta-analysis is a statistical method.",
        "Investors sold a block of shares.",
        "The fund has a 2050 target date.",
        "He was the oracle of Omaha.",
        "Metaverse hype faded.",
        "Applesauce is sweet.",
        "The Amazonian rainforest.",
        // An ordinary word or surname inside a longer name is that name's.
        "Serena Williams said she was tired.",
        "He told BBC World Service's programme.",
        "Circuit City gets takeover offer.",
        // A person's title makes the next name a person's ("Dr Fox", "Ms Jowell").
        "Dr Fox said the plan would fail.",
        "Ms Jowell said the bill was sound.",
        // A listed football club is the club in the news, unless written as a company.
        "Manchester United drew 2-2 at Old Trafford.",
        // A sentence's first word is capitalised by position: a weak cue does not confirm it.
        "People will not be fooled.",
        "\"People are usually given an address,\" he said.",
    };
    for (const auto& text : near_misses) {
        INFO(text);
        CHECK(companies_in(text).empty());
    }
}

TEST_CASE("companies: firms missing from the gazetteer are found by their form", "[companies]") {
    struct Row {
        std::string text;
        Names expected;
    };
    const std::vector<Row> rows = {
        {"Acme Widgets Inc. said profits rose.", {"Acme Widgets"}},
        {"Comissaria Smith Ltd said on Monday it would sell the unit.", {"Comissaria Smith"}},
        {"Texaco Inc <TX> said it would appeal. Texaco also said it had cash.", {"Texaco"}},
        {"Allegheny International <AG> agreed to the sale.", {"Allegheny International"}},
        {"Paris-based DIM S.A. agreed to be bought.", {"DIM"}},
        {"Hambrecht and Quist Group led the round.", {"Hambrecht and Quist Group"}},
        {"Chas. P. Young Co was sold.", {"Chas. P. Young"}},
        {"Carling O'Keefe Ltd said it agreed.", {"Carling O'Keefe"}},
        {"Shares of Zorblax Robotics rose 5 pct.", {"Zorblax Robotics"}},
        {"GTX CORP SAYS PROFIT UP", {"GTX"}},
        {"Acme Investors Service Inc cut the rating.", {"Acme Investors Service"}},  // not the ambiguous "~Service"
        {"It cut the debt to B-3 from B-2 of Zorblax Cable Communications Inc.", {"Zorblax Cable Communications"}},
        // Already in the gazetteer: the gazetteer's canonical name.
        {"Meta Platforms, Inc. said it would appeal.", {"Meta"}},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(companies_in(row.text) == row.expected);
    }
    const std::vector<std::string> near_misses = {
        "The Company said it would appeal.",
        "The Commodity Credit Corp said it bought wheat.",
        "Leaders of the Group of Seven met.",
        "SARA LEE TO BUY DIM STAKE FROM BIC CORP",  // headline: only one-word names count
        "shares of Class A stock fell",
        "state-owned Co. and others",
    };
    for (const auto& text : near_misses) {
        INFO(text);
        auto got = companies_in(text);
        CHECK((got.empty() || (got.size() == 1 && got[0] == "BIC")));
    }
}

TEST_CASE("companies: mentions carry surface text and byte offsets", "[companies]") {
    EntityExtractor ex(Gazetteer::builtin());
    std::string text = "In court, Meta Platforms, Inc. argued. Facebook did not.";
    auto e = ex.extract_text(text);
    REQUIRE(e.companies.size() == 1);
    REQUIRE(e.companies[0].mentions.size() == 2);
    CHECK(e.companies[0].mentions[0].text == "Meta Platforms, Inc.");
    CHECK(e.companies[0].mentions[0].offset == text.find("Meta"));
    CHECK(e.companies[0].mentions[1].text == "Facebook");
    CHECK(e.companies[0].mentions[1].offset == text.find("Facebook"));
}

TEST_CASE("companies: a user gazetteer adds companies without recompiling", "[companies]") {
    Gazetteer g = Gazetteer::builtin();
    g.load("Comissaria Smith\tComissaria\n", "user.tsv");
    EntityExtractor ex(g);
    auto e = ex.extract_text("Comissaria said profits rose.");
    REQUIRE(e.companies.size() == 1);
    CHECK(e.companies[0].name == "Comissaria Smith");
}

// Companies the gazetteer does not list, found by the learned recogniser and judged
// companies from evidence (invented names, so only the recogniser can find them).
TEST_CASE("companies: learned names with company evidence", "[companies][learned]") {
    struct Row {
        std::string text;
        Names expected;
    };
    const std::vector<Row> rows = {
        // A company noun names it: before, in an apposition, or after.
        {"The Dutch brewer Kelvoort said its profits rose.", {"Kelvoort"}},
        {"Kelvoort, the Dutch brewer, said its profits rose.", {"Kelvoort"}},
        {"Shares in Brantley Foods fell by 4% on Monday.", {"Brantley Foods"}},
        {"\"Demand is weak,\" said Anna Berg, an economist at Halvorsen Partners.", {"Halvorsen Partners"}},
        // A legal suffix, and the article's other mentions of the name.
        {"Trandell Mining Ltd said output rose. Trandell expects more.", {"Trandell Mining"}},
        // The article links an acronym to its company.
        {"Grupo Vexaro Holdings (GVH) said GVH would sell the unit.", {"Grupo Vexaro Holdings"}},  // ("Holdings" is part of a name)
    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(companies_in(row.text) == row.expected);
    }
}

TEST_CASE("companies: organisations, people and other names that are not companies", "[companies][learned]") {
    const std::vector<std::string> near_misses = {
        // Governments, regulators, parties, universities, events, publications.
        "The Ministry of Trade said exports rose by 3%.",
        "The Office of Fair Trading said it would look again at the deal.",
        "The Liberal Democrat party said the tax was unfair.",
        "Researchers at the University of Leeds said prices would fall.",
        "Visitors to the Consumer Electronics Show saw new phones.",
        "The Financial Times said the bid had been dropped.",
        // People: named in the context of a firm but not the firm.
        "Todd Brandel, spokesman for the firm, said sales were good.",
        "Mr Brandel said the firm would hire 200 people.",
        // Clubs in a sports story.
        "Harrowgate Rovers drew 2-2 with Castleford in the league, and their striker scored twice.",
        // Adjectives and places before company nouns.
        "The Dutch firm said its profits rose.",
        "A Paris-based bank cut its forecast.",
    };
    for (const auto& text : near_misses) {
        INFO(text);
        CHECK(companies_in(text).empty());
    }
}
