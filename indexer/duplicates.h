// Duplicate marking: articles whose title and text another article repeats
// carry schema.h kHasDuplicate, which the searcher uses to fold them.
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

#include "entities/gazetteer.h"

namespace docket {

// Marks the articles whose title and text another article of `db` repeats
// and returns how many repeat another. Run at the end of every indexing pass
// (for a shard set, then once more over all shards with mark_set_duplicates).
std::size_t mark_duplicates(Xapian::WritableDatabase& db);

// A shard set's marking pass: duplicates are found over all shards at once, so a
// copy whose original landed in another shard is marked too; every shard then
// records the set-wide count under one new pass id.
void mark_set_duplicates(const std::string& set_dir, std::size_t shards, const Gazetteer& gazetteer);

}  // namespace docket
