// The document data record: what a search hit shows (path, title, date, body
// for snippets, entities), stored as JSON in each Xapian document.
#pragma once

#include <string>

#include "article.h"

namespace docket {

struct StoredArticle {
    Article article;
    Entities entities;  // names only (no mentions); each distinct amount once
};

std::string encode_stored(const Article& article, const Entities& entities);
// Throws std::runtime_error on a record this version cannot read.
StoredArticle decode_stored(const std::string& data);

}  // namespace docket
