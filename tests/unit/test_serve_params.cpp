// The HTTP API's parameters -> SearchRequest (searcher/serve/api.cpp): the CLI
// options' meanings, and the near-misses that must be refused naming the parameter.
#include <catch2/catch.hpp>

#include "query.h"
#include "serve/api.h"

using docket::SearchRequest;
using docket::serve::Params;
using docket::serve::request_from_params;

TEST_CASE("api parameters map to the CLI's request", "[serve]") {
    SECTION("defaults: the CLI's") {
        SearchRequest r = request_from_params({});
        SearchRequest cli;
        CHECK(r.query.empty());
        CHECK_FALSE(r.query_given);
        CHECK(r.limit == cli.limit);
        CHECK(r.offset == cli.offset);
        CHECK(r.facet_limit == cli.facet_limit);
        CHECK_FALSE(r.sort_by_date);
        CHECK_FALSE(r.months);
        CHECK(r.facets);
        CHECK(r.snippets);
    }
    SECTION("every parameter") {
        SearchRequest r = request_from_params({{"q", "revenue sharing"}, {"company", "Meta"}, {"company", "OpenAI"},
                                               {"case", "Kadrey v. Meta"}, {"amount_min", "1B"}, {"amount_max", "$20bn"},
                                               {"from", "2025-01-01"}, {"to", "2025-12-31"}, {"limit", "25"},
                                               {"offset", "50"}, {"sort", "date"}, {"facet_limit", "0"}, {"months", "1"},
                                               {"explain", "true"}, {"like", "/a.md"}});
        CHECK(r.query == "revenue sharing");
        CHECK(r.query_given);
        CHECK(r.companies == std::vector<std::string>{"Meta", "OpenAI"});
        CHECK(r.cases == std::vector<std::string>{"Kadrey v. Meta"});
        CHECK(r.amount_min == Approx(1e9));
        CHECK(r.amount_max == Approx(2e10));
        CHECK(r.date_from == "2025-01-01");
        CHECK(r.date_to == "2025-12-31");
        CHECK(r.limit == 25);
        CHECK(r.offset == 50);
        CHECK(r.sort_by_date);
        CHECK(r.facet_limit == ~0u);  // 0 = all, as --facet-limit 0
        CHECK(r.months);
        CHECK(r.explain);
        CHECK(r.like_id == "/a.md");
    }
    SECTION("empty values count as absent (a form's empty fields)") {
        SearchRequest r = request_from_params({{"q", ""}, {"company", ""}, {"amount_min", ""}, {"from", " "}, {"sort", ""},
                                               {"limit", ""}, {"months", ""}});
        CHECK_FALSE(r.query_given);
        CHECK(r.companies.empty());
        CHECK_FALSE(r.amount_min);
        CHECK(r.date_from.empty());
        CHECK(r.limit == 10);
        CHECK_FALSE(r.months);
    }
}

TEST_CASE("api parameters that are refused name the parameter", "[serve]") {
    const struct {
        Params params;
        const char* message_start;
    } refused[] = {
        {{{"limit", "ten"}}, "limit:"},
        {{{"limit", "-1"}}, "limit:"},
        {{{"limit", "1e3"}}, "limit:"},
        {{{"limit", "10001"}}, "limit:"},
        {{{"limit", "10 "}}, nullptr},  // trimmed: accepted (see below)
        {{{"offset", "1.5"}}, "offset:"},
        {{{"facet_limit", "all"}}, "facet_limit:"},
        {{{"sort", "Relevance"}}, "sort:"},
        {{{"sort", "size"}}, "sort:"},
        {{{"months", "yes"}}, "months:"},
        {{{"explain", "2"}}, "explain:"},
        {{{"amount_min", "lots"}}, "amount_min:"},
        {{{"amount_max", "$"}}, "amount_max:"},
        {{{"q", "a"}, {"q", "b"}}, "q: given more than once"},
        {{{"limit", "1"}, {"limit", "2"}}, "limit: given more than once"},
        {{{"Q", "llama"}}, "unknown parameter 'Q'"},
        {{{"amount-min", "1B"}}, "unknown parameter 'amount-min'"},
        {{{"token", "x"}}, "unknown parameter 'token'"},
    };
    for (const auto& c : refused) {
        INFO(c.params.begin()->first << "=" << c.params.begin()->second);
        if (!c.message_start) {
            CHECK_NOTHROW(request_from_params(c.params));
            continue;
        }
        try {
            request_from_params(c.params);
            FAIL("accepted");
        } catch (const docket::QueryError& e) {
            CHECK(std::string(e.what()).rfind(c.message_start, 0) == 0);
        }
    }
}
