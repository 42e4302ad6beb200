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

TEST_CASE("amounts: British news forms, currency words and fractions", "[amounts]") {
    struct Row {
        std::string text;
        std::string surface;
        std::string currency;
        double value;
    };
    const std::vector<Row> rows = {
        // A figure with "a" or "half a" before the magnitude.
        {"trade could pass half a billion dollars", "half a billion dollars", "USD", 5e8},
        {"it is worth a billion dollars", "a billion dollars", "USD", 1e9},
        // Euro cents are hundredths of a euro, not euros.
        {"a dividend of 45 euro cents a share", "45 euro cents", "EUR", 0.45},
        // A singular "mark" before a noun is the currency.
        {"a 200 mln mark loan", "200 mln mark", "DEM", 2e8},
        // Currency words that were missing.
        {"debts of 4.2 billion reais", "4.2 billion reais", "BRL", 4.2e9},
        {"it spent 12 trillion rupiah", "12 trillion rupiah", "IDR", 1.2e13},
        {"a grant of 80m naira", "80m naira", "NGN", 8e7},
        {"fuel now costs 150 dinars", "150 dinars", "IQD", 150},
        {"a 3m Kuwaiti dinar fund", "3m Kuwaiti dinar", "KWD", 3e6},
        {"a 2bn zloty bond", "2bn zloty", "PLN", 2e9},
        {"it set aside Rs250 crore", "Rs250 crore", "INR", 2.5e9},
        // Values exact to the written digits, not 7299999999.999999.
        {"a profit of \xC2\xA3" "7.3bn", "\xC2\xA3" "7.3bn", "GBP", 7.3e9},
        {"shares slid 1.1p", "1.1p", "GBP", 0.011},
        {"a debt of $8.2 trillion", "$8.2 trillion", "USD", 8.2e12},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        auto found = extract_amounts(row.text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].text == row.surface);
        CHECK(found[0].currency == row.currency);
        CHECK(found[0].min == row.value);  // exact: see the rounding rows
        CHECK(found[0].max == row.value);
    }
}

TEST_CASE("amounts: a change from one amount to another is two amounts, a range is one", "[amounts]") {
    struct Row {
        std::string text;
        std::vector<std::string> surfaces;
    };
    const std::vector<Row> rows = {
        {"fares rose from \xC2\xA3" "6 to \xC2\xA3" "10", {"\xC2\xA3" "6", "\xC2\xA3" "10"}},
        {"its loss grew from \xC2\xA3" "1m to \xC2\xA3" "1.4m", {"\xC2\xA3" "1m", "\xC2\xA3" "1.4m"}},
        {"crude gained $1.50 to $45.20 a barrel", {"$1.50", "$45.20"}},
        {"the shares closed down $0.80 to $39.90", {"$0.80", "$39.90"}},
        {"sales rose $2bn to $40bn", {"$2bn", "$40bn"}},
        // Ranges stay one amount.
        {"tickets ranging from \xC2\xA3" "15 to \xC2\xA3" "25", {"\xC2\xA3" "15 to \xC2\xA3" "25"}},
        {"revenue of $3bn to $3.5bn is expected", {"$3bn to $3.5bn"}},
        {"profits cut by $2m to $3m", {"$2m to $3m"}},
        {"estimated at between \xC2\xA3" "2m and \xC2\xA3" "3m", {"between \xC2\xA3" "2m and \xC2\xA3" "3m"}},
        {"prices rose from $5-$7", {"$5-$7"}},  // a hyphen is always a range
    };
    for (const auto& row : rows) {
        INFO(row.text);
        auto found = extract_amounts(row.text);
        REQUIRE(found.size() == row.surfaces.size());
        for (std::size_t k = 0; k < found.size(); ++k) {
            CHECK(found[k].text == row.surfaces[k]);
            CHECK((found.size() == 1) == (found[k].min != found[k].max));
        }
    }
}

TEST_CASE("amounts: British news near-misses are not money", "[amounts]") {
    const std::vector<std::string> near_misses = {
        "users passed the 50 million mark.",
        "it topped the 2 million mark for the first time",
        "sales near the 3 billion mark in May",
        "a billion-dollar question",
        "a million-pound home",
        "half a million people",
        "a million users",
        "a real problem worth 5 billion real fans",
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
