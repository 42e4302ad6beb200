// The index the indexer writes: created atomically, opened only when it is a
// Docket index of this schema version, and given the gazetteer's alias table.
#pragma once

#include <stdexcept>
#include <string>

#include <xapian.h>

#include "entities/gazetteer.h"

namespace docket {

// A problem that stops the run (locked or incompatible index, bad gazetteer).
struct IndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Opens the index at `path` for writing, creating it when the path is new or an
// empty folder. Throws IndexError for a file, a folder of other files, a
// read-only or locked index, or one of another schema version.
Xapian::WritableDatabase open_for_writing(const std::string& path, const Gazetteer& gazetteer);

// Writes the gazetteer's alias table (index/alias_table.h) unless `db` already
// holds this gazetteer's; records the gazetteer version it was written from.
void store_aliases(Xapian::WritableDatabase& db, const Gazetteer& gazetteer);

}  // namespace docket
