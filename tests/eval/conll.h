// CoNLL-2003 files for the recogniser's trainer and the extraction evaluator:
// documents of sentences with their gold BIO labels, and exact-span scoring.
#pragma once

#include <string>
#include <vector>

#include "entities/recogniser/recogniser.h"

namespace docket::conll {

struct Document {
    std::vector<recogniser::Sentence> sentences;
    std::vector<std::vector<int>> labels;  // per sentence, per word: a recogniser label
};

// Reads a CoNLL-2003 file (word POS chunk IOB1-tag per line, -DOCSTART- between
// documents), converting its IOB1 tags to the recogniser's BIO labels and preparing
// each sentence (features.h). Throws std::runtime_error naming the file on bad input.
std::vector<Document> read(const std::string& path, const Gazetteer& gazetteer);

// Exact-match counts of predicted against gold spans of one kind (conlleval's rule).
struct SpanScore {
    long tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0; }
    double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0; }
    double f1() const { return tp ? 2 * precision() * recall() / (precision() + recall()) : 0; }
};
struct Scores {
    SpanScore by_kind[4];  // indexed by recogniser::Kind
    SpanScore all;
};

// The gold spans of a document, in the recogniser's Span form.
std::vector<recogniser::Span> gold_spans(const Document& doc);
void score(const std::vector<recogniser::Span>& predicted, const std::vector<recogniser::Span>& gold, Scores& out);
// Recognises every document with `model` and scores it.
Scores evaluate(const std::vector<Document>& docs, const recogniser::Model& model);

}  // namespace docket::conll
