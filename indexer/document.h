// The indexer's document step: build the Xapian document for one article and its
// entities (terms, values, stored data). Pure: no database access.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "text/analysis.h"
#include "article.h"

namespace docket {

// `file_stamp` is walk::stamp() of the source file.
Xapian::Document build_document(const Article& article, const Entities& entities,
                                const std::string& file_stamp, analysis::TermIndexer& terms);

// The unique-id and file terms of an article (see schema.h).
std::string id_term(const Article& article);
std::string file_term(const std::string& path);
// The id run files use: a .json/.jsonl record's own id ("_id"), else the article id.
std::string record_id(const Article& article);
// Collapse key of an article: a hash of its title and text with white space
// collapsed, equal for the same article stored under two paths.
std::string content_key(const Article& article);

}  // namespace docket
