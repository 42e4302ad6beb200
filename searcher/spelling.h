// "Did you mean": spelling suggestions built from the index's own terms at
// query time. No spelling table is written at index time (Xapian's remote
// backend cannot read one), so suggestions are the same for one index, local
// shards and remote shards, and indexing pays nothing for them.
#pragma once

#include <string>

#include <xapian.h>

namespace docket {

// The query with each unknown word replaced by the closest indexed word
// (Damerau-Levenshtein distance 1, or 2 for words of 5+ letters; the same first
// letter; the most frequent on ties); empty when every word is known or
// nothing close enough exists. Words are whole UTF-8 letters in any script, the
// query NFC-normalised as for searching. Field values, operators and wildcards are left alone.
std::string suggest_spelling(const Xapian::Database& db, const std::string& query);

// Optimal-string-alignment edit distance over code points (an accented letter is one),
// giving up (returning limit + 1) once above limit.
unsigned edit_distance(const std::string& a, const std::string& b, unsigned limit);

}  // namespace docket
