// Ranking metrics for the IR evaluation (ir_eval): nDCG@10, MAP and Recall@100 over a BEIR qrels
// file and a TREC run file.
//
// Conventions (chosen to match trec_eval / pytrec_eval, which BEIR uses):
// - A judgment with grade >= 1 is relevant; grade 0 or negative (Cranfield's -1) is judged
//   non-relevant.
// - nDCG gain is the grade itself (linear gain), discounted by log2(rank + 1), rank from 1; the
//   ideal ranking sorts all judged grades descending.
// - A run is ordered by score descending, ties by docid descending (byte order), as trec_eval
//   does; the rank column is ignored. A docid repeated for one query counts once, at its best
//   position. Only the first kDepth documents are scored.
// - Means are taken over the queries with at least one relevant document; such a query missing
//   from the run scores 0 (trec_eval -c). Run queries without a relevant document are ignored.
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace ireval {

inline constexpr std::size_t kDepth = 1000;

// qid -> docid -> grade
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct Hit {
    std::string doc;
    double score = 0;
};
// qid -> hits in file order
using Run = std::map<std::string, std::vector<Hit>>;

struct Scores {
    double ndcg10 = 0, map = 0, recall100 = 0;
};

struct Result {
    Scores mean;
    std::map<std::string, Scores> per_query;  // the averaged queries only
};

// Both readers throw std::runtime_error naming the line of a malformed record.
// BEIR "query-id<TAB>corpus-id<TAB>score"; a first line starting "query-id" is a header.
Qrels read_qrels(std::istream& in);
// TREC "qid Q0 docid rank score tag", whitespace separated.
Run read_run(std::istream& in);

// The docids in scoring order: sorted, deduplicated, cut at kDepth.
std::vector<std::string> ranking(std::vector<Hit> hits);

// One query's metrics; `judged` is that query's qrels.
Scores score(const std::map<std::string, int>& judged, const std::vector<std::string>& ranked);

Result evaluate(const Qrels& qrels, const Run& run);

}  // namespace ireval
