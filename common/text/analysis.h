// One analysis setup (Unicode normalisation, stemmer, stop words, stemming
// strategy, field prefixes, accent folding) shared by the indexer's
// TermGenerator and the searcher's QueryParser, so both sides always agree on
// what a term is.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace docket::analysis {

// Title words are indexed twice: with the title prefix for `title:` searches,
// and unprefixed with this wdf increment so a title hit outweighs a body hit.
inline constexpr Xapian::termcount kTitleWdf = 3;

// Unicode NFC (ICU), so a composed "café" and a decomposed "cafe\u0301" are one
// word. Every text is normalised before terms are made of it, on both sides.
// ASCII (always NFC) and invalid UTF-8 come back unchanged, without a copy.
std::string nfc(std::string text);

// The text without accents: Latin, Greek and Cyrillic diacritics dropped
// (NFD, U+0300..U+036F removed, NFC again) and the letters that do not
// decompose spelt out ("ß" -> "ss", "ø" -> "o", "æ" -> "ae", "ł" -> "l").
// Other scripts' marks stay. ASCII and invalid UTF-8 come back unchanged.
std::string fold_accents(std::string_view text);

Xapian::Stem stemmer();
const Xapian::Stopper& stopper();

// English stemming of every term (STEM_ALL_Z): stemmed, Z-prefixed terms carry positions,
// so phrases match on stems, the index holds no unstemmed copies, and
// MSet::snippet() (which looks for Z-prefixed stems) can highlight inflected words.
void configure(Xapian::TermGenerator& generator);
void configure(Xapian::QueryParser& parser);

// The indexer's TermGenerator (set up by configure()), which also gives each
// accented word its folded stem as an extra term: "Zürich" is indexed as
// "zürich" and "zurich", "fiancées" as "fiancé" and "fiance" (the stem of the
// folded word, as an unaccented query stems it), at the same positions with
// the same wdf, so `zurich` and `"zurich office"` find it and `Zürich` still
// matches exactly. Queries are not folded. One per thread.
class TermIndexer {
public:
    TermIndexer();
    TermIndexer(const TermIndexer&) = delete;
    TermIndexer& operator=(const TermIndexer&) = delete;

    Xapian::TermGenerator& generator() { return generator_; }
    // Adds the folded terms of the text indexed into `doc` since the last call.
    void add_folded_terms(Xapian::Document& doc);

private:
    class FoldingStem;
    FoldingStem* stem_;  // owned by generator_'s stemmer
    Xapian::TermGenerator generator_;
};

}  // namespace docket::analysis
