// Stage 5 of the indexer, and the run that drives all stages: walk -> read ->
// extract -> build document -> write (replace by id term, commit, delete what
// disappeared). Incremental: files whose size and mtime are unchanged are not read.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "gazetteer.h"

namespace docket {

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> roots;
    std::vector<std::string> excludes;  // fnmatch patterns of files to leave out
    std::size_t commit_every = 2000;  // documents per commit: a crash loses at most this much work
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
    double seconds = 0;

    std::string line() const;  // the one-line summary printed at the end
};

// A problem that stops the run (locked or incompatible index, bad gazetteer).
struct IndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

IndexSummary run_index(const IndexOptions& options, const Gazetteer& gazetteer);

}  // namespace docket
