// The indexing run that drives every stage: walk -> read -> extract -> build
// document -> write (a changed file's old articles deleted and its new ones added,
// commits, files that disappeared deleted, duplicates marked). Incremental: files
// whose size and mtime are unchanged are not read.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "duplicates.h"   // mark_duplicates
#include "entities/gazetteer.h"
#include "index_store.h"  // IndexError

namespace docket {

// More threads than this only add contention (reading and extracting are CPU-bound).
inline constexpr std::size_t kMaxJobs = 256;

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> roots;
    std::vector<std::string> excludes;  // fnmatch patterns of files to leave out
    // Documents per commit: a crash loses at most this much work, and the writer
    // buffers at most this many documents in memory.
    std::size_t commit_every = 10000;
    std::size_t jobs = 0;              // threads that read, parse and extract (0 = one per core), at most kMaxJobs
    bool progress = true;              // progress on stderr (a bar on a terminal, log lines otherwise)
    // A fresh index of at least 2 x this many files is built as parallel shards of this many files.
    std::size_t files_per_shard = 1000;
    // > 0: write a shard set of this many shards at db_path (see shard_set.h); an existing set
    // keeps its own count (0 = whatever db_path already is, a plain index when new).
    std::size_t shards = 0;
};

struct IndexSummary {
    std::size_t indexed = 0;      // new files
    std::size_t updated = 0;      // changed files, re-indexed
    std::size_t unchanged = 0;
    std::size_t deleted = 0;      // files gone since the last run, removed from the index
    std::size_t unsupported = 0;  // skipped: not a format we read
    std::size_t broken = 0;       // skipped: unreadable or unparseable (warned)
    std::size_t articles = 0;     // articles written this run
    std::size_t warnings = 0;     // problems inside files that were still indexed
    std::size_t bytes = 0;        // bytes of files read
    bool interrupted = false;     // stopped by SIGINT/SIGTERM after committing what was done
    double seconds = 0;

    std::string line() const;  // the one-line summary printed at the end
};

// Runs an indexing pass. Stops early, after committing, once `stop` becomes true.
IndexSummary run_index(const IndexOptions& options, const Gazetteer& gazetteer, const std::atomic<bool>& stop);

}  // namespace docket
