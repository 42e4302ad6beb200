// Company or some other organisation? The learned recogniser finds organisation
// names of every kind (CoNLL's ORG: companies, but also governments, regulators,
// courts, teams, parties, unions, universities). This stage keeps the companies,
// deciding from evidence about the name and about each of its mentions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "entities/recogniser/recogniser.h"
#include "text/text.h"

namespace docket {

struct LearnedCompany {
    std::size_t first_token = 0, end_token = 0;  // the mention, legal suffix included
    std::string name;                            // as the article writes it: no "The", no legal suffix, no "'s"
    bool confirmed = false;  // false: a company only if a list puts it beside a confirmed one
};

// The company mentions among the recogniser's organisation names. A name is a
// company when some mention has company evidence (a legal suffix, a company word in
// the name such as "Airways" or "Holdings", a ticker, or context: "the Dutch brewer X",
// "X's shares", "shares in X", "X's chief executive") and nothing in the name says
// otherwise (a ministry, university, party, team, regulator, exchange...). Without
// evidence either way, a confident name counts in an article about business. A single
// ordinary word ("People", "City") needs a legal suffix.
std::vector<LearnedCompany> learned_companies(std::string_view text, const std::vector<text::Token>& tokens,
                                              const std::vector<recogniser::TextSpan>& names);

// A story about sport (scores like "2-2", words like "drew", "striker", "league"): its
// organisations are clubs and teams, so only a context that names a company makes one.
bool is_sports_story(std::string_view text, const std::vector<text::Token>& tokens);

}  // namespace docket
