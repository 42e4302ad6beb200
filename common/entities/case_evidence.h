// Whether an "X v Y" found in an article names a lawsuit, or a sports fixture,
// a comparison or a metaphor ("Arsenal v Stoke", "France v Wales (Sat)",
// "cats v dogs"). News writes all of them alike; what tells them apart is the
// article around them: a lawsuit is written about in legal words (court,
// judge, sued, filed, ruling, trial...), a fixture in sports words.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace docket {

class CaseEvidence {
public:
    // Reads the article's words once.
    CaseEvidence(std::string_view text, const std::vector<text::Token>& tokens);

    // For "X v Y" at tokens [first, end), "v" at `versus`: false when a sports word shares the
    // name's line or a fixture day ("(Sat)") follows it; else true when the
    // article uses a legal word, "case" stands just before the name, or a party
    // is written as in a pleading (a legal form "Inc.", a government plaintiff).
    bool is_lawsuit(std::size_t first, std::size_t versus, std::size_t end) const;

private:
    bool is_all_caps_span(std::size_t first, std::size_t end) const;

    std::string_view text_;
    const std::vector<text::Token>& tokens_;
    bool legal_words_ = false;
    std::vector<std::size_t> sports_offsets_;  // byte offsets of sports words, in order
};

}  // namespace docket
