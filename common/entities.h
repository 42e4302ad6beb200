// The whole entity extractor: companies, cases and amounts from one article.
#pragma once

#include "article.h"
#include "gazetteer.h"

namespace docket {

class EntityExtractor {
public:
    explicit EntityExtractor(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {}
    // Entities of extraction_text(article); offsets refer to that text.
    Entities extract(const Article& article) const;
    Entities extract_text(std::string_view text) const;
    const Gazetteer& gazetteer() const { return gazetteer_; }

private:
    const Gazetteer& gazetteer_;
};

}  // namespace docket
