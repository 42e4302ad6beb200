// Company extraction: gazetteer surface forms found in text, with context rules
// for forms that are also common words ("Apple", "Meta", "Oracle", "Block").
#pragma once

#include <string_view>
#include <vector>

#include "article.h"
#include "entities/gazetteer.h"
#include "text/text.h"

namespace docket {

// Finds company mentions in `text` (tokens = text::tokenize(text)).
// Rules: forms match case-sensitively on whole tokens, longest form first, and a
// mention extends over a following legal suffix (", Inc."). An ambiguous form
// counts only when the article confirms the company: a distinctive form of the
// same company anywhere, or one ambiguous mention with company context (a
// possessive, a legal suffix, a verb such as "said", a preceding "sued"/"v.",
// or a place in a list of other companies). Companies missing from the gazetteer
// are found by their form: a capitalised name before a legal suffix ("Acme
// Widgets Inc.") or a stock ticker ("Allegheny International <AG>"), or after
// "shares of"; their other mentions in the same text are found too.
std::vector<CompanyEntity> extract_companies(std::string_view text,
                                             const std::vector<text::Token>& tokens,
                                             const Gazetteer& gazetteer);

}  // namespace docket
