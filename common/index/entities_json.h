// An article's entities as JSON, in the one shape that the stored record,
// `searcher --json` hits and `indexer --extract` share.
#pragma once

#include <nlohmann/json.hpp>

#include "article.h"
#include "index/schema.h"

namespace docket {

// {"text", ["offset",] "currency", "min", "max"}.
nlohmann::ordered_json amount_json(const Amount& amount, bool with_offset);

// One facet row's entities (schema::kFields): a named facet's names (with
// `with_mentions`, {"name", "mentions": [{"text", "offset"}]} objects), or the
// amounts as amount_json objects (offsets with `with_mentions`).
nlohmann::ordered_json entities_json(const Entities& entities, const schema::Field& field, bool with_mentions);

}  // namespace docket
