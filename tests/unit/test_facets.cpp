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
    Xapian::Document d1, d2, d3, d4;
    d1.add_value(1, pack_facets({"Meta", "OpenAI"}, {"Kadrey v. Meta"}, {"$1B-$10B"}));
    d2.add_value(1, pack_facets({"Meta"}, {}, {}));
    d3.add_value(1, pack_facets({"OpenAI", "Meta"}, {}, {"$1B-$10B"}));  // another order is another combination
    // d4 has no facets: an empty value, counted nowhere
    Xapian::ValueCountMatchSpy local(1);
    local(d1, 1.0);
    local(d2, 1.0);
    local(d4, 1.0);
    // A remote shard's spy: serialised, unserialised, fed, and its results merged.
    std::unique_ptr<Xapian::MatchSpy> remote(local.unserialise(local.serialise(), Xapian::Registry()));
    (*remote)(d3, 1.0);
    Xapian::ValueCountMatchSpy merged(1);
    merged.merge_results(local.serialise_results());
    merged.merge_results(remote->serialise_results());
    FacetTallies t = split_facet_counts(merged);
    CHECK(t.companies == ValueCounts{{"Meta", 3}, {"OpenAI", 2}});
    CHECK(t.cases == ValueCounts{{"Kadrey v. Meta", 1}});
    CHECK(t.amounts == ValueCounts{{"$1B-$10B", 2}});
    CHECK(split_facet_counts(Xapian::ValueCountMatchSpy(2)).companies.empty());

    auto sorted = sorted_by_count(t.companies);
    REQUIRE(sorted.size() == 2);
    CHECK(sorted[0].value == "Meta");
}

TEST_CASE("the local facet counter tallies each match's values like the split combinations", "[facets]") {
    Xapian::Document d1, d2, d3;
    d1.add_value(1, pack_facets({"Meta", "OpenAI"}, {"Kadrey v. Meta"}, {"$1B-$10B"}));
    d2.add_value(1, pack_facets({"OpenAI", "Meta"}, {}, {"$1B-$10B"}));
    // d3 has no facets
    FacetCounter counter(1);
    Xapian::ValueCountMatchSpy combinations(1);
    for (const auto* d : {&d1, &d2, &d3}) {
        counter(*d, 1.0);
        combinations(*d, 1.0);
    }
    const FacetTallies& direct = counter.tallies();
    CHECK(direct.companies == ValueCounts{{"Meta", 2}, {"OpenAI", 2}});
    CHECK(direct.cases == ValueCounts{{"Kadrey v. Meta", 1}});
    CHECK(direct.amounts == ValueCounts{{"$1B-$10B", 2}});
    FacetTallies split = split_facet_counts(combinations);
    CHECK(split.companies == direct.companies);
    CHECK(split.amounts == direct.amounts);
    // Equal counts sort by value.
    auto sorted = sorted_by_count(direct.companies);
    REQUIRE(sorted.size() == 2);
    CHECK(sorted[0].value == "Meta");
    CHECK(sorted[1].value == "OpenAI");
}
