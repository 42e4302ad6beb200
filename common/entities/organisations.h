// Company or some other organisation? The learned recogniser finds organisation
// names of every kind (CoNLL's ORG: companies, but also governments, regulators,
// courts, teams, parties, unions, universities). This stage keeps the companies,
// deciding from evidence about the name and about each of its mentions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/flat_map.h"
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
// What the company stages need to know about the whole article.
struct ArticleFacts {
    text::FlatMap64<std::uint8_t> lower_words;  // FNV-1a hashes of words it writes in lower case ("total")
    int business_words = 0;                       // "shares", "profits", "market"...
    // A story about sport (scores like "2-2", words like "striker", "league"): its
    // organisations are clubs and teams, so only a context that names a company makes one.
    bool sports = false;
};
ArticleFacts article_facts(std::string_view text, const std::vector<text::Token>& tokens);

// True for a one-word name that is an ordinary word here: on the generic list ("People",
// "City") or written in lower case elsewhere in the article ("Total" and "a total of").
bool is_ordinary_word(std::string_view word, const ArticleFacts& facts);

std::vector<LearnedCompany> learned_companies(std::string_view text, const std::vector<text::Token>& tokens,
                                              const std::vector<recogniser::TextSpan>& names, const ArticleFacts& facts);

// True for a word that puts a person's name after it ("Mr", "Dr", "Baroness", "President").
bool is_person_title(std::string_view word);

// True for a name made only of generic words ("International", "National Bank", "Loan
// Insurance"): a piece of a longer name, or no name at all, unless the gazetteer knows it.
bool is_generic_name(std::string_view name);

}  // namespace docket
