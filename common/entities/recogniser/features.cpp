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
bool has_upper(std::string_view w) { return starts_upper(w) || std::any_of(w.begin(), w.end(), is_upper_ascii); }
bool has_lower(std::string_view w) { return std::any_of(w.begin(), w.end(), is_lower_ascii); }

std::string lower(std::string_view w) {
    std::string out(w);
    for (char& c : out)
        if (is_upper_ascii(c)) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// "Xxxx", "XX", "d.d", "Xx-Xx": the word's letter classes, long (one per character,
// at most 8) and short (runs collapsed).
std::string shape(std::string_view w, bool collapse) {
    std::string out;
    for (std::size_t k = 0; k < w.size() && out.size() < 8; ++k) {
        const unsigned char c = static_cast<unsigned char>(w[k]);
        if (c >= 0x80 && c < 0xC0) continue;  // a UTF-8 continuation byte
        char m = is_upper_ascii(static_cast<char>(c)) ? 'X'
                 : is_lower_ascii(static_cast<char>(c)) ? 'x'
                 : is_digit(static_cast<char>(c))       ? 'd'
                 : c >= 0x80                            ? (k == 0 && starts_upper(w) ? 'X' : 'x')
                                                        : static_cast<char>(c);
        if (collapse && !out.empty() && out.back() == m) continue;
        out += m;
    }
    return out;
}

// Hashes a template name with its value: each feature is one 64-bit key.
std::uint64_t feature(std::string_view name, std::string_view value = {}) {
    std::uint64_t h = text::fnv1a(name);
    h = text::fnv1a("\x1f", h);
    return text::fnv1a(value, h);
}

bool is_legal_word(std::string_view w) {
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    return is_legal_suffix(w);
}

}  // namespace

const char* label_name(int label) {
    static const char* const names[kLabels] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
    return names[label];
}

void tag_gazetteer(Sentence& s, const Gazetteer& gazetteer) {
    s.gazetteer.assign(s.words.size(), 0);
    for (std::size_t i = 0; i < s.words.size();) {
        const auto* forms = gazetteer.starting_with(s.words[i]);
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
    for (const auto& s : sentences) {
        const bool all_caps = std::none_of(s.words.begin(), s.words.end(), [](const std::string& w) { return has_lower(w); });
        for (std::size_t i = 0; i < s.words.size(); ++i) {
            const std::string& w = s.words[i];
            if (!has_upper(w)) doc.lower_somewhere.insert(w);
            else if (i > 0 && !all_caps && starts_upper(w) && has_lower(w)) doc.capitalised_inside.insert(w);
        }
    }
    return doc;
}

bool is_candidate(const Sentence& s, std::size_t i) {
    const std::string& w = s.words[i];
    if (has_upper(w) || (!w.empty() && is_digit(w[0]) && std::any_of(w.begin(), w.end(), is_upper_ascii))) return true;
    if (s.gazetteer[i] != 0) return true;
    // A short lower-case connector inside a name: "of", "and", "de", "&", "for", "the".
    return w.size() <= 4 && i > 0 && i + 1 < s.words.size() && has_upper(s.words[i - 1]) && has_upper(s.words[i + 1]);
}

void token_features(const Sentence& s, std::size_t sentence, std::size_t i, const DocumentContext& doc,
                    std::vector<std::uint64_t>& out) {
    out.clear();
    const std::string& w = s.words[i];
    const std::string lw = lower(w);
    auto word_at = [&](std::ptrdiff_t k) -> std::string {
        const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j < 0) return "<s>";
        if (j >= static_cast<std::ptrdiff_t>(s.words.size())) return "</s>";
        return lower(s.words[static_cast<std::size_t>(j)]);
    };
    auto shape_at = [&](std::ptrdiff_t k) -> std::string {
        const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + k;
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(s.words.size())) return "|";
        return shape(s.words[static_cast<std::size_t>(j)], true);
    };
    const std::string short_shape = shape(w, true);
    const bool sentence_caps = std::none_of(s.words.begin(), s.words.end(), [](const std::string& x) { return has_lower(x); });

    out.push_back(feature("bias"));
    out.push_back(feature("w", lw));
    out.push_back(feature("W", w));
    out.push_back(feature("shape", shape(w, false)));
    out.push_back(feature("sshape", short_shape));
    for (std::size_t n = 1; n <= 4 && n < lw.size(); ++n) {
        out.push_back(feature("pre" + std::to_string(n), std::string_view(lw).substr(0, n)));
        out.push_back(feature("suf" + std::to_string(n), std::string_view(lw).substr(lw.size() - n)));
    }
    const std::string prev = word_at(-1), next = word_at(1);
    out.push_back(feature("w-1", prev));
    out.push_back(feature("w+1", next));
    out.push_back(feature("w-2", word_at(-2)));
    out.push_back(feature("w+2", word_at(2)));
    out.push_back(feature("w-1w", prev + " " + lw));
    out.push_back(feature("ww+1", lw + " " + next));
    out.push_back(feature("s-1", shape_at(-1)));
    out.push_back(feature("s+1", shape_at(1)));
    out.push_back(feature("s-1s+1", shape_at(-1) + " " + short_shape + " " + shape_at(1)));
    out.push_back(feature("w-1ww+1", prev + " " + lw + " " + next));
    out.push_back(feature("w-1s", prev + " " + short_shape));
    out.push_back(feature("sw+1", short_shape + " " + next));
    // Where the word sits in its run of capitalised words ("Bank of New York"): a name's extent.
    if (has_upper(w)) {
        std::size_t first = i, last = i;
        auto in_run = [&](std::size_t k) { return has_upper(s.words[k]) || (is_candidate(s, k) && !has_upper(s.words[k])); };
        while (first > 0 && in_run(first - 1)) --first;
        while (last + 1 < s.words.size() && in_run(last + 1)) ++last;
        const std::size_t length = std::min<std::size_t>(last - first + 1, 5);
        const char* where = first == last ? "alone" : i == first ? "first" : i == last ? "last" : "inside";
        out.push_back(feature("run", std::string(where) + std::to_string(length)));
    }
    if (i == 0) out.push_back(feature("first", short_shape));
    if (sentence_caps) {
        out.push_back(feature("caps-sentence"));
        out.push_back(feature("caps-sentence-w", lw));
    }
    // The gazetteer is a feature, not the verdict.
    static const char* const gazetteer_tags[] = {"", "B", "I", "B~", "I~"};
    if (s.gazetteer[i]) out.push_back(feature("gaz", gazetteer_tags[s.gazetteer[i]]));
    if (i > 0 && s.gazetteer[i - 1]) out.push_back(feature("gaz-1", gazetteer_tags[s.gazetteer[i - 1]]));
    if (i + 1 < s.words.size() && s.gazetteer[i + 1]) out.push_back(feature("gaz+1", gazetteer_tags[s.gazetteer[i + 1]]));
    for (std::size_t k = i + 1; k < s.words.size() && k <= i + 3; ++k)
        if (is_legal_word(s.words[k])) {
            out.push_back(feature("legal-ahead", std::to_string(k - i)));
            break;
        }
    if (is_legal_word(w)) out.push_back(feature("legal"));
    // Document-level: a capitalised word the article also writes in lower case is an
    // ordinary word capitalised by position; one it capitalises mid-sentence is a name.
    // Second stage: the first stage's verdicts on this word, here and across the article
    // ("Magna 's stock" makes the sentence-initial "Magna was up" a company too).
    static const char* const kinds[] = {"PER", "ORG", "LOC", "MISC", "O"};
    if (!doc.first_pass_label.empty()) out.push_back(feature("fp-self", kinds[doc.first_pass_label[sentence][i]]));
    if (has_upper(w) && !doc.first_pass.empty()) {
        auto it = doc.first_pass.find(lw);
        if (it != doc.first_pass.end()) {
            const auto& c = it->second;
            int best = 4;
            for (int k = 0; k < 4; ++k)
                if (c[k] > 0 && (best == 4 || c[k] > c[best])) best = k;
            out.push_back(feature("fp-majority", kinds[best]));
            int total = 0, kinds_seen = 0;
            for (int k = 0; k < 5; ++k) total += c[k], kinds_seen += c[k] > 0;
            if (kinds_seen > 1) out.push_back(feature("fp-mixed"));
            if (total > 1) out.push_back(feature("fp-majority-repeated", kinds[best]));
        }
    }
    if (has_upper(w)) {
        if (doc.lower_somewhere.count(lw)) out.push_back(feature("doc-lower"));
        if (doc.capitalised_inside.count(w) || (sentence_caps && doc.capitalised_inside.count(std::string(1, w[0]) + lw.substr(1))))
            out.push_back(feature("doc-capitalised"));
    }
}

std::uint64_t previous_label_feature(int label) { return feature("prev", label_name(label)); }

}  // namespace docket::recogniser
