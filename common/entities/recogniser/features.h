// What the learned recogniser sees of a token: the feature templates, shared by
// the trainer (tests/eval/train_recogniser.cpp) and the runtime decoder, so a
// model is always applied to the features it was trained on. Features are 64-bit
// hashes combined from per-word hashes computed once (prepare()), so building
// them allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entities/recogniser/clusters.h"
#include "text/flat_map.h"

namespace docket {
class Gazetteer;
}

namespace docket::recogniser {

// Tags in BIO form: 0 is outside, then B and I for each kind.
enum class Kind : std::uint8_t { Person, Organisation, Location, Misc };
inline constexpr int kLabels = 9;  // O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC
inline constexpr int kOutside = 0;
inline int begin_label(Kind k) { return 1 + 2 * static_cast<int>(k); }
inline bool is_begin(int label) { return label % 2 == 1; }
inline Kind kind_of(int label) { return static_cast<Kind>((label - 1) / 2); }
const char* label_name(int label);  // "B-ORG"; "O"

inline constexpr std::uint16_t kNoCluster = 0xFFFF;

// What prepare() works out once per word.
struct WordInfo {
    std::string lower;
    std::uint64_t lower_hash = 0, exact_hash = 0, title_hash = 0, shape_hash = 0, short_shape_hash = 0;
    bool upper = false;      // has a capital letter
    bool has_lower = false;  // has a lower-case ASCII letter
    bool starts_upper = false;
    bool legal = false;      // a legal-form word ("Inc.", "plc")
    ClusterIds clusters{kNoCluster, kNoCluster, kNoCluster};
};

// One sentence as words in CoNLL-2003's tokenisation ("Meta", "'s", "Inc.", "U.S.").
struct Sentence {
    std::vector<std::string> words;
    // Filled by prepare(): per word, 0 outside a gazetteer name, 1 its first word, 2 a
    // later word, +2 when the name's form is an ambiguous one (an ordinary word).
    std::vector<std::uint8_t> gazetteer;
    std::vector<WordInfo> info;
    bool all_capitals = false;  // a headline or table line: no lower-case letter at all
};

// Facts about the whole article that no single sentence shows: which words it
// also writes in lower case ("The" vs "the"), which it capitalises mid-sentence,
// and, for the second stage, how the first stage labelled each capitalised word.
struct DocumentContext {
    text::FlatMap64<std::uint8_t> lower_somewhere;     // lower_hash of words written without capitals
    text::FlatMap64<std::uint8_t> capitalised_inside;  // title_hash of words capitalised mid-sentence
    // lower_hash -> counts of first-stage PER, ORG, LOC, MISC and outside.
    text::FlatMap64<std::array<std::uint16_t, 5>> first_pass;
    std::vector<std::vector<std::uint8_t>> first_pass_label;  // per sentence, per word: kind, or 4 outside
};

// Computes the per-word facts and marks the gazetteer's names (longest form first, whole words).
void prepare(Sentence& s, const Gazetteer& gazetteer);
DocumentContext document_context(const std::vector<Sentence>& sentences);

// Only words that can be part of a name are classified: capitalised words, gazetteer
// words, and short lower-case connectors between two capitalised words ("Bank of
// England"). Every other word is outside, in training and at run time alike.
bool is_candidate(const Sentence& s, std::size_t i);

// The feature hashes of word i (without the previous-label feature).
void token_features(const Sentence& s, std::size_t i, const DocumentContext& doc, std::vector<std::uint64_t>& out);
// The second stage's extra features: the first stage's labels (doc.first_pass).
void first_pass_features(const Sentence& s, std::size_t sentence, std::size_t i, const DocumentContext& doc,
                         std::vector<std::uint64_t>& out);
// The feature that carries the previous word's label (the transition).
std::uint64_t previous_label_feature(int label);

}  // namespace docket::recogniser
