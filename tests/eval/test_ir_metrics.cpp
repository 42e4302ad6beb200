// The ranking metrics of ir_eval, against hand-computed values.
// Shorthand: L3 = 1/log2(3) = 0.6309298 (discount at rank 2), 1/log2(4) = 0.5 (rank 3).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>

#include "ir_metrics.h"

using namespace ireval;

namespace {

// Hits with descending scores, in the given order.
std::vector<Hit> in_order(std::initializer_list<const char*> docs) {
    std::vector<Hit> hits;
    double s = 100;
    for (auto d : docs) hits.push_back({d, s--});
    return hits;
}

std::vector<Hit> numbered(int from, int to) {  // docs "d<from>".."d<to>", in that order
    std::vector<Hit> hits;
    for (int i = from; i <= to; ++i) hits.push_back({"d" + std::to_string(i), 10000.0 - i});
    return hits;
}

struct Case {
    const char* name;
    std::map<std::string, int> judged;
    std::vector<Hit> hits;
    double ndcg10, map, recall100;
};

}  // namespace

TEST_CASE("one query's metrics", "[ir]") {
    auto with_rel_at = [](int rank) {  // 1000+ docs; only "d<rank>" is relevant
        return Case{"", {{"d" + std::to_string(rank), 1}}, numbered(1, 1200), 0, 0, 0};
    };
    Case at11 = with_rel_at(11), at101 = with_rel_at(101), at1001 = with_rel_at(1001);
    const std::vector<Case> cases = {
        {"no relevant retrieved", {{"a", 1}}, in_order({"x", "y", "z"}), 0, 0, 0},
        {"nothing retrieved", {{"a", 1}}, {}, 0, 0, 0},
        {"all relevant at the top", {{"a", 1}, {"b", 1}}, in_order({"a", "b", "x"}), 1, 1, 1},
        // dcg = L3, ideal = 1; AP = 1/2
        {"one relevant at rank 2", {{"a", 1}}, in_order({"x", "a"}), 0.6309298, 0.5, 1},
        // dcg = 1 + 0.5, ideal = 1 + L3 = 1.6309298; AP = (1/1 + 2/3) / 2
        {"relevant at ranks 1 and 3", {{"a", 1}, {"b", 1}}, in_order({"a", "x", "b"}), 0.9197208, 0.8333333, 1},
        // dcg = 1, ideal = 1 + L3; AP = (1/1) / 2: the unretrieved one still counts
        {"half the relevant retrieved", {{"a", 1}, {"b", 1}}, in_order({"a"}), 0.6131472, 0.5, 0.5},
        // gain = grade: dcg = 1/1 + 3*L3 = 2.8927893, ideal = 3/1 + 1*L3 = 3.6309298
        {"graded gains, worse first", {{"a", 3}, {"b", 1}}, in_order({"b", "a"}), 0.7967076, 1, 1},
        {"graded gains, best first", {{"a", 3}, {"b", 1}}, in_order({"a", "b"}), 1, 1, 1},
        // -1 and 0 are judged, not relevant, no gain: dcg = 2*0.5, ideal = 2; AP = 1/3
        {"negative and zero grades", {{"a", -1}, {"b", 0}, {"c", 2}}, in_order({"a", "b", "c"}), 0.5, 0.3333333, 1},
        // a repeated docid counts once (at its best score): ranking is a, b
        {"duplicate docids", {{"a", 1}, {"b", 1}}, {{"a", 3}, {"a", 2}, {"b", 1}}, 1, 1, 1},
        {"duplicate docid, worse copy first", {{"a", 1}, {"b", 1}}, {{"b", 1}, {"a", 3}, {"b", 0.5}}, 1, 1, 1},
        // equal scores: docid descending, so "b" before "a" whatever the file order
        {"tie broken by docid", {{"a", 1}}, {{"a", 1}, {"b", 1}}, 0.6309298, 0.5, 1},
        {"tie broken by docid, reversed", {{"b", 1}}, {{"a", 1}, {"b", 1}}, 1, 1, 1},
        // order is by score, not by file order
        {"scores out of file order", {{"a", 1}}, {{"x", 1}, {"a", 5}}, 1, 1, 1},
        // beyond the cut-offs: ranks 11 (nDCG@10), 101 (Recall@100), 1001 (run depth)
        {"relevant at rank 11", at11.judged, at11.hits, 0, 1.0 / 11, 1},
        {"relevant at rank 101", at101.judged, at101.hits, 0, 1.0 / 101, 0},
        {"relevant at rank 1001", at1001.judged, at1001.hits, 0, 0, 0},
        // ideal dcg counts the 10 best grades only: 11 relevant docs in order give 1
        {"ideal cut at 10",
         {{"d1", 1}, {"d2", 1}, {"d3", 1}, {"d4", 1}, {"d5", 1}, {"d6", 1}, {"d7", 1}, {"d8", 1}, {"d9", 1},
          {"d10", 1}, {"d11", 1}},
         numbered(1, 11), 1, 1, 1},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto s = score(c.judged, ranking(c.hits));
        CHECK(s.ndcg10 == Approx(c.ndcg10).margin(1e-6));
        CHECK(s.map == Approx(c.map).margin(1e-6));
        CHECK(s.recall100 == Approx(c.recall100).margin(1e-6));
    }
}

TEST_CASE("ranking sorts, deduplicates and cuts at the run depth", "[ir]") {
    CHECK(ranking({{"a", 1}, {"c", 2}, {"b", 2}, {"c", 0}}) == std::vector<std::string>{"c", "b", "a"});
    CHECK(ranking(numbered(1, 1500)).size() == kDepth);
}

TEST_CASE("means over queries with a relevant document", "[ir]") {
    Qrels qrels = {
        {"q1", {{"a", 1}}},
        {"q2", {{"b", 1}}},             // missing from the run: scores 0
        {"q3", {{"c", 0}, {"d", -1}}},  // no relevant document: not averaged
    };
    Run run = {
        {"q1", in_order({"a"})},
        {"q3", in_order({"c"})},
        {"q9", in_order({"z"})},  // not in the qrels: ignored
    };
    auto r = evaluate(qrels, run);
    CHECK(r.per_query.size() == 2);
    CHECK(r.per_query.at("q2").map == 0);
    CHECK(r.mean.ndcg10 == Approx(0.5));
    CHECK(r.mean.map == Approx(0.5));
    CHECK(r.mean.recall100 == Approx(0.5));

    CHECK(evaluate({}, run).per_query.empty());
    CHECK(evaluate({}, run).mean.map == 0);
}

TEST_CASE("readers", "[ir]") {
    SECTION("BEIR qrels with header and CRLF") {
        std::istringstream in("query-id\tcorpus-id\tscore\r\n1\t31715818\t1\r\n1\t486\t-1\n\n2\tx\t0\n");
        auto q = read_qrels(in);
        CHECK(q.size() == 2);
        CHECK(q.at("1").at("31715818") == 1);
        CHECK(q.at("1").at("486") == -1);
        CHECK(q.at("2").at("x") == 0);
    }
    SECTION("TREC run") {
        std::istringstream in("1 Q0 d1 1 12.5 docket\n1 Q0 d2 2 -3e-1 docket\n2\tQ0\td3\t1\t7\tt\n");
        auto r = read_run(in);
        REQUIRE(r.at("1").size() == 2);
        CHECK(r.at("1")[1].doc == "d2");
        CHECK(r.at("1")[1].score == Approx(-0.3));
        CHECK(r.at("2")[0].score == 7);
    }
    SECTION("malformed lines name the line") {
        for (const char* text : {"q\td\n", "q\td\t1.5\n", "q\td\tx\n"}) {
            std::istringstream in(std::string("query-id\tcorpus-id\tscore\n") + text);
            CHECK_THROWS_WITH(read_qrels(in), Catch::Contains("line 2"));
        }
        for (const char* text : {"1 Q0 d1 1\n", "1 Q0 d1 1 high t\n"}) {
            std::istringstream in(text);
            CHECK_THROWS_WITH(read_run(in), Catch::Contains("line 1"));
        }
    }
}
