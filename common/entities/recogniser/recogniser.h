// The learned name recogniser: people, organisations, places and other names
// (CoNLL-2003's four kinds), found by a linear token classifier over BIO tags.
//
//   recognise_text(text, tokens, gazetteer)  -> names in an article, as token ranges
//
// The model (data/recogniser.tsv, compiled in) is trained by tests/eval/train_recogniser
// from CoNLL-2003 eng.train; features.h says what it sees. Each sentence is decoded with
// Viterbi over the tags; then a document pass gives a name labelled confidently once
// to its other mentions in the article.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "entities/recogniser/features.h"
#include "text/text.h"

namespace docket::recogniser {

class Model {
public:
    // The model compiled into the binaries.
    static const Model& builtin();
    // Loads "<feature hash in hex>\t<label>:<weight> ..." lines ('#' lines are comments).
    // Throws std::runtime_error naming origin and line on bad input.
    void load(std::string_view tsv, std::string_view origin);
    // Adds a feature's weights (one per label) to scores; unknown features add nothing.
    void add(std::uint64_t feature, float* scores) const;
    std::size_t features() const { return count_; }

private:
    std::size_t slot(std::uint64_t feature) const;
    std::vector<std::uint64_t> keys_;  // open addressing; 0 marks a free slot
    std::vector<float> weights_;       // kLabels per slot
    std::size_t count_ = 0;
};

// A name found in sentence `sentence`, words [first, end).
struct Span {
    std::size_t sentence = 0, first = 0, end = 0;
    Kind kind = Kind::Misc;
    double confidence = 0;  // product of the tags' probabilities along the decoded path
};

// The names in an article's sentences (features.h), with the document pass applied.
std::vector<Span> recognise(const std::vector<Sentence>& sentences, const Model& model);

// A name found in running text, as a range of text::tokenize() tokens.
struct TextSpan {
    std::size_t first_token = 0, end_token = 0;
    Kind kind = Kind::Misc;
    double confidence = 0;
};

// Splits text into sentences the way CoNLL-2003 is tokenised ("'s", "Inc.", "U.S."
// as one word), tags gazetteer names, and recognises the names.
std::vector<TextSpan> recognise_text(std::string_view text, const std::vector<text::Token>& tokens,
                                     const Gazetteer& gazetteer, const Model& model = Model::builtin());

}  // namespace docket::recogniser
