#include <catch2/catch.hpp>

#include "facets.h"

using namespace docket;

TEST_CASE("packed facet lists round-trip", "[facets]") {
    std::vector<std::string> values = {"Meta", "Kadrey v. Meta", "Dow Jones"};
    CHECK(unpack_list(pack_list(values)) == values);
    CHECK(unpack_list("").empty());
    CHECK(facet_key("Kadrey v. Meta") == "kadrey v. meta");
}

TEST_CASE("FacetSpy counts documents per value and merges serialised results", "[facets]") {
    FacetSpy spy({1, 2});
    Xapian::Document d1, d2;
    d1.add_value(1, pack_list({"Meta", "OpenAI"}));
    d1.add_value(2, pack_list({"Kadrey v. Meta"}));
    d2.add_value(1, pack_list({"Meta"}));
    spy(d1, 1.0);
    spy(d2, 1.0);
    CHECK(spy.counts(1).at("Meta") == 2);
    CHECK(spy.counts(1).at("OpenAI") == 1);
    CHECK(spy.counts(2).at("Kadrey v. Meta") == 1);

    // A remote shard's spy: serialised, unserialised, merged.
    std::unique_ptr<Xapian::MatchSpy> remote(spy.unserialise(spy.serialise(), Xapian::Registry()));
    (*remote)(d2, 1.0);
    FacetSpy merged({1, 2});
    merged.merge_results(spy.serialise_results());
    merged.merge_results(remote->serialise_results());
    CHECK(merged.counts(1).at("Meta") == 3);
    CHECK(merged.documents_seen() == 3);

    auto sorted = sorted_by_count(merged.counts(1));
    REQUIRE(sorted.size() == 2);
    CHECK(sorted[0].value == "Meta");
}
