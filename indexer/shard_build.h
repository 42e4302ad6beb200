// A fresh index of many files, built as shard databases in parallel (one writer
// per worker: Xapian's inverter, not parsing, is the bottleneck), merged with
// Database::compact and swapped into place atomically. Until the swap the index
// stays the empty one this run created, so a crash loses nothing.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "entities/gazetteer.h"
#include "first_indexed.h"
#include "index_file.h"
#include "progress.h"

namespace docket {

// Builds `tasks` into shards of `files_per_shard` files on `term_indexers.size()`
// threads, adds their counts to `summary`, and installs the merged index at
// `db_path` in place of the empty `db`, which is reopened on it. Returns how
// many files were done (fewer than tasks.size() when stopped). Every article gets the
// current stamp of `stamps`, which the merged index records.
std::size_t build_in_shards(const std::string& db_path, std::size_t files_per_shard, const std::vector<Task>& tasks,
                            const EntityExtractor& extractor, std::vector<analysis::TermIndexer>& term_indexers,
                            Progress& progress, Xapian::WritableDatabase& db, const Gazetteer& gazetteer,
                            const FirstIndexedStamps& stamps, const std::atomic<bool>& stop, IndexSummary& summary);

}  // namespace docket
