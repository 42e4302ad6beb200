#include <catch2/catch.hpp>

#include "entities/gazetteer.h"

using namespace docket;

TEST_CASE("gazetteer file format", "[gazetteer]") {
    Gazetteer g;
    g.load("# comment\n\n~Meta\tMeta Platforms|Facebook\nOpenAI\t\nAcme Widgets\t~Acme\n", "test");
    REQUIRE(g.names().size() == 3);
    CHECK(g.canonical_for("facebook") == "Meta");
    CHECK(g.canonical_for("Meta Platforms, Inc.") == "Meta");
    CHECK(g.canonical_for("OPENAI") == "OpenAI");
    CHECK(g.canonical_for("acme") == "Acme Widgets");
    CHECK_FALSE(g.canonical_for("Metaverse"));
    const auto* forms = g.starting_with("Meta");
    REQUIRE(forms);
    // Longest form first, ambiguity recorded per form.
    CHECK(g.surfaces()[(*forms)[0]].tokens.size() == 2);
    CHECK_FALSE(g.surfaces()[(*forms)[0]].ambiguous);
    CHECK(g.surfaces()[(*forms)[1]].ambiguous);
}

TEST_CASE("gazetteer rejects malformed lines with the origin and line number", "[gazetteer]") {
    Gazetteer g;
    CHECK_THROWS_WITH(g.load("OpenAI\t\n\tno canonical\n", "my.tsv"), Catch::Contains("my.tsv:2"));
}

TEST_CASE("built-in gazetteer covers the corpus' companies", "[gazetteer]") {
    const Gazetteer& g = Gazetteer::builtin();
    CHECK(g.names().size() > 500);
    for (auto [form, canonical] : std::vector<std::pair<std::string, std::string>>{
             {"Facebook", "Meta"}, {"Meta Platforms", "Meta"}, {"AWS", "Amazon"},
             {"Amazon Web Services", "Amazon"}, {"Google Cloud", "Google"}, {"Alphabet", "Google"},
             {"Azure", "Microsoft"}, {"Anthropic PBC", "Anthropic"}, {"Stability AI", "Stability AI"},
             {"Groq", "Groq"}, {"Databricks", "Databricks"}, {"xAI", "xAI"}, {"Mistral", "Mistral AI"}}) {
        INFO(form);
        CHECK(g.canonical_for(form) == canonical);
    }
    CHECK(g.version().size() == 16);
}

TEST_CASE("strip_legal_suffixes", "[gazetteer]") {
    CHECK(strip_legal_suffixes("Meta Platforms, Inc.") == "Meta Platforms");
    CHECK(strip_legal_suffixes("Anthropic PBC") == "Anthropic");
    CHECK(strip_legal_suffixes("Merrill Lynch and Co") == "Merrill Lynch");  // the joiner goes with the suffix
    CHECK(strip_legal_suffixes("Marks and Spencer") == "Marks and Spencer");
    CHECK(strip_legal_suffixes("Kadrey et al.") == "Kadrey");
    CHECK(strip_legal_suffixes("Dow Jones & Co.") == "Dow Jones");
    CHECK(strip_legal_suffixes("Concord Music Group, Inc.") == "Concord Music Group");
    CHECK(strip_legal_suffixes("Inc.") == "Inc");  // a lone suffix is kept as a name
}
