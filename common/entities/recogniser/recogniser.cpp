#include "entities/recogniser/recogniser.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <stdexcept>
#include <string>

#include "entities/gazetteer.h"
#include "text/data_lines.h"

// data/recogniser.tsv, linked into the binary (see common/CMakeLists.txt).
DOCKET_EMBED_FILE(docket_recogniser_tsv, DOCKET_RECOGNISER_MODEL);

namespace docket::recogniser {
namespace {

// A name labelled at least this confidently labels its other mentions (tuned on eng.testa).
constexpr double kConfident = 0.8;
constexpr std::size_t kLongestName = 8;  // words

std::uint64_t parse_hex(std::string_view s, bool& ok) {
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    ok = ec == std::errc() && p == s.data() + s.size() && !s.empty();
    return v;
}

bool allowed(int previous, int label) {
    // An inside tag continues a name of its own kind.
    return label == kOutside || is_begin(label) || (previous != kOutside && kind_of(previous) == kind_of(label));
}

// e^x to about 0.1%, without a library call (decoding needs the order of the labels'
// probabilities, not their last digits): 2^(x log2 e), the integer part in the exponent
// bits, the fraction by a cubic.
float fast_exp(float x) {
    x = std::clamp(x, -80.0f, 80.0f) * 1.44269504f;
    const float whole = std::floor(x), f = x - whole;
    const float fraction = 1.0f + f * (0.69583356f + f * (0.22606716f + f * 0.07944023f));
    std::int32_t bits;
    std::memcpy(&bits, &fraction, sizeof bits);
    bits += static_cast<std::int32_t>(whole) << 23;
    float out;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}

// Probabilities from one-vs-rest logistic scores, normalised (as liblinear does).
void probabilities(const float* scores, double* p) {
    float sum = 0;
    float q[kLabels];
    for (int y = 0; y < kLabels; ++y) sum += q[y] = 1.0f / (1.0f + fast_exp(-scores[y]));
    for (int y = 0; y < kLabels; ++y) p[y] = q[y] / sum;
}


// Stage 2's scores from the features both stages share, summed in stage 1's pass.
struct SharedScores {
    std::vector<std::vector<std::array<float, kLabels>>> by_sentence;  // per sentence, per word
};

// Greedy, left to right: each word's label given the previous word's. (Viterbi over
// the labels scored the same on eng.testa and eng.testb and cost a fifth more time.)
void decode_sentence(const Sentence& s, std::size_t index, const DocumentContext& doc, const Model& model, int stage,
                     const float (&transition)[kLabels][kLabels], SharedScores& shared, std::vector<Span>& out) {
    const std::size_t n = s.words.size();
    thread_local std::vector<std::uint64_t> features;  // reused: allocating anew cost more than scoring
    if (shared.by_sentence.size() <= index) shared.by_sentence.resize(index + 1);
    auto& second = shared.by_sentence[index];
    if (stage == 1) second.assign(n, {});
    int previous = kOutside;
    Span span;
    auto close = [&] {
        if (previous != kOutside) out.push_back(span);
    };
    for (std::size_t i = 0; i < n; ++i) {
        int label = kOutside;
        double p[kLabels] = {};
        if (is_candidate(s, i)) {
            float scores[kLabels] = {};
            if (stage == 1) {
                token_features(s, i, doc, features);
                for (std::uint64_t f : features)
                    if (const float* w = model.weights(f))
                        for (int y = 0; y < kLabels; ++y) scores[y] += w[y], second[i][y] += w[kLabels + y];
            } else {
                std::copy(second[i].begin(), second[i].end(), scores);
                features.clear();
                first_pass_features(s, index, i, doc, features);
                for (std::uint64_t f : features) model.add(2, f, scores);
            }
            for (int y = 0; y < kLabels; ++y) scores[y] += transition[previous][y];
            probabilities(scores, p);
            for (int y = 1; y < kLabels; ++y)
                if (allowed(previous, y) && p[y] > p[label]) label = y;
        }
        if (label == kOutside || is_begin(label)) {
            close();
            if (label != kOutside) span = {index, i, i + 1, kind_of(label), p[label]};
        } else {
            span.end = i + 1;
            span.confidence *= p[label];
        }
        previous = label;
    }
    close();
}

std::vector<Span> decode_all(const std::vector<Sentence>& sentences, const DocumentContext& doc, const Model& model, int stage,
                             SharedScores& shared) {
    float transition[kLabels][kLabels] = {};
    for (int q = 0; q < kLabels; ++q) model.add(stage, previous_label_feature(q), transition[q]);
    std::vector<Span> spans;
    for (std::size_t i = 0; i < sentences.size(); ++i) decode_sentence(sentences[i], i, doc, model, stage, transition, shared, spans);
    return spans;
}

// A name's words as one hash (word order matters).
std::uint64_t key_of(const Sentence& s, std::size_t first, std::size_t end) {
    std::uint64_t h = text::kFnvOffsetBasis;
    for (std::size_t k = first; k < end; ++k) h = (h ^ s.info[k].exact_hash) * 0x100000001b3ULL + k - first;
    return h;
}

// The document pass: a name labelled confidently labels its unlabelled mentions
// and its less confident mentions of another kind.
void label_other_mentions(const std::vector<Sentence>& sentences, std::vector<Span>& spans) {
    std::unordered_map<std::uint64_t, Span> confident;
    std::unordered_map<std::uint64_t, std::size_t> longest_from;  // first word's exact_hash -> longest confident name
    for (const auto& sp : spans) {
        if (sp.confidence < kConfident) continue;
        const Sentence& s = sentences[sp.sentence];
        auto [it, added] = confident.emplace(key_of(s, sp.first, sp.end), sp);
        if (!added && sp.confidence > it->second.confidence) it->second = sp;
        std::size_t& longest = longest_from[s.info[sp.first].exact_hash];
        longest = std::max(longest, sp.end - sp.first);
    }
    if (confident.empty()) return;
    for (auto& sp : spans) {
        auto it = confident.find(key_of(sentences[sp.sentence], sp.first, sp.end));
        if (it != confident.end() && it->second.kind != sp.kind && sp.confidence < 0.5) sp.kind = it->second.kind;
    }
    std::vector<Span> added;
    std::vector<bool> labelled;
    std::size_t next = 0;  // spans are in sentence, word order
    for (std::size_t si = 0; si < sentences.size(); ++si) {
        const Sentence& s = sentences[si];
        labelled.assign(s.words.size(), false);
        for (; next < spans.size() && spans[next].sentence == si; ++next)
            for (std::size_t k = spans[next].first; k < spans[next].end; ++k) labelled[k] = true;
        for (std::size_t i = 0; i < s.words.size(); ++i) {
            if (labelled[i]) continue;
            auto longest = longest_from.find(s.info[i].exact_hash);
            if (longest == longest_from.end()) continue;
            std::size_t free_end = i;
            while (free_end < s.words.size() && free_end < i + longest->second && !labelled[free_end]) ++free_end;
            for (std::size_t end = free_end; end > i; --end) {
                auto it = confident.find(key_of(s, i, end));
                if (it == confident.end() || it->second.end - it->second.first != end - i) continue;
                added.push_back({si, i, end, it->second.kind, it->second.confidence});
                for (std::size_t k = i; k < end; ++k) labelled[k] = true;
                i = end - 1;
                break;
            }
        }
    }
    spans.insert(spans.end(), added.begin(), added.end());
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return a.sentence != b.sentence ? a.sentence < b.sentence : a.first < b.first;
    });
}

}  // namespace

const Model& Model::builtin() {
    static const Model model = [] {
        Model m;
        m.load(std::string_view(docket_recogniser_tsv, static_cast<std::size_t>(docket_recogniser_tsv_end - docket_recogniser_tsv)),
               "built-in recogniser model");
        return m;
    }();
    return model;
}

std::size_t Model::slot(std::uint64_t feature) const {
    const std::size_t mask = keys_.size() - 1;
    const std::uint32_t tag = tag_of(feature);
    std::size_t i = static_cast<std::size_t>(feature * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    // The full key is read only when the tag matches.
    while (tags_[i] != 0 && (tags_[i] != tag || keys_[i] != feature)) i = (i + 1) & mask;
    return i;
}

void Model::reserve(std::size_t features) {
    const std::size_t used = weights_.size() / (2 * kLabels);
    // (Filled to about 70%: a smaller key array stays in cache, and most lookups miss.)
    std::size_t capacity = 16;
    while (capacity * 7 < 10 * (features + used)) capacity *= 2;
    if (capacity <= keys_.size()) return;
    std::vector<std::uint64_t> old_keys = std::move(keys_);
    std::vector<std::uint32_t> old_rows = std::move(rows_);
    keys_.assign(capacity, 0);
    tags_.assign(capacity, 0);
    rows_.assign(capacity, 0);
    for (std::size_t i = 0; i < old_keys.size(); ++i)
        if (old_keys[i]) {
            const std::size_t to = slot(old_keys[i]);
            keys_[to] = old_keys[i];
            tags_[to] = tag_of(old_keys[i]);
            rows_[to] = old_rows[i];
        }
}

void Model::load(std::string_view tsv, std::string_view origin) {
    reserve(static_cast<std::size_t>(std::count(tsv.begin(), tsv.end(), '\n')) + 1);
    fingerprint_ = text::fnv1a(tsv, fingerprint_);
    text::for_each_data_line(tsv, [&](std::string_view line, std::size_t line_no) {
        auto fail = [&](const char* what) {
            throw std::runtime_error(std::string(origin) + ":" + std::to_string(line_no) + ": " + what);
        };
        const std::size_t tab = line.size() > 2 ? line.find('\t', 2) : std::string_view::npos;
        bool ok = false;
        const std::uint64_t key = tab == std::string_view::npos ? 0 : parse_hex(line.substr(2, tab - 2), ok);
        if (!ok || key == 0 || (line[0] != '1' && line[0] != '2') || line[1] != '\t')
            fail("expected a stage (1 or 2), a tab, a feature hash in hex, a tab, then label:weight pairs");
        const int stage = line[0] - '0';
        const std::size_t at = slot(key);
        if (keys_[at] == 0) {
            keys_[at] = key;
            tags_[at] = tag_of(key);
            rows_[at] = static_cast<std::uint32_t>(weights_.size() / (2 * kLabels));
            weights_.resize(weights_.size() + 2 * kLabels, 0.0f);
        }
        ++counts_[stage - 1];
        float* w = &weights_[rows_[at] * std::size_t{2 * kLabels} + (stage == 2 ? kLabels : 0)];
        for (std::size_t pos = tab + 1; pos < line.size();) {
            std::size_t stop = line.find(' ', pos);
            if (stop == std::string_view::npos) stop = line.size();
            std::string_view pair = line.substr(pos, stop - pos);
            pos = stop + 1;
            const std::size_t colon = pair.find(':');
            int label = -1;
            float weight = 0;
            if (colon == std::string_view::npos ||
                std::from_chars(pair.data(), pair.data() + colon, label).ec != std::errc() || label < 0 || label >= kLabels ||
                std::from_chars(pair.data() + colon + 1, pair.data() + pair.size(), weight).ec != std::errc())
                fail("expected label:weight with a label from 0 to 8");
            w[label] = weight;
        }
    });
}

const float* Model::weights(std::uint64_t feature) const {
    if (keys_.empty()) return nullptr;
    const std::size_t at = slot(feature);
    return tags_[at] == 0 ? nullptr : &weights_[rows_[at] * std::size_t{2 * kLabels}];
}

void Model::add(int stage, std::uint64_t feature, float* scores) const {
    const float* w = weights(feature);
    if (!w) return;
    if (stage == 2) w += kLabels;
    for (int y = 0; y < kLabels; ++y) scores[y] += w[y];
}

std::string Model::version() const { return text::hex_digits(fingerprint_, 8); }

std::vector<Span> decode_first_stage(const std::vector<Sentence>& sentences, const DocumentContext& doc, const Model& model) {
    SharedScores shared;
    return decode_all(sentences, doc, model, 1, shared);
}

void note_first_pass(const std::vector<Sentence>& sentences, const std::vector<Span>& spans, DocumentContext& doc) {
    constexpr std::uint8_t kOutsideKind = 4;
    doc.first_pass.clear();
    doc.first_pass_label.assign(sentences.size(), {});
    for (std::size_t s = 0; s < sentences.size(); ++s) doc.first_pass_label[s].assign(sentences[s].words.size(), kOutsideKind);
    for (const auto& sp : spans)
        for (std::size_t k = sp.first; k < sp.end; ++k) doc.first_pass_label[sp.sentence][k] = static_cast<std::uint8_t>(sp.kind);
    for (std::size_t s = 0; s < sentences.size(); ++s)
        for (std::size_t i = 0; i < sentences[s].words.size(); ++i) {
            const WordInfo& x = sentences[s].info[i];
            if (x.upper) ++doc.first_pass[x.lower_hash][doc.first_pass_label[s][i]];
        }
}

std::vector<Span> recognise(const std::vector<Sentence>& sentences, const Model& model) {
    DocumentContext doc = document_context(sentences);
    SharedScores shared;
    std::vector<Span> spans = decode_all(sentences, doc, model, 1, shared);
    if (model.has_second_stage()) {
        note_first_pass(sentences, spans, doc);
        spans = decode_all(sentences, doc, model, 2, shared);
    }
    label_other_mentions(sentences, spans);
    return spans;
}

TextSentences split_sentences(std::string_view text, const std::vector<text::Token>& tokens) {
    auto tok = [&](std::size_t i) { return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin); };
    TextSentences out;
    std::vector<Sentence>& sentences = out.sentences;
    auto& covers = out.covers;
    auto start_sentence = [&] {
        if (sentences.empty() || !sentences.back().words.empty()) {
            sentences.emplace_back();
            covers.emplace_back();
        }
    };
    // Wire copy wraps lines inside sentences: a line break ends one only after a blank line,
    // sentence punctuation or a line in capitals (a headline), or before an indented or
    // bulleted line.
    auto sentence_break_before = [&](std::size_t i) {
        if (i == 0 || !text::line_break_before(text, tokens, i)) return false;
        const std::string_view gap = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
        const std::size_t nl = gap.rfind('\n');
        if (gap.find('\n') != nl || nl + 1 < gap.size()) return true;  // a blank line, or an indented line
        if (!tokens[i].word) return true;                                 // "- item", "* item"
        const std::string_view before = tok(i - 1);
        if (before == "." || before == "!" || before == "?" || before == ":") return true;
        const std::size_t line = text.rfind('\n', tokens[i - 1].begin);
        const std::string_view previous = text.substr(line == std::string_view::npos ? 0 : line + 1,
                                                      tokens[i - 1].end - (line == std::string_view::npos ? 0 : line + 1));
        return std::none_of(previous.begin(), previous.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    start_sentence();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (sentence_break_before(i)) start_sentence();
        Sentence& s = sentences.back();
        std::string_view w = tok(i);
        std::size_t last = i;
        const bool joined = i + 1 < tokens.size() && !tokens[i + 1].space_before;
        // "'s", "n't" are one word, as in CoNLL; so are an abbreviation and its full stop.
        if ((w == "'" || w == "\xE2\x80\x99") && joined && (tok(i + 1) == "s" || tok(i + 1) == "S") && !s.words.empty()) {
            s.words.push_back("'" + std::string(tok(i + 1)));
            covers.back().push_back({i, i + 2});
            ++i;
            continue;
        }
        std::string word(w);
        if (tokens[i].word && joined && tok(i + 1) == ".") {
            const bool abbreviation = w.find('.') != std::string_view::npos || (w.size() <= 4 && std::isupper(static_cast<unsigned char>(w[0])) &&
                                                                                  (w.size() == 1 || is_legal_suffix(w) || w == "Mr" || w == "Mrs" ||
                                                                                   w == "Ms" || w == "Dr" || w == "Jr" || w == "St" || w == "Bros"));
            if (abbreviation) {
                word += '.';
                last = i + 1;
            }
        }
        if (word == "\xE2\x80\x9C" || word == "\xE2\x80\x9D") word = "\"";
        s.words.push_back(std::move(word));
        covers.back().push_back({i, last + 1});
        i = last;
        if (w == "." || w == "!" || w == "?") start_sentence();
    }
    if (sentences.back().words.empty()) {
        sentences.pop_back();
        covers.pop_back();
    }
    return out;
}

std::vector<TextSpan> recognise_text(std::string_view text, const std::vector<text::Token>& tokens, const Gazetteer& gazetteer,
                                     const Model& model) {
    TextSentences split = split_sentences(text, tokens);
    // Lines in capitals (headlines, tables) are left out: the company stages take no learned
    // name from them, and they cost a classification per word.
    std::vector<Sentence> sentences;
    std::vector<std::size_t> from;
    for (std::size_t i = 0; i < split.sentences.size(); ++i) {
        const auto& words = split.sentences[i].words;
        if (std::none_of(words.begin(), words.end(), [](const std::string& w) {
                return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
            }))
            continue;
        prepare(split.sentences[i], gazetteer);
        sentences.push_back(std::move(split.sentences[i]));
        from.push_back(i);
    }
    std::vector<TextSpan> out;
    for (const Span& sp : recognise(sentences, model)) {
        const auto& c = split.covers[from[sp.sentence]];
        out.push_back({c[sp.first].first, c[sp.end - 1].second, sp.kind, sp.confidence});
    }
    return out;
}

}  // namespace docket::recogniser
