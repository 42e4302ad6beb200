#include <catch2/catch.hpp>

#include "entities/gazetteer.h"
#include "entities/recogniser/recogniser.h"

using namespace docket;
using recogniser::Kind;

namespace {

// The recogniser's names in a text, as "KIND text".
std::vector<std::string> names_in(const std::string& text) {
    static const char* const kinds[] = {"PER", "ORG", "LOC", "MISC"};
    const auto tokens = text::tokenize(text);
    std::vector<std::string> out;
    for (const auto& n : recogniser::recognise_text(text, tokens, Gazetteer::builtin())) {
        const std::size_t b = tokens[n.first_token].begin, e = tokens[n.end_token - 1].end;
        out.push_back(std::string(kinds[static_cast<int>(n.kind)]) + " " + text.substr(b, e - b));
    }
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("recogniser: the model file loads, and bad lines name the origin and line", "[recogniser]") {
    recogniser::Model m;
    m.load("# a comment\n1\t00000000000000ab\t3:1.5 0:-0.25\n2\t00000000000000ab\t3:0.5\n", "test model");
    CHECK(m.features(1) == 1);
    CHECK(m.features(2) == 1);
    CHECK(m.has_second_stage());
    const float* w = m.weights(0xab);
    REQUIRE(w != nullptr);
    CHECK(w[3] == Approx(1.5));
    CHECK(w[0] == Approx(-0.25));
    CHECK(w[recogniser::kLabels + 3] == Approx(0.5));
    CHECK(m.weights(0xac) == nullptr);

    const std::vector<std::pair<std::string, std::string>> bad = {
        {"3\t00ab\t1:1\n", "test:1:"},               // no such stage
        {"1\tzz\t1:1\n", "test:1:"},                 // not hex
        {"# ok\n1\t00ab\t9:1\n", "test:2:"},          // label out of range
        {"1\t00ab\t1:x\n", "test:1:"},                // not a weight
        {"1 00ab 1:1\n", "test:1:"},                  // spaces, not tabs
        {"1\t0000000000000000\t1:1\n", "test:1:"},   // 0 marks a free slot
    };
    for (const auto& [tsv, where] : bad) {
        INFO(tsv);
        recogniser::Model broken;
        try {
            broken.load(tsv, "test");
            FAIL("accepted a bad line");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()).rfind(where, 0) == 0);
        }
    }
}

TEST_CASE("recogniser: the built-in model has both stages", "[recogniser]") {
    const auto& m = recogniser::Model::builtin();
    CHECK(m.features(1) > 10000);
    CHECK(m.features(2) > 5000);
    CHECK(m.version().size() == 8);
}

TEST_CASE("recogniser: names in news sentences, and words that are none", "[recogniser]") {
    struct Row {
        std::string text;
        std::vector<std::string> expected;  // each must be found, with its kind
        std::vector<std::string> absent;    // none of these may be found
    };
    const std::vector<Row> rows = {
        {"Shares in Vodafone fell after the company said profits were down.", {"ORG Vodafone"}, {}},
        {"John Smith, the chief executive, said the bank would cut jobs.", {"PER John Smith"}, {"ORG John Smith"}},
        {"The European Commission fined Microsoft on Wednesday.", {"ORG European Commission", "ORG Microsoft"}, {}},
        {"He flew from London to Paris on Monday.", {"LOC London", "LOC Paris"}, {"ORG London", "ORG Paris"}},
        // Capitals by position are not names.
        {"The figures were released on Tuesday.", {}, {"ORG The", "PER The", "MISC The"}},
        {"However, analysts said the market would recover.", {}, {"ORG However", "PER However"}},
        // A name labelled confidently once labels its other mentions too.
        {"Gazprom said it would bid. Analysts expect Gazprom to win.", {"ORG Gazprom"}, {"PER Gazprom", "LOC Gazprom"}},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        const auto got = names_in(row.text);
        for (const auto& e : row.expected) CHECK(has(got, e));
        for (const auto& a : row.absent) CHECK_FALSE(has(got, a));
    }
}

TEST_CASE("recogniser: spans map back to the text's tokens", "[recogniser]") {
    // "Meta's" is one CoNLL word ("Meta" + "'s") and "Inc." keeps its full stop.
    const std::string text = "Acme Widgets Inc. said Meta's shares rose.";
    const auto got = names_in(text);
    CHECK(has(got, "ORG Acme Widgets Inc."));
    CHECK(has(got, "ORG Meta"));
}
