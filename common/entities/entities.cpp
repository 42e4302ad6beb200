#include "entities/entities.h"

#include "entities/amounts.h"
#include "entities/cases.h"
#include "entities/companies.h"
#include "entities/recogniser/recogniser.h"
#include "text/text.h"

namespace docket {

std::string entities_version(const Gazetteer& gazetteer) {
    return gazetteer.version() + "+model" + recogniser::Model::builtin().version() + "+rules" + std::string(kExtractorRevision);
}

Entities EntityExtractor::extract(const Article& article) const {
    return extract_text(extraction_text(article));
}

Entities EntityExtractor::extract_text(std::string_view text) const {
    Entities e;
    const auto tokens = text::tokenize(text);
    e.companies = extract_companies(text, tokens, gazetteer_);
    e.cases = extract_cases(text, tokens, [this](std::string_view party) {
        return gazetteer_.canonical_for(party);
    });
    e.amounts = extract_amounts(text);
    return e;
}

}  // namespace docket
