#include <catch2/catch.hpp>

#include "entities/amounts.h"

using namespace docket;

TEST_CASE("amounts: forms, magnitudes, currencies and ranges", "[amounts]") {
    struct Row {
        std::string text;
        std::string surface;
        std::string currency;
        double min, max;
    };
    const std::vector<Row> rows = {
        {"It paid $1.5bn to settle.", "$1.5bn", "USD", 1.5e9, 1.5e9},
        {"a round of $40 billion", "$40 billion", "USD", 4e10, 4e10},
        {"raised \xE2\x82\xAC" "600 million", "\xE2\x82\xAC" "600 million", "EUR", 6e8, 6e8},
        {"fined \xC2\xA3" "2.3m last year", "\xC2\xA3" "2.3m", "GBP", 2.3e6, 2.3e6},
        {"spend $60 billion-$80 billion", "$60 billion-$80 billion", "USD", 6e10, 8e10},
        {"spend $60-80 billion", "$60-80 billion", "USD", 6e10, 8e10},
        {"spend $60\xE2\x80\x93" "80 billion", "$60\xE2\x80\x93" "80 billion", "USD", 6e10, 8e10},
        {"paid between $2 billion and $3 billion", "between $2 billion and $3 billion", "USD", 2e9, 3e9},
        {"$60 billion to $65 billion", "$60 billion to $65 billion", "USD", 6e10, 6.5e10},
        {"some 500 million dollars", "500 million dollars", "USD", 5e8, 5e8},
        {"profit of 3.5 mln dlrs", "3.5 mln dlrs", "USD", 3.5e6, 3.5e6},
        {"sales of 10 billion yen", "10 billion yen", "JPY", 1e10, 1e10},
        {"a US$10 billion deal", "US$10 billion", "USD", 1e10, 1e10},
        {"a $2 million fine", "$2 million", "USD", 2e6, 2e6},
        {"$3,000 per work", "$3,000", "USD", 3000, 3000},
        {"shares rose 50p", "50p", "GBP", 0.5, 0.5},
        {"a \xE2\x82\xAC" "1.2bn fine", "\xE2\x82\xAC" "1.2bn", "EUR", 1.2e9, 1.2e9},
        {"worth $3tn", "$3tn", "USD", 3e12, 3e12},
        {"USD 10bn facility", "USD 10bn", "USD", 1e10, 1e10},
        {"\xE2\x82\xAC" "4.1 billion", "\xE2\x82\xAC" "4.1 billion", "EUR", 4.1e9, 4.1e9},
        {"a $5B deal", "$5B", "USD", 5e9, 5e9},
        // Wire and other forms.
        {"net 22 cts a share", "22 cts", "USD", 0.22, 0.22},
        {"for 10.53 billion\ndlrs", "10.53 billion\ndlrs", "USD", 1.053e10, 1.053e10},
        {"stock at 31-7/8 dlrs", "31-7/8 dlrs", "USD", 31.875, 31.875},
        {"50 mln Canadian dlrs", "50 mln Canadian dlrs", "CAD", 5e7, 5e7},
        {"1.23 billion H.K. Dlrs", "1.23 billion H.K. Dlrs", "HKD", 1.23e9, 1.23e9},
        {"190 mln stg", "190 mln stg", "GBP", 1.9e8, 1.9e8},
        {"420 million finnish markka", "420 million finnish markka", "FIM", 4.2e8, 4.2e8},
        {"c $ 16.4 million", "c $ 16.4 million", "CAD", 1.64e7, 1.64e7},
        {"hk $ 10.05 billion", "hk $ 10.05 billion", "HKD", 1.005e10, 1.005e10},
        {"five million yen", "five million yen", "JPY", 5e6, 5e6},
        {"a 12-cent rise", "12-cent", "USD", 0.12, 0.12},
        {"thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents", "USD", 13.45, 13.45},
        {"half million usd", "half million usd", "USD", 5e5, 5e5},
        {"115usd", "115usd", "USD", 115, 115},
        {"usd115", "usd115", "USD", 115, 115},
        {"They lost 75 USD million", "75 USD million", "USD", 7.5e7, 7.5e7},
        {"30 musd", "30 musd", "USD", 3e7, 3e7},
        {"35 lakh rupees", "35 lakh rupees", "INR", 3.5e6, 3.5e6},
        {"10 \xE2\x82\xAC each", "10 \xE2\x82\xAC", "EUR", 10, 10},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        auto found = extract_amounts(row.text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].text == row.surface);
        CHECK(found[0].offset == row.text.find(row.surface));
        CHECK(found[0].currency == row.currency);
        CHECK(found[0].min == Approx(row.min));
        CHECK(found[0].max == Approx(row.max));
    }
}

TEST_CASE("amounts: near-misses are not money", "[amounts]") {
    const std::vector<std::string> near_misses = {
        "a 49% stake",
        "160 million shares",
        "in 2025 and 2024",
        "echo $HOME and $PATH",
        "the v. 2.0 release",
        "costs rose 10x",
        "the 5th round",
        "$ alone",
        "about 3 million users",
        "five of them",
        "a half-hearted effort",
        "the 5 marks on the test",
        "try 5 times",
        "we won 3 games",
        "a quarter of the market",
        "0-",  // a range separator at the very end (found by fuzzing)
    };
    for (const auto& text : near_misses) {
        INFO(text);
        CHECK(extract_amounts(text).empty());
    }
}

TEST_CASE("amounts: several in one text, in order", "[amounts]") {
    auto found = extract_amounts("Apple was fined \xE2\x82\xAC" "500 million and Meta \xE2\x82\xAC" "200 million.");
    REQUIRE(found.size() == 2);
    CHECK(found[0].min == 5e8);
    CHECK(found[1].min == 2e8);
}

TEST_CASE("amount filter bounds", "[amounts]") {
    CHECK(parse_amount_bound("1e9") == Approx(1e9));
    CHECK(parse_amount_bound("1B") == Approx(1e9));
    CHECK(parse_amount_bound("250m") == Approx(2.5e8));
    CHECK(parse_amount_bound("$1.5bn") == Approx(1.5e9));
    CHECK(parse_amount_bound("2500000") == Approx(2.5e6));
    CHECK(*parse_amount_bound("\xE2\x82\xAC" "1bn") == Approx(to_usd(1e9, "EUR")));
    CHECK_FALSE(parse_amount_bound("lots"));
    CHECK_FALSE(parse_amount_bound("1 zillion"));
    CHECK_FALSE(parse_amount_bound(""));
}

TEST_CASE("amount buckets and the USD slot codec", "[amounts]") {
    Amount range{"$60 billion-$80 billion", 0, "USD", 6e10, 8e10};
    auto buckets = buckets_for(range);
    REQUIRE(buckets.size() == 1);
    CHECK(buckets[0]->label == "$10B-$100B");
    Amount wide{"$500 million to $2 billion", 0, "USD", 5e8, 2e9};
    CHECK(buckets_for(wide).size() == 2);
    auto ranges = unpack_usd_ranges(pack_usd_ranges({range, wide}));
    REQUIRE(ranges.size() == 2);
    CHECK(ranges[0].first == 6e10);
    CHECK(ranges[1].second == 2e9);
}
