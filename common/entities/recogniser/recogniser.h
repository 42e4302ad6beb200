// The learned name recogniser: people, organisations, places and other names
// (CoNLL-2003's four kinds), found by a linear token classifier over BIO tags.
//
//   recognise_text(text, tokens, gazetteer)  -> names in an article, as token ranges
//
// The model (data/recogniser.tsv, compiled in) is trained by tests/eval/train_recogniser
// from CoNLL-2003 eng.train; features.h says what it sees, with word clusters made by
// tests/eval/train_clusters. Each sentence is decoded greedily, left to right, in two
// stages (the second sees the first's labels across the article); then a document pass
// gives a name labelled confidently once to its other mentions in the article.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "entities/recogniser/features.h"
#include "text/text.h"

namespace docket::recogniser {

// Two stages: the first labels the article; the second sees the first's labels of
// every mention of a word (features.h) and has the last word. Both stages' weights
// of a feature sit together, so one lookup serves both.
class Model {
public:
    // The model compiled into the binaries.
    static const Model& builtin();
    // Loads "<stage 1|2>\t<feature hash in hex>\t<label>:<weight> ..." lines ('#' lines
    // are comments). Throws std::runtime_error naming origin and line on bad input.
    void load(std::string_view tsv, std::string_view origin);
    // The feature's weights, kLabels for stage 1 then kLabels for stage 2; nullptr when unknown.
    const float* weights(std::uint64_t feature) const;
    // Adds a feature's weights (one per label) in a stage to scores; unknown features add nothing.
    void add(int stage, std::uint64_t feature, float* scores) const;
    std::size_t features(int stage) const { return counts_[stage - 1]; }
    bool has_second_stage() const { return counts_[1] > 0; }
    // A short fingerprint of the loaded weights (indexes record what extracted their entities).
    std::string version() const;

private:
    std::size_t slot(std::uint64_t feature) const;
    void reserve(std::size_t features);
    // Open addressing over the keys (0 marks a free slot); each used slot names its row
    // of 2 * kLabels weights. Misses, the common case, touch only the 32-bit tags (the
    // key's high half, never 0 for a used slot): half the memory of the keys to probe.
    static std::uint32_t tag_of(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32) | 1; }
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> tags_;
    std::vector<std::uint32_t> rows_;
    std::vector<float> weights_;
    std::size_t counts_[2] = {0, 0};
    std::uint64_t fingerprint_ = 1469598103934665603ULL;
};

// A name found in sentence `sentence`, words [first, end).
struct Span {
    std::size_t sentence = 0, first = 0, end = 0;
    Kind kind = Kind::Misc;
    double confidence = 0;  // product of the tags' probabilities along the decoded path
};

// The names in an article's sentences (features.h): both stages, then the document pass.
std::vector<Span> recognise(const std::vector<Sentence>& sentences, const Model& model);
// The first stage's names in every sentence (the trainer labels eng.train with it for the second stage).
std::vector<Span> decode_first_stage(const std::vector<Sentence>& sentences, const DocumentContext& doc, const Model& model);
// Records a first stage's labels in the context the second stage sees.
void note_first_pass(const std::vector<Sentence>& sentences, const std::vector<Span>& spans, DocumentContext& doc);

// A name found in running text, as a range of text::tokenize() tokens.
struct TextSpan {
    std::size_t first_token = 0, end_token = 0;
    Kind kind = Kind::Misc;
    double confidence = 0;
};

// An article's text as the recogniser's sentences, and the text tokens each word covers.
struct TextSentences {
    std::vector<Sentence> sentences;  // not yet prepare()d
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> covers;  // per sentence, per word: [first, end) tokens
};
TextSentences split_sentences(std::string_view text, const std::vector<text::Token>& tokens);

// Splits text into sentences the way CoNLL-2003 is tokenised ("'s", "Inc.", "U.S."
// as one word), tags gazetteer names, and recognises the names.
std::vector<TextSpan> recognise_text(std::string_view text, const std::vector<text::Token>& tokens,
                                     const Gazetteer& gazetteer, const Model& model = Model::builtin());

}  // namespace docket::recogniser
