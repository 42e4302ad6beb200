// Query features through the real binaries: batch runs, "did you mean",
// --explain, --like, collapsed duplicates, aliases in free text, date sorting.
#include <catch2/catch.hpp>

#include <fstream>

#include "run.h"
#include "search_json.h"

using namespace e2e;

namespace {

// A few articles, one stored twice under another path, indexed once for all tests here.
struct FeatureIndex : ArticleFolder {
    FeatureIndex() {
        write("a.md", "Meta shares Llama revenue", "2025-03-21",
              "Unsealed filings show Meta shares revenue with companies that host Llama, including AWS.");
        write("mirror/a.md", "Meta shares Llama revenue", "2025-03-21",
              "Unsealed filings show Meta shares revenue with companies that host Llama, including AWS.");
        write("b.md", "Facebook settles privacy claims", "2024-05-02",
              "Facebook agreed to pay to settle privacy claims brought by users.");
        write("c.md", "Antitrust trial of Google opens", "2023-09-12", "The antitrust trial of Google opened in Washington.");
        std::ofstream(docs / "beir.jsonl") << "{\"_id\": \"doc-7\", \"title\": \"Regulators weigh AI rules\", "
                                              "\"text\": \"Regulators in Brussels weigh new rules for AI models.\"}\n";
        index();
    }
};

FeatureIndex& features() {
    static FeatureIndex index;
    return index;
}

}  // namespace

TEST_CASE("batch mode runs BEIR queries into a TREC run file with record ids", "[features]") {
    auto& f = features();
    auto queries = f.dir.path() / "queries.jsonl";
    std::ofstream(queries) << "{\"_id\": \"q1\", \"text\": \"regulators rules\"}\n"
                              "{\"_id\": \"q2\", \"text\": \"antitrust google\"}\n"
                              "{\"_id\": \"q3\", \"text\": \"zebra\"}\n";
    auto run_file = f.dir.path() / "run.trec";
    Result r = searcher({"--db", f.db, "--batch", queries.string(), "--run", run_file.string(), "--run-tag", "t1"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("batch: 3 queries") != std::string::npos);
    CHECK(r.err.find("p95") != std::string::npos);
    std::istringstream lines(slurp(run_file));
    std::string qid, q0, docid, tag;
    int rank;
    double score;
    REQUIRE(lines >> qid >> q0 >> docid >> rank >> score >> tag);
    CHECK(qid == "q1");
    CHECK(q0 == "Q0");
    CHECK(docid == "doc-7");  // the record's own _id, not the file path
    CHECK(rank == 1);
    CHECK(tag == "t1");
    CHECK(slurp(run_file).find("q3 ") == std::string::npos);  // no hits, no lines

    std::ofstream(queries) << "{\"text\": \"no id\"}\n";
    Result bad = searcher({"--db", f.db, "--batch", queries.string()});
    CHECK(bad.code == 2);
    CHECK(bad.err.find("line 1") != std::string::npos);
}

TEST_CASE("a misspelt query gets a suggestion built from the index, in text and JSON", "[features]") {
    auto& f = features();
    Result text = searcher({"--db", f.db, "antitrsut triall"});
    CHECK(text.out.find("Did you mean: antitrust trial") != std::string::npos);
    auto j = search_json(f.db, {"antitrsut"});
    CHECK(j["suggestion"] == "antitrust");
    CHECK(search_json(f.db, {"antitrust"})["suggestion"].is_null());
}

TEST_CASE("company aliases work in free text", "[features]") {
    auto& f = features();
    // "facebook" finds the Meta article too (it never says Facebook).
    auto ids = hit_ids(search_json(f.db, {"facebook"}));
    CHECK(ids.count((f.docs / "b.md").string()) == 1);
    CHECK(ids.size() == 2);
}

TEST_CASE("exact duplicates collapse into one hit with a count, and --no-collapse shows both", "[features]") {
    auto& f = features();
    auto folded = search_json(f.db, {"unsealed"});
    CHECK(folded["total"] == 1);
    REQUIRE(folded["hits"].size() == 1);
    CHECK(folded["hits"][0]["duplicates"] == 1);
    Result text = searcher({"--db", f.db, "unsealed"});
    CHECK(text.out.find("+1 exact duplicate") != std::string::npos);
    auto all = search_json(f.db, {"--no-collapse", "unsealed"});
    CHECK(all["total"] == 2);
}

TEST_CASE("explain shows matching terms with weights and the filters that admitted each hit", "[features]") {
    auto& f = features();
    auto j = search_json(f.db, {"--explain", "--company", "facebook", "revenue"});
    REQUIRE(j["hits"].size() == 1);
    const auto& why = j["hits"][0]["explain"];
    REQUIRE(why["terms"].size() == 2);  // the word, and the same word in the title
    CHECK(why["terms"][0]["term"] == "revenu");
    CHECK(why["terms"][1]["term"] == "title:revenu");
    double sum = why["terms"][0]["weight"].get<double>() + why["terms"][1]["weight"].get<double>();
    CHECK(sum == Approx(j["hits"][0]["score"].get<double>()));  // the parts add up to the score
    CHECK(why["filters"][0] == "company: Meta");
    Result text = searcher({"--db", f.db, "--explain", "revenue"});
    CHECK(text.out.find("explain: revenu ") != std::string::npos);
    CHECK(search_json(f.db, {"revenue"})["hits"][0].count("explain") == 0);
}

TEST_CASE("like finds related articles, never the article itself", "[features]") {
    auto& f = features();
    auto j = search_json(f.db, {"--like", (f.docs / "c.md").string()});
    for (const auto& h : j["hits"]) CHECK(h["id"] != (f.docs / "c.md").string());
    Result missing = searcher({"--db", f.db, "--like", "/no/such.md"});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("--like") != std::string::npos);
}

TEST_CASE("sorting by date puts the newest first, and recency favours newer articles", "[features]") {
    auto& f = features();
    auto dated = search_json(f.db, {"--sort", "date", "facebook OR antitrust OR regulators"});
    std::vector<std::string> dates;
    for (const auto& h : dated["hits"]) dates.push_back(h["date"]);
    CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
    auto recent = search_json(f.db, {"--recency", "30", "facebook"});
    CHECK(recent["hits"][0]["date"] == "2025-03-21");
    CHECK(searcher({"--db", f.db, "--recency", "-3", "meta"}).code == 2);
}
