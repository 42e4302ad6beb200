// How matches are scored: the weighting scheme and its parameters, and
// relevance feedback (query expansion from chosen documents), shared by
// interactive search, batch runs, pseudo-relevance feedback and --like.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace docket::ranking {

struct Config {
    std::string scheme = "bm25"; // experiment: bm25, pl2, dph, dlh, inl2, ifb2, bb2, lm, pl2plus
    double param = -1;      // scheme parameter (c for DFR, mu for lm); <0 = Xapian default
    double k1 = 0.9;        // BM25 term-frequency saturation
    double b = 0.75;        // BM25 document-length normalisation
    double delta = 0;       // BM25+ lower bound for a matching term (0 = plain BM25)
    unsigned prf_docs = 0;  // pseudo-relevance feedback, re-ranking only: top documents taken as relevant (0 = off)
    unsigned prf_terms = 0; // expansion terms added
    double prf_weight = 0;  // their weight relative to the user's terms
    unsigned prf_min_docs = 0;  // an expansion term must occur in this many of the feedback documents
    double prf_max_lead = 0;    // no feedback when the top hit outscores the last feedback document this many times (0 = off)
    double title_weight = 0.1;  // the query's words also scored as title words, at this weight (0 = off)
    double phrase_bonus = 0.1;  // a hyphenated word's phrase, scored on top of its separate words (0 = off)
};

// The configuration every search uses (overridable by DOCKET_RANKING="k1=..,b=.." for experiments).
const Config& config();

Xapian::Weight* make_weight(const Config& c);

// `text` plus the title-field copies of its stemmed words, weighted by `weight`:
// a title hit then counts twice, once in the article's words (title words
// carry extra wdf there) and once against the titles' own statistics.
// The copies only add weight, never matches.
Xapian::Query with_title_field(const Xapian::Query& text, double weight);

// The `terms` body-text terms that best describe `docs` (BM25 weight summed
// over them, collection-wide statistics), as one OR query; only terms found in
// at least `min_docs` of `docs`, never `exclude`'s own terms. Empty when none qualify.
Xapian::Query feedback_query(const Xapian::Database& db, const std::vector<Xapian::docid>& docs, unsigned terms,
                             unsigned min_docs, const Xapian::Query& exclude);

}  // namespace docket::ranking
