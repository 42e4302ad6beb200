#include <catch2/catch.hpp>

#include "index/facets.h"
#include "index/schema.h"

using namespace docket;

TEST_CASE("facet keys are lower-cased canonical names", "[facets]") {
    CHECK(facet_key("Kadrey v. Meta") == "kadrey v. meta");
}

TEST_CASE("per-value counts come from split combination counts, merged across shards", "[facets]") {
    Xapian::Document d1, d2, d3, d4;
    d1.add_value(1, pack_facets({{"Meta", "OpenAI"}, {"Kadrey v. Meta"}, {"$1B-$10B"}}));
    d2.add_value(1, pack_facets({{"Meta"}, {}, {}}));
    d3.add_value(1, pack_facets({{"OpenAI", "Meta"}, {}, {"$1B-$10B"}}));  // another order is another combination
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
    CHECK(t.tally("company").counts == ValueCounts{{"Meta", 3}, {"OpenAI", 2}});
    CHECK(t.tally("case").counts == ValueCounts{{"Kadrey v. Meta", 1}});
    CHECK(t.tally("amount").counts == ValueCounts{{"$1B-$10B", 2}});
    CHECK(split_facet_counts(Xapian::ValueCountMatchSpy(2)).tally("company").counts.empty());

    auto sorted = sorted_by_count(t.tally("company").counts);
    REQUIRE(sorted.size() == 2);
    CHECK(sorted[0].value == "Meta");
}

TEST_CASE("the local facet counter counts codes and names the values shown, like the split combinations", "[facets]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    auto add = [&](const std::string& packed) {
        Xapian::Document d;
        d.add_value(schema::slot::kFacets, packed);
        d.add_value(schema::slot::kFacetCodes, facet_codes(packed));
        for (const auto& t : facet_name_terms(packed)) d.add_boolean_term(t);
        d.add_boolean_term("Tall");
        db.add_document(d);
    };
    add(pack_facets({{"Meta", "OpenAI"}, {"Kadrey v. Meta"}, {"$1B-$10B"}}));
    add(pack_facets({{"OpenAI", "Meta", "Zeta"}, {}, {"$1B-$10B"}}));
    add(pack_facets({{"Acme"}, {}, {}}));
    add("");  // no facets
    CHECK(facet_codes(pack_facets({{"Meta"}, {}, {}})).size() == kFacetCodeBytes);
    CHECK(facet_codes("").empty());

    FacetCounter counter;
    Xapian::ValueCountMatchSpy combinations(schema::slot::kFacets);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("Tall"));
    enquire.add_matchspy(&counter);
    enquire.add_matchspy(&combinations);
    enquire.get_mset(0, 0, db.get_doccount());

    const FacetTallies all = counter.named(db, SIZE_MAX);
    CHECK(all.tally("company").counts == ValueCounts{{"Meta", 2}, {"OpenAI", 2}, {"Zeta", 1}, {"Acme", 1}});
    CHECK(all.tally("case").counts == ValueCounts{{"Kadrey v. Meta", 1}});
    CHECK(all.tally("amount").counts == ValueCounts{{"$1B-$10B", 2}});
    CHECK(all.tally("company").distinct == 4);
    const FacetTallies split = split_facet_counts(combinations);
    CHECK(split.tally("company").counts == all.tally("company").counts);
    CHECK(split.tally("amount").counts == all.tally("amount").counts);
    CHECK(split.tally("company").distinct == 4);

    // Naming only the top one: its tie is named too, so ties still order by name; the rest only counted.
    const FacetTallies top = counter.named(db, 1);
    CHECK(top.tally("company").counts == ValueCounts{{"Meta", 2}, {"OpenAI", 2}});
    CHECK(top.tally("company").distinct == 4);
    auto sorted = sorted_by_count(top.tally("company").counts, 1);
    CHECK(sorted[0].value == "Meta");
    // Two with one match each tie at the limit of three: both named.
    CHECK(counter.named(db, 3).tally("company").counts.size() == 4);
}
