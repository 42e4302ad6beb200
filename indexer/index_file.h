// One file's way into the index: a worker prepares it (read, parse, extract,
// build documents), then one writer folds it into the index and the run's counts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "entities/entities.h"
#include "index_run.h"
#include "readers.h"
#include "text/analysis.h"
#include "walk.h"

namespace docket {

// One file to (re)index, decided by the main thread before the workers start.
struct Task {
    const walk::FileEntry* file;
    readers::Format format;
    std::string file_term;
    std::string stamp;
    std::string old_hash;  // the content hash stored for this file, if it was indexed before
    bool known;
};

// What a worker made of a file: documents ready to write, or why it was skipped.
struct Prepared {
    std::vector<Xapian::Document> documents;
    std::vector<std::string> warnings;
    std::string error;   // non-empty: skipped
    std::string hash;
    std::size_t bytes = 0;
    bool same_content = false;  // stamp changed but the content did not ("touch")
};

// Reads and prepares one file; runs on worker threads (`terms` is the worker's own).
Prepared prepare(const Task& task, const EntityExtractor& extractor, analysis::TermIndexer& terms);

// Folds one prepared file into `summary` and writes it to `db` (the index, or a
// shard being built). Shared by both indexing modes. New articles get the stamp
// `first_indexed`; those the file had before keep theirs (first_indexed.h).
void write_prepared(Xapian::WritableDatabase& db, const Task& t, Prepared&& p, IndexSummary& summary,
                    const std::string& first_indexed);

// Deletes every article of a file (all documents carrying its file term).
void delete_file(Xapian::WritableDatabase& db, const std::string& file_term);

// The metadata key of a file's state: "<mtime_ns>:<size> <content hash>".
std::string file_state_key(const std::string& file_term);

// Adds every count of `from` to `into` (not `interrupted` or `seconds`).
void add_counts(IndexSummary& into, const IndexSummary& from);

}  // namespace docket
