#include "entities/recogniser/recogniser.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

#include "entities/gazetteer.h"

// data/recogniser.tsv, linked in as bytes (see common/CMakeLists.txt): at a few
// megabytes it is too big to compile as an array literal in reasonable time.
extern "C" const char docket_recogniser_tsv[];
extern "C" const char docket_recogniser_tsv_end[];
asm(".section .rodata\n"
    ".global docket_recogniser_tsv\n"
    ".global docket_recogniser_tsv_end\n"
    "docket_recogniser_tsv:\n"
    ".incbin \"" DOCKET_RECOGNISER_MODEL "\"\n"
    "docket_recogniser_tsv_end:\n"
    ".byte 0\n"
    ".previous\n");

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

// Probabilities from one-vs-rest logistic scores, normalised (as liblinear does).
void probabilities(const float* scores, double* p) {
    double sum = 0;
    for (int y = 0; y < kLabels; ++y) sum += p[y] = 1.0 / (1.0 + std::exp(-static_cast<double>(scores[y])));
    for (int y = 0; y < kLabels; ++y) p[y] /= sum;
}

void decode_sentence(const Sentence& s, std::size_t index, const DocumentContext& doc, const Model& model, int stage,
                     const float (&transition)[kLabels][kLabels], std::vector<Span>& out) {
    const std::size_t n = s.words.size();
    if (n == 0) return;
    constexpr double kImpossible = -std::numeric_limits<double>::infinity();
    std::vector<double> best(n * kLabels, kImpossible), local(n * kLabels, 0);
    std::vector<int> from(n * kLabels, kOutside);
    std::vector<std::uint64_t> features;
    for (std::size_t i = 0; i < n; ++i) {
        double* row = &best[i * kLabels];
        if (!is_candidate(s, i)) {  // outside, certainly
            int arg = kOutside;
            if (i > 0) {
                const double* previous = &best[(i - 1) * kLabels];
                arg = static_cast<int>(std::max_element(previous, previous + kLabels) - previous);
                row[kOutside] = previous[arg];
            } else {
                row[kOutside] = 0;
            }
            from[i * kLabels] = arg;
            local[i * kLabels] = 1;
            continue;
        }
        float base[kLabels] = {};
        token_features(s, index, i, doc, features);
        for (std::uint64_t f : features) model.add(stage, f, base);
        for (int q = 0; q < kLabels; ++q) {
            const double prior = i == 0 ? (q == kOutside ? 0 : kImpossible) : best[(i - 1) * kLabels + q];
            if (prior == kImpossible) continue;
            float scores[kLabels];
            for (int y = 0; y < kLabels; ++y) scores[y] = base[y] + transition[q][y];
            double p[kLabels];
            probabilities(scores, p);
            for (int y = 0; y < kLabels; ++y) {
                if (!allowed(q, y)) continue;
                const double v = prior + std::log(p[y]);
                if (v > row[y]) {
                    row[y] = v;
                    from[i * kLabels + y] = q;
                    local[i * kLabels + y] = p[y];
                }
            }
        }
    }
    std::vector<int> labels(n);
    labels[n - 1] = static_cast<int>(std::max_element(&best[(n - 1) * kLabels], &best[n * kLabels]) - &best[(n - 1) * kLabels]);
    for (std::size_t i = n - 1; i > 0; --i) labels[i - 1] = from[i * kLabels + labels[i]];
    for (std::size_t i = 0; i < n;) {
        if (labels[i] == kOutside) {
            ++i;
            continue;
        }
        Span span{index, i, i + 1, kind_of(labels[i]), local[i * kLabels + labels[i]]};
        while (span.end < n && labels[span.end] != kOutside && !is_begin(labels[span.end])) {
            span.confidence *= local[span.end * kLabels + labels[span.end]];
            ++span.end;
        }
        out.push_back(span);
        i = span.end;
    }
}

std::string key_of(const Sentence& s, std::size_t first, std::size_t end) {
    std::string key;
    for (std::size_t k = first; k < end; ++k) (key += s.words[k]) += ' ';
    return key;
}

// The document pass: a name labelled confidently labels its unlabelled mentions
// and its less confident mentions of another kind.
void label_other_mentions(const std::vector<Sentence>& sentences, std::vector<Span>& spans) {
    std::map<std::string, Span> confident;
    for (const auto& sp : spans) {
        if (sp.confidence < kConfident) continue;
        auto [it, added] = confident.emplace(key_of(sentences[sp.sentence], sp.first, sp.end), sp);
        if (!added && sp.confidence > it->second.confidence) it->second = sp;
    }
    if (confident.empty()) return;
    for (auto& sp : spans) {
        auto it = confident.find(key_of(sentences[sp.sentence], sp.first, sp.end));
        if (it != confident.end() && it->second.kind != sp.kind && sp.confidence < 0.5) sp.kind = it->second.kind;
    }
    std::vector<Span> added;
    std::size_t next = 0;  // spans are in sentence, word order
    for (std::size_t si = 0; si < sentences.size(); ++si) {
        const Sentence& s = sentences[si];
        std::vector<bool> labelled(s.words.size(), false);
        for (; next < spans.size() && spans[next].sentence == si; ++next)
            for (std::size_t k = spans[next].first; k < spans[next].end; ++k) labelled[k] = true;
        for (std::size_t i = 0; i < s.words.size(); ++i) {
            if (labelled[i]) continue;
            for (std::size_t end = std::min(s.words.size(), i + kLongestName); end > i; --end) {
                if (std::any_of(labelled.begin() + static_cast<std::ptrdiff_t>(i), labelled.begin() + static_cast<std::ptrdiff_t>(end),
                                [](bool b) { return b; }))
                    continue;
                auto it = confident.find(key_of(s, i, end));
                if (it == confident.end()) continue;
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

std::size_t Model::Table::slot(std::uint64_t feature) const {
    const std::size_t mask = keys.size() - 1;
    std::size_t i = static_cast<std::size_t>(feature * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    while (keys[i] != 0 && keys[i] != feature) i = (i + 1) & mask;
    return i;
}

void Model::Table::reserve(std::size_t features) {
    std::size_t capacity = 16;
    while (capacity < 2 * (features + count)) capacity *= 2;
    if (capacity <= keys.size()) return;
    Table old = std::move(*this);
    keys.assign(capacity, 0);
    weights.assign(capacity * kLabels, 0.0f);
    count = old.count;
    for (std::size_t i = 0; i < old.keys.size(); ++i)
        if (old.keys[i]) {
            const std::size_t to = slot(old.keys[i]);
            keys[to] = old.keys[i];
            std::copy_n(&old.weights[i * kLabels], kLabels, &weights[to * kLabels]);
        }
}

void Model::load(std::string_view tsv, std::string_view origin) {
    const std::size_t lines = static_cast<std::size_t>(std::count(tsv.begin(), tsv.end(), '\n')) + 1;
    for (auto& t : tables_) t.reserve(lines);
    std::size_t line_no = 0;
    for (std::size_t start = 0; start < tsv.size();) {
        std::size_t end = tsv.find('\n', start);
        if (end == std::string_view::npos) end = tsv.size();
        std::string_view line = tsv.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        auto fail = [&](const char* what) {
            throw std::runtime_error(std::string(origin) + ":" + std::to_string(line_no) + ": " + what);
        };
        const std::size_t tab = line.find('\t', 2);
        bool ok = false;
        const std::uint64_t key = tab == std::string_view::npos ? 0 : parse_hex(line.substr(2, tab - 2), ok);
        if (!ok || key == 0 || (line[0] != '1' && line[0] != '2') || line[1] != '\t')
            fail("expected a stage (1 or 2), a tab, a feature hash in hex, a tab, then label:weight pairs");
        Table& table = tables_[line[0] - '1'];
        const std::size_t at = table.slot(key);
        if (table.keys[at] == 0) ++table.count;
        table.keys[at] = key;
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
            table.weights[at * kLabels + static_cast<std::size_t>(label)] = weight;
        }
    }
}

void Model::add(int stage, std::uint64_t feature, float* scores) const {
    const Table& table = tables_[stage - 1];
    if (table.count == 0) return;
    const std::size_t at = table.slot(feature);
    if (table.keys[at] == 0) return;
    const float* w = &table.weights[at * kLabels];
    for (int y = 0; y < kLabels; ++y) scores[y] += w[y];
}

std::vector<Span> decode(const std::vector<Sentence>& sentences, const DocumentContext& doc, const Model& model, int stage) {
    float transition[kLabels][kLabels] = {};
    for (int q = 0; q < kLabels; ++q) model.add(stage, previous_label_feature(q), transition[q]);
    std::vector<Span> spans;
    for (std::size_t i = 0; i < sentences.size(); ++i) decode_sentence(sentences[i], i, doc, model, stage, transition, spans);
    return spans;
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
            const std::string& w = sentences[s].words[i];
            if (w.empty() || !(std::isupper(static_cast<unsigned char>(w[0])) || static_cast<unsigned char>(w[0]) >= 0x80)) continue;
            ++doc.first_pass[text::to_lower_ascii(w)][doc.first_pass_label[s][i]];
        }
}

std::vector<Span> recognise(const std::vector<Sentence>& sentences, const Model& model) {
    DocumentContext doc = document_context(sentences);
    std::vector<Span> spans = decode(sentences, doc, model, 1);
    if (model.has_second_stage()) {
        note_first_pass(sentences, spans, doc);
        spans = decode(sentences, doc, model, 2);
    }
    label_other_mentions(sentences, spans);
    return spans;
}

std::vector<TextSpan> recognise_text(std::string_view text, const std::vector<text::Token>& tokens, const Gazetteer& gazetteer,
                                     const Model& model) {
    auto tok = [&](std::size_t i) { return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin); };
    // Per sentence, the text tokens each word covers.
    std::vector<Sentence> sentences;
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> covers;
    auto start_sentence = [&] {
        if (sentences.empty() || !sentences.back().words.empty()) {
            sentences.emplace_back();
            covers.emplace_back();
        }
    };
    start_sentence();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0 && text::line_break_before(text, tokens, i)) start_sentence();
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
    for (auto& s : sentences) tag_gazetteer(s, gazetteer);
    std::vector<TextSpan> out;
    for (const Span& sp : recognise(sentences, model)) {
        const auto& c = covers[sp.sentence];
        out.push_back({c[sp.first].first, c[sp.end - 1].second, sp.kind, sp.confidence});
    }
    return out;
}

}  // namespace docket::recogniser
