// The whole entity extractor: companies, cases and amounts from one article.
#pragma once

#include "article.h"
#include "entities/gazetteer.h"

#include <string>
#include <string_view>

namespace docket {

// What an index's entities were made with: the gazetteer's and the recogniser model's
// fingerprints and the extractor's rules revision. Bump the revision when a rule change alters what
// is extracted, so existing indexes extract every file again on their next run.
// 2: cases need legal evidence; 3: ambiguous forms inside longer names, names after a person's title;
// 4: the learned recogniser's companies, fixtures and comparisons are no cases, amount fixes
inline constexpr std::string_view kExtractorRevision = "4";
std::string entities_version(const Gazetteer& gazetteer);

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
