// What the learned recogniser sees of a token: the feature templates, shared by
// the trainer (tests/eval/train_recogniser.cpp) and the runtime decoder, so a
// model is always applied to the features it was trained on.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <string_view>
#include <unordered_set>
#include <vector>

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

// One sentence as words in CoNLL-2003's tokenisation ("Meta", "'s", "Inc.", "U.S.").
struct Sentence {
    std::vector<std::string> words;
    // Per word: 0 outside a gazetteer name, 1 its first word, 2 a later word;
    // +2 when the name's form is an ambiguous one (an ordinary word).
    std::vector<std::uint8_t> gazetteer;
};

// Facts about the whole article that no single sentence shows: which words it
// also writes in lower case ("The" vs "the"), and which it capitalises mid-sentence.
// For the second stage, also how the first stage labelled each capitalised word
// (lower-cased) across the article: counts of PER, ORG, LOC, MISC and outside.
struct DocumentContext {
    std::unordered_set<std::string> lower_somewhere;
    std::unordered_set<std::string> capitalised_inside;
    std::unordered_map<std::string, std::array<std::uint16_t, 5>> first_pass;
    std::vector<std::vector<std::uint8_t>> first_pass_label;  // per sentence, per word: kind, or 4 outside
};

// Marks the gazetteer's names in a sentence (longest form first, whole words).
void tag_gazetteer(Sentence& s, const Gazetteer& gazetteer);
DocumentContext document_context(const std::vector<Sentence>& sentences);

// Only words that can be part of a name are classified: capitalised or digit-led
// words, and lower-case connectors between two of them ("Bank of England").
// Every other word is outside, in training and at run time alike.
bool is_candidate(const Sentence& s, std::size_t i);

// The feature hashes of word i of sentence number `sentence` (without the previous-label feature).
void token_features(const Sentence& s, std::size_t sentence, std::size_t i, const DocumentContext& doc,
                    std::vector<std::uint64_t>& out);
// The feature that carries the previous word's label (the transition).
std::uint64_t previous_label_feature(int label);

}  // namespace docket::recogniser
