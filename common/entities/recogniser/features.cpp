#include "entities/recogniser/features.h"

#include <algorithm>

#include "entities/gazetteer.h"
#include "text/hash.h"

namespace docket::recogniser {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A capital at the start, ASCII or Latin-1 (U+00C0..U+00DE: "Électricité", "Øresund").
bool starts_upper(std::string_view w) {
    if (w.empty()) return false;
    if (is_upper_ascii(w[0])) return true;
    return w.size() >= 2 && static_cast<unsigned char>(w[0]) == 0xC3 && static_cast<unsigned char>(w[1]) >= 0x80 &&
           static_cast<unsigned char>(w[1]) <= 0x9E && static_cast<unsigned char>(w[1]) != 0x97;
}

// "Xxxx", "XX", "d.d", "Xx-Xx": the word's letter classes, long (one per character,
// at most 8) and short (runs collapsed, at most 8), hashed as they are made.
void shape_hashes(std::string_view w, std::uint64_t& long_hash, std::uint64_t& short_hash) {
    long_hash = short_hash = text::kFnvOffsetBasis;
    std::size_t long_size = 0, short_size = 0;
    char last = 0;
    for (std::size_t k = 0; k < w.size() && (long_size < 8 || short_size < 8); ++k) {
        const unsigned char c = static_cast<unsigned char>(w[k]);
        if (c >= 0x80 && c < 0xC0) continue;  // a UTF-8 continuation byte
        const char m = is_upper_ascii(static_cast<char>(c)) ? 'X'
                       : is_lower_ascii(static_cast<char>(c)) ? 'x'
                       : is_digit(static_cast<char>(c))       ? 'd'
                       : c >= 0x80                            ? (k == 0 && starts_upper(w) ? 'X' : 'x')
                                                              : static_cast<char>(c);
        if (long_size < 8) {
            long_hash = text::fnv1a(std::string_view(&m, 1), long_hash);
            ++long_size;
        }
        if (short_size < 8 && (short_size == 0 || m != last)) {
            short_hash = text::fnv1a(std::string_view(&m, 1), short_hash);
            ++short_size;
        }
        last = m;
    }
}

// Feature keys: a template number mixed with up to three value hashes (splitmix64's finaliser).
std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}
enum Template : std::uint64_t {
    kBias = 1, kWord, kExact, kShape, kShortShape, kPrefix, kSuffix, kPrevWord, kNextWord, kPrev2Word, kNext2Word,
    kPrevBigram, kNextBigram, kTrigram, kPrevWordShape, kShapeNextWord, kPrevShape, kNextShape, kShapeTrigram, kRun,
    kFirst, kCapsSentence, kCapsSentenceWord, kGazetteer, kPrevGazetteer, kNextGazetteer, kLegalAhead, kLegal,
    kDocLower, kDocCapitalised, kFirstPassSelf, kFirstPassMajority, kFirstPassMixed, kFirstPassRepeated, kPrevLabel,
    kCluster, kPrevCluster, kNextCluster
};
std::uint64_t feature(Template t, std::uint64_t a = 0, std::uint64_t b = 0, std::uint64_t c = 0) {
    std::uint64_t h = mix(mix(mix(t * 0x9E3779B97F4A7C15ULL ^ a) ^ b) ^ c);
    return h ? h : 1;  // 0 marks a free slot in the model's table
}

constexpr std::uint64_t kBefore = 0x5bd1e995ULL, kAfter = 0x1b873593ULL, kEdgeShape = 0xcc9e2d51ULL;

}  // namespace

const char* label_name(int label) {
    static const char* const names[kLabels] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
    return names[label];
}

void prepare(Sentence& s, const Gazetteer& gazetteer) {
    s.info.assign(s.words.size(), {});
    s.all_capitals = true;
    for (std::size_t i = 0; i < s.words.size(); ++i) {
        const std::string& w = s.words[i];
        WordInfo& x = s.info[i];
        x.lower = w;
        for (char& c : x.lower)
            if (is_upper_ascii(c)) c = static_cast<char>(c - 'A' + 'a');
        x.starts_upper = starts_upper(w);
        x.upper = x.starts_upper || std::any_of(w.begin(), w.end(), is_upper_ascii);
        x.has_lower = std::any_of(w.begin(), w.end(), is_lower_ascii);
        if (x.has_lower) s.all_capitals = false;
        x.lower_hash = text::fnv1a(x.lower);
        x.exact_hash = text::fnv1a(w);
        x.title_hash = w.empty() ? x.lower_hash : text::fnv1a(std::string_view(x.lower).substr(1), text::fnv1a(w.substr(0, 1)));
        shape_hashes(w, x.shape_hash, x.short_shape_hash);
        std::string_view bare = w;
        if (!bare.empty() && bare.back() == '.') bare.remove_suffix(1);
        x.legal = is_legal_suffix(bare);
        if (const ClusterIds* c = WordClusters::builtin().of(x.exact_hash)) x.clusters = *c;
    }
    s.gazetteer.assign(s.words.size(), 0);
    for (std::size_t i = 0; i < s.words.size();) {
        // (Listed names start with a capital or a digit, or hold a capital: "eBay".)
        const auto* forms = s.info[i].upper || (!s.words[i].empty() && is_digit(s.words[i][0])) ? gazetteer.starting_with(s.words[i]) : nullptr;
        std::size_t length = 0;
        bool ambiguous = false;
        if (forms) {
            for (std::uint32_t idx : *forms) {
                const auto& form = gazetteer.surfaces()[idx];
                if (i + form.tokens.size() > s.words.size()) continue;
                bool same = true;
                for (std::size_t k = 1; k < form.tokens.size() && same; ++k) same = s.words[i + k] == form.tokens[k];
                if (same) {
                    length = form.tokens.size();
                    ambiguous = form.ambiguous;
                    break;
                }
            }
        }
        if (length == 0) {
            ++i;
            continue;
        }
        for (std::size_t k = 0; k < length; ++k) s.gazetteer[i + k] = static_cast<std::uint8_t>((k == 0 ? 1 : 2) + (ambiguous ? 2 : 0));
        i += length;
    }
}

DocumentContext document_context(const std::vector<Sentence>& sentences) {
    DocumentContext doc;
    for (const auto& s : sentences)
        for (std::size_t i = 0; i < s.words.size(); ++i) {
            const WordInfo& x = s.info[i];
            if (!x.upper) doc.lower_somewhere[x.lower_hash] = 1;
            else if (i > 0 && !s.all_capitals && x.starts_upper && x.has_lower) doc.capitalised_inside[x.title_hash] = 1;
        }
    return doc;
}

bool is_candidate(const Sentence& s, std::size_t i) {
    if (s.info[i].upper || s.gazetteer[i] != 0) return true;
    // A short lower-case connector inside a name: "of", "and", "de", "&", "for", "the".
    return s.words[i].size() <= 4 && i > 0 && i + 1 < s.words.size() && s.info[i - 1].upper && s.info[i + 1].upper;
}

void token_features(const Sentence& s, std::size_t i, const DocumentContext& doc, std::vector<std::uint64_t>& out) {
    out.clear();
    const WordInfo& x = s.info[i];
    const std::size_t n = s.words.size();
    auto lower_at = [&](std::ptrdiff_t k) -> std::uint64_t {
        const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j < 0) return kBefore;
        if (j >= static_cast<std::ptrdiff_t>(n)) return kAfter;
        return s.info[static_cast<std::size_t>(j)].lower_hash;
    };
    auto shape_at = [&](std::ptrdiff_t k) -> std::uint64_t {
        const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) return kEdgeShape;
        return s.info[static_cast<std::size_t>(j)].short_shape_hash;
    };
    const std::string_view lw = x.lower;
    out.push_back(feature(kBias));
    out.push_back(feature(kWord, x.lower_hash));
    out.push_back(feature(kExact, x.exact_hash));
    out.push_back(feature(kShape, x.shape_hash));
    out.push_back(feature(kShortShape, x.short_shape_hash));
    for (std::size_t k = 1; k <= 4 && k < lw.size(); ++k) {
        out.push_back(feature(kPrefix, k, text::fnv1a(lw.substr(0, k))));
        out.push_back(feature(kSuffix, k, text::fnv1a(lw.substr(lw.size() - k))));
    }
    const std::uint64_t prev = lower_at(-1), next = lower_at(1);
    out.push_back(feature(kPrevWord, prev));
    out.push_back(feature(kNextWord, next));
    out.push_back(feature(kPrev2Word, lower_at(-2)));
    out.push_back(feature(kNext2Word, lower_at(2)));
    out.push_back(feature(kPrevBigram, prev, x.lower_hash));
    out.push_back(feature(kNextBigram, x.lower_hash, next));
    out.push_back(feature(kTrigram, prev, x.lower_hash, next));
    out.push_back(feature(kPrevWordShape, prev, x.short_shape_hash));
    out.push_back(feature(kShapeNextWord, x.short_shape_hash, next));
    out.push_back(feature(kPrevShape, shape_at(-1)));
    out.push_back(feature(kNextShape, shape_at(1)));
    out.push_back(feature(kShapeTrigram, shape_at(-1), x.short_shape_hash, shape_at(1)));
    // Where the word sits in its run of capitalised words ("Bank of New York"): a name's extent.
    if (x.upper) {
        std::size_t first = i, last = i;
        auto in_run = [&](std::size_t k) { return s.info[k].upper || is_candidate(s, k); };
        while (first > 0 && in_run(first - 1)) --first;
        while (last + 1 < n && in_run(last + 1)) ++last;
        const std::uint64_t length = std::min<std::size_t>(last - first + 1, 5);
        const std::uint64_t where = first == last ? 0 : i == first ? 1 : i == last ? 2 : 3;
        out.push_back(feature(kRun, where, length));
    }
    // Word clusters from unlabelled news: the word's at each granularity, its neighbours' at the middle one.
    for (std::uint64_t level = 0; level < kClusterLevels; ++level)
        if (x.clusters[level] != kNoCluster) out.push_back(feature(kCluster, level, x.clusters[level]));
    if (i > 0 && s.info[i - 1].clusters[1] != kNoCluster) out.push_back(feature(kPrevCluster, s.info[i - 1].clusters[1]));
    if (i + 1 < n && s.info[i + 1].clusters[1] != kNoCluster) out.push_back(feature(kNextCluster, s.info[i + 1].clusters[1]));
    if (i == 0) out.push_back(feature(kFirst, x.short_shape_hash));
    if (s.all_capitals) {
        out.push_back(feature(kCapsSentence));
        out.push_back(feature(kCapsSentenceWord, x.lower_hash));
    }
    // The gazetteer is a feature, not the verdict.
    if (s.gazetteer[i]) out.push_back(feature(kGazetteer, s.gazetteer[i]));
    if (i > 0 && s.gazetteer[i - 1]) out.push_back(feature(kPrevGazetteer, s.gazetteer[i - 1]));
    if (i + 1 < n && s.gazetteer[i + 1]) out.push_back(feature(kNextGazetteer, s.gazetteer[i + 1]));
    for (std::size_t k = i + 1; k < n && k <= i + 3; ++k)
        if (s.info[k].legal) {
            out.push_back(feature(kLegalAhead, k - i));
            break;
        }
    if (x.legal) out.push_back(feature(kLegal));
    // Document-level: a capitalised word the article also writes in lower case is an
    // ordinary word capitalised by position; one it capitalises mid-sentence is a name.
    if (x.upper) {
        if (doc.lower_somewhere.contains(x.lower_hash)) out.push_back(feature(kDocLower));
        if (doc.capitalised_inside.contains(x.title_hash)) out.push_back(feature(kDocCapitalised));
    }
}

void first_pass_features(const Sentence& s, std::size_t sentence, std::size_t i, const DocumentContext& doc,
                         std::vector<std::uint64_t>& out) {
    // The first stage's verdicts on this word, here and across the article
    // ("Magna 's stock" makes the sentence-initial "Magna was up" a company too).
    out.push_back(feature(kFirstPassSelf, doc.first_pass_label[sentence][i]));
    if (!s.info[i].upper) return;
    const auto* counts = doc.first_pass.find(s.info[i].lower_hash);
    if (!counts) return;
    const auto& c = *counts;
    std::uint64_t best = 4;
    for (std::uint64_t k = 0; k < 4; ++k)
        if (c[k] > 0 && (best == 4 || c[k] > c[best])) best = k;
    out.push_back(feature(kFirstPassMajority, best));
    int total = 0, kinds_seen = 0;
    for (int k = 0; k < 5; ++k) total += c[k], kinds_seen += c[k] > 0;
    if (kinds_seen > 1) out.push_back(feature(kFirstPassMixed));
    if (total > 1) out.push_back(feature(kFirstPassRepeated, best));
}

std::uint64_t previous_label_feature(int label) { return feature(kPrevLabel, static_cast<std::uint64_t>(label)); }

}  // namespace docket::recogniser
