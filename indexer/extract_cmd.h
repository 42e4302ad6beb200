// `indexer --extract`: prints each article's extracted entities as one JSON
// line, our window into extraction quality. Uses the same read and extract
// stages as indexing.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "entities/gazetteer.h"

namespace docket {

// Returns the number of files skipped because they could not be read.
std::size_t run_extract(const std::vector<std::string>& roots, const std::vector<std::string>& excludes,
                        const Gazetteer& gazetteer, std::ostream& out);

}  // namespace docket
