// JSON helpers for end-to-end tests: run the searcher with --json, collect hit ids.
#pragma once

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "run.h"

namespace e2e {

// searcher --db DB --json (every hit, every facet value) ARGS...; fails the test on an error exit.
inline nlohmann::json search_json(const std::string& db, std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"--db", db, "--json", "--limit", "10000", "--facet-limit", "0"});
    Result r = searcher(args);
    INFO("searcher stderr: " << r.err);
    REQUIRE(r.code != 2);
    return nlohmann::json::parse(r.out);
}

inline std::set<std::string> hit_ids(const nlohmann::json& result) {
    std::set<std::string> ids;
    for (const auto& h : result["hits"]) ids.insert(h["id"].get<std::string>());
    return ids;
}

}  // namespace e2e
