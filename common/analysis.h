// One analysis setup (stemmer, stop words, stemming strategy, field prefixes)
// shared by the indexer's TermGenerator and the searcher's QueryParser, so
// both sides always agree on what a term is.
#pragma once

#include <xapian.h>

namespace docket::analysis {

// Title words are indexed twice: with the title prefix for `title:` searches,
// and unprefixed with this wdf increment so a title hit outweighs a body hit.
inline constexpr Xapian::termcount kTitleWdf = 3;

Xapian::Stem stemmer();
const Xapian::Stopper& stopper();

// English stemming of every term (STEM_ALL_Z): stemmed, Z-prefixed terms carry positions,
// so phrases match on stems, the index holds no unstemmed copies, and
// MSet::snippet() (which looks for Z-prefixed stems) can highlight inflected words.
void configure(Xapian::TermGenerator& generator);
void configure(Xapian::QueryParser& parser);

}  // namespace docket::analysis
