// Legal case names: "X v. Y", "X v Y", "X vs. Y" and "In re X", found in running
// text and normalised so every form of one case gets one canonical name.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "text/text.h"

namespace docket {

// Maps a party name to a canonical company name when it is a known company
// (the indexer asks the gazetteer, the searcher the index's alias table).
using PartyResolver = std::function<std::optional<std::string>(std::string_view)>;

// Canonical form of one party: "et al." and legal suffixes dropped, a leading
// "The" dropped, known companies canonicalised ("Meta Platforms, Inc." -> "Meta"),
// a few government parties unified ("U.S." -> "United States").
std::string normalize_party(std::string_view party, const PartyResolver& resolve);

// Canonical case name for a user-typed or extracted case name, in any
// capitalisation: "kadrey v meta platforms, inc." -> "kadrey v. Meta".
// Returns nullopt when the text has no "v." / "vs." / "In re" shape.
std::optional<std::string> normalize_case_name(std::string_view name, const PartyResolver& resolve);

// Finds case names in running text. Parties must be capitalised names; the
// text around them ("In", "the case,") is not part of the name.
std::vector<CaseEntity> extract_cases(std::string_view text, const std::vector<text::Token>& tokens,
                                      const PartyResolver& resolve);

}  // namespace docket
