#include <catch2/catch.hpp>

#include "facets.h"

using namespace docket;

TEST_CASE("packed facet lists round-trip", "[facets]") {
    std::vector<std::string> values = {"Meta", "Kadrey v. Meta", "Dow Jones"};
    CHECK(unpack_list(pack_list(values)) == values);
    CHECK(unpack_list("").empty());
    CHECK(facet_key("Kadrey v. Meta") == "kadrey v. meta");
}

TEST_CASE("per-value counts come from split combination counts, merged across shards", "[facets]") {
    Xapian::Document d1, d2, d3;
    d1.add_value(1, pack_list({"Meta", "OpenAI"}));
    d2.add_value(1, pack_list({"Meta"}));
    d3.add_value(1, pack_list({"OpenAI", "Meta"}));  // another order is another combination
    Xapian::ValueCountMatchSpy local(1);
    local(d1, 1.0);
    local(d2, 1.0);
    // A remote shard's spy: serialised, unserialised, fed, and its results merged.
    std::unique_ptr<Xapian::MatchSpy> remote(local.unserialise(local.serialise(), Xapian::Registry()));
    (*remote)(d3, 1.0);
    Xapian::ValueCountMatchSpy merged(1);
    merged.merge_results(local.serialise_results());
    merged.merge_results(remote->serialise_results());
    auto counts = split_combination_counts(merged);
    CHECK(counts.at("Meta") == 3);
    CHECK(counts.at("OpenAI") == 2);
    CHECK(counts.size() == 2);
    CHECK(split_combination_counts(Xapian::ValueCountMatchSpy(2)).empty());

    auto sorted = sorted_by_count(counts);
    REQUIRE(sorted.size() == 2);
    CHECK(sorted[0].value == "Meta");
}
