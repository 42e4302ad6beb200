#include "text/analysis.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include "index/schema.h"
#include "text/text.h"

namespace docket::analysis {
namespace {

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2& normalizer(bool compose) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalisation data unavailable: ") + u_errorName(status));
    return *n;
}

const icu::Normalizer2& nfc_normalizer() {
    static const icu::Normalizer2& n = normalizer(true);
    return n;
}

// `s` (valid UTF-8) normalised by `n`.
std::string normalized(const icu::Normalizer2& n, std::string_view s) {
    std::string out;
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(s.size()));
    UErrorCode status = U_ZERO_ERROR;
    n.normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
    return U_SUCCESS(status) ? out : std::string(s);
}

// Latin letters with no decomposition to strip, spelt as unaccented letters.
const char* spelt_out(UChar32 c) {
    switch (c) {
        case 0x00DF: return "ss";  // ß
        case 0x1E9E: return "SS";  // ẞ
        case 0x00E6: return "ae";  // æ
        case 0x00C6: return "AE";
        case 0x0153: return "oe";  // œ
        case 0x0152: return "OE";
        case 0x00F8: return "o";   // ø
        case 0x00D8: return "O";
        case 0x0142: return "l";   // ł
        case 0x0141: return "L";
        case 0x0111: return "d";   // đ
        case 0x0110: return "D";
        case 0x00F0: return "d";   // ð
        case 0x00D0: return "D";
        case 0x00FE: return "th";  // þ
        case 0x00DE: return "TH";
        case 0x0131: return "i";   // dotless ı
        default: return nullptr;
    }
}

}  // namespace

std::string nfc(std::string s) {
    if (is_ascii(s) || !text::is_valid_utf8(s)) return s;
    const icu::Normalizer2& n = nfc_normalizer();
    UErrorCode status = U_ZERO_ERROR;
    if (n.isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status) && U_SUCCESS(status))
        return s;
    return normalized(n, s);
}

std::string fold_accents(std::string_view s) {
    if (is_ascii(s) || !text::is_valid_utf8(s)) return std::string(s);
    static const icu::Normalizer2& nfd = normalizer(false);
    const std::string decomposed = normalized(nfd, s);
    std::string out;
    out.reserve(decomposed.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(decomposed.data());
    const auto length = static_cast<int32_t>(decomposed.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0x0300 && c <= 0x036F) continue;  // combining diacritical marks
        if (const char* letters = spelt_out(c)) out += letters;
        else out.append(decomposed, start, i - start);
    }
    return nfc(std::move(out));
}

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

const Xapian::Stopper& stopper() {
    static const Xapian::SimpleStopper* stop = [] {
        static const char* const words[] = {
            "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further",
            "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
            "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
            "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "ought",
            "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such",
            "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
            "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were",
            "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
            "your", "yours", "yourself", "yourselves", "also", "whether"
        };
        auto* s = new Xapian::SimpleStopper;  // lives for the whole process
        for (const char* w : words) s->add(w);
        return s;
    }();
    return *stop;
}

void configure(Xapian::TermGenerator& generator) {
    generator.set_stemmer(stemmer());
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

void configure(Xapian::QueryParser& parser) {
    parser.set_stemmer(stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_stopper(&stopper());
    parser.set_default_op(Xapian::Query::OP_OR);
    for (const schema::Field& field : schema::kFields)  // the boolean and range fields are the searcher's (query.cpp)
        if (field.typed && field.type == schema::FieldType::FreeText) parser.add_prefix(std::string(field.name), std::string(field.prefix));
}

// The English stemmer, noting for each accented word it stems the stem of the
// word folded, when that differs. The words are gone once TermGenerator has
// made terms of them, and folding a stem is not enough: "évaluation" stems to
// "évaluat", but an unaccented query's "evaluation" to "evalu".
class TermIndexer::FoldingStem : public Xapian::StemImplementation {
public:
    std::string operator()(const std::string& word) override {
        std::string stem = english_(word);
        if (!is_ascii(word)) {  // only accented words pay for folding
            std::string folded = english_(fold_accents(word));
            if (folded != stem) folds.emplace(stem, std::move(folded));
        }
        return stem;
    }
    std::string get_description() const override { return "docket::FoldingStem(" + english_.get_description() + ")"; }

    std::set<std::pair<std::string, std::string>> folds;  // (stem, stem of the folded word) since the last document

private:
    Xapian::Stem english_ = stemmer();
};

TermIndexer::TermIndexer() : stem_(new FoldingStem) {
    configure(generator_);
    generator_.set_stemmer(Xapian::Stem(stem_));
}

void TermIndexer::add_folded_terms(Xapian::Document& doc) {
    if (stem_->folds.empty()) return;
    struct Copy {
        std::string term;
        Xapian::termcount wdf;
        std::vector<Xapian::termpos> positions;
    };
    std::vector<Copy> copies;  // made after the walk: the document must not change under its term iterator
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.empty() || term[0] != 'Z') continue;
        std::size_t stem_at = 1;  // after "Z" and the field prefix (capitals: "S" for titles)
        while (stem_at < term.size() && std::isupper(static_cast<unsigned char>(term[stem_at]))) ++stem_at;
        const std::string stem = term.substr(stem_at);
        for (auto f = stem_->folds.lower_bound(std::pair(stem, std::string())); f != stem_->folds.end() && f->first == stem; ++f)
            copies.push_back({term.substr(0, stem_at) + f->second, t.get_wdf(),
                              std::vector<Xapian::termpos>(t.positionlist_begin(), t.positionlist_end())});
    }
    for (const Copy& c : copies) {
        for (Xapian::termpos p : c.positions) doc.add_posting(c.term, p, 0);
        doc.add_term(c.term, c.wdf);
    }
    stem_->folds.clear();
}

}  // namespace docket::analysis
