// End to end over our own corpus/: the real indexer and searcher in a temp dir.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "run.h"
#include "search_json.h"

using namespace e2e;
using nlohmann::json;

namespace {

// corpus/ copied into a temp dir (so tests may edit it) and indexed once.
struct CorpusIndex {
    TempDir dir;
    std::filesystem::path docs = dir.path() / "corpus";
    std::string db = (dir.path() / "db").string();
    Result first_run;
    CorpusIndex() {
        std::filesystem::copy(DOCKET_CORPUS, docs, std::filesystem::copy_options::recursive);
        first_run = indexer({"--db", db, docs.string()});
    }
    json search(std::vector<std::string> args) const { return search_json(db, std::move(args)); }
};

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

TEST_CASE("corpus: indexing reports every file, every reader is used", "[corpus]") {
    CorpusIndex idx;
    INFO(idx.first_run.out << idx.first_run.err);
    REQUIRE(idx.first_run.code == 0);
    CHECK(idx.first_run.err.empty());
    // corpus/README.md is left out by corpus/.docketignore; nothing else is skipped.
    CHECK(idx.first_run.out.find(", updated 0, unchanged 0, deleted 0, skipped 0 (0 unsupported, 0 broken)") !=
          std::string::npos);
}

TEST_CASE("corpus: the demo query ranks the Llama revenue-sharing article first", "[corpus]") {
    CorpusIndex idx;
    json r = idx.search({"revenue sharing Llama"});
    REQUIRE(r["total"].get<int>() > 0);
    CHECK(file_name(r["hits"][0]["path"]) == "lit-kadrey-llama-revenue-sharing.md");
    CHECK(r["hits"][0]["snippet"].get<std::string>().find("**") != std::string::npos);
    std::set<std::string> companies, cases;
    for (const auto& f : r["facets"]["company"]) companies.insert(f["value"]);
    for (const auto& f : r["facets"]["case"]) cases.insert(f["value"]);
    CHECK(companies.count("Meta"));
    CHECK(cases.count("Kadrey v. Meta"));
    CHECK(r["facets"]["amount"].size() > 0);

    // Text output: ranked hits, then facets.
    Result text = searcher({"--db", idx.db, "revenue sharing Llama"});
    CHECK(text.code == 0);
    CHECK(text.out.find("1. Unsealed filing says Meta has revenue-sharing deals with Llama hosts") != std::string::npos);
    CHECK(text.out.find("company: Meta (") != std::string::npos);
}

TEST_CASE("corpus: both facets filter to exactly the articles carrying both", "[corpus]") {
    CorpusIndex idx;
    json r = idx.search({"--company", "meta", "--case", "kadrey v. meta", "llama"});
    REQUIRE(r["total"].get<int>() > 0);
    for (const auto& h : r["hits"]) {
        INFO(h["path"]);
        auto companies = h["companies"].get<std::vector<std::string>>();
        auto cases = h["cases"].get<std::vector<std::string>>();
        CHECK(std::count(companies.begin(), companies.end(), "Meta") == 1);
        CHECK(std::count(cases.begin(), cases.end(), "Kadrey v. Meta") == 1);
    }
}

TEST_CASE("corpus: every facet value filters to exactly the articles whose extraction has it", "[corpus]") {
    CorpusIndex idx;
    Result extracted = indexer({"--extract", idx.docs.string()});
    REQUIRE(extracted.code == 0);
    std::map<std::string, std::set<std::string>> by_company, by_case;
    std::size_t articles = 0;
    std::istringstream lines(extracted.out);
    for (std::string line; std::getline(lines, line);) {
        json a = json::parse(line);
        ++articles;
        for (const auto& c : a["companies"]) by_company[c["name"]].insert(a["id"]);
        for (const auto& c : a["cases"]) by_case[c["name"]].insert(a["id"]);
    }
    REQUIRE(articles >= 60);
    REQUIRE(by_case.size() >= 10);

    json all = idx.search({});
    CHECK(all["total"].get<std::size_t>() == articles);
    std::map<std::string, std::size_t> company_counts, case_counts;
    for (const auto& f : all["facets"]["company"]) company_counts[f["value"]] = f["count"];
    for (const auto& f : all["facets"]["case"]) case_counts[f["value"]] = f["count"];
    CHECK(company_counts.size() == by_company.size());
    CHECK(case_counts.size() == by_case.size());

    auto check_facet = [&](const char* option, const std::map<std::string, std::set<std::string>>& expected,
                           std::map<std::string, std::size_t>& counts) {
        for (const auto& [name, ids] : expected) {
            INFO(option << " " << name);
            CHECK(counts[name] == ids.size());
            json r = idx.search({option, name});
            CHECK(r["total"].get<std::size_t>() == ids.size());
            CHECK(hit_ids(r) == ids);
        }
    };
    check_facet("--company", by_company, company_counts);
    check_facet("--case", by_case, case_counts);
}

TEST_CASE("corpus: page chrome and scripts are not indexed", "[corpus]") {
    CorpusIndex idx;
    for (const char* hidden : {"zzscriptsentinel", "zznavsentinel", "zzfootersentinel"}) {
        INFO(hidden);
        CHECK(searcher({"--db", idx.db, hidden}).code == 1);
    }
}

TEST_CASE("corpus: re-runs are incremental and notice edits and deletions", "[corpus]") {
    CorpusIndex idx;
    REQUIRE(idx.first_run.code == 0);
    Result again = indexer({"--db", idx.db, idx.docs.string()});
    CHECK(again.out.find("indexed 0, updated 0, unchanged ") != std::string::npos);
    CHECK(again.out.find("deleted 0") != std::string::npos);

    auto edited = idx.docs / "lit-bartz-anthropic-settlement.md";
    std::ofstream(edited, std::ios::app) << "\nAn added line mentioning zzeditedmarker.\n";
    std::filesystem::last_write_time(edited, std::filesystem::file_time_type::clock::now());
    Result after_edit = indexer({"--db", idx.db, idx.docs.string()});
    CHECK(after_edit.out.find("indexed 0, updated 1,") != std::string::npos);
    CHECK(searcher({"--db", idx.db, "zzeditedmarker"}).code == 0);

    auto removed = idx.docs / "lit-getty-stability-delaware-complaint.md";
    std::filesystem::remove(removed);
    Result after_delete = indexer({"--db", idx.db, idx.docs.string()});
    CHECK(after_delete.out.find("indexed 0, updated 0,") != std::string::npos);
    CHECK(after_delete.out.find("deleted 1,") != std::string::npos);
    json r = idx.search({"Delaware"});
    for (const auto& h : r["hits"]) CHECK(file_name(h["path"]) != "lit-getty-stability-delaware-complaint.md");
}

TEST_CASE("corpus: several --db indexes are searched as one, facets merged", "[corpus]") {
    CorpusIndex whole;
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "lit");
    std::filesystem::create_directories(dir.path() / "biz");
    for (const auto& f : std::filesystem::directory_iterator(whole.docs)) {
        std::string name = f.path().filename().string();
        if (name.rfind("lit-", 0) == 0) std::filesystem::copy(f.path(), dir.path() / "lit" / name);
        if (name.rfind("biz-", 0) == 0) std::filesystem::copy(f.path(), dir.path() / "biz" / name);
    }
    std::string lit = (dir.path() / "lit.db").string(), biz = (dir.path() / "biz.db").string();
    REQUIRE(indexer({"--db", lit, (dir.path() / "lit").string()}).code == 0);
    REQUIRE(indexer({"--db", biz, (dir.path() / "biz").string()}).code == 0);
    Result r = searcher({"--db", lit, "--db", biz, "--json", "--limit", "1000", "--facet-limit", "0", "meta"});
    REQUIRE(r.code == 0);
    json both = json::parse(r.out), one = whole.search({"meta"});
    CHECK(both["total"] == one["total"]);
    CHECK(both["facets"] == one["facets"]);
    CHECK(both["hits"].size() == one["hits"].size());
}
