#include "spelling.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>
#include <vector>

#include "text/analysis.h"
#include "index/schema.h"
#include "index/stored.h"
#include "text/text.h"

namespace docket {
namespace {

bool is_operator(const std::string& w) {
    return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

// The byte length of the UTF-8 sequence starting at s[i] (valid UTF-8).
std::size_t sequence_length(std::string_view s, std::size_t i) {
    std::size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    return j - i;
}

// Letters and the marks on them, in any script: what a word is made of here
// (digits and '_' are word characters to Xapian, but not to a spelling).
bool is_letter(std::string_view s, std::size_t i) {
    const unsigned ch = *Xapian::Utf8Iterator(s.data() + i, s.size() - i);
    using namespace Xapian::Unicode;
    const category c = get_category(ch);
    return is_wordchar(ch) && c != DECIMAL_DIGIT_NUMBER && c != CONNECTOR_PUNCTUATION;
}

// Code points, so an accented letter counts as one.
std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) out += static_cast<char32_t>(*it);
    return out;
}

std::size_t letter_count(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Xapian's lower-casing, as TermGenerator's ("NESTLÉ" -> "nestlé").
std::string to_lower(const std::string& word) { return Xapian::Unicode::tolower(word); }

struct Candidate {
    std::string stem;
    unsigned distance = ~0u;
    Xapian::doccount freq = 0;
};

// Indexed stems by first letter (a whole UTF-8 sequence), with their letter
// counts, read once per query: a long query's unknown words share them instead
// of each walking the term list again.
struct IndexedStem {
    std::string stem;
    std::size_t letters;
    Xapian::doccount freq;
};
using StemsByLetter = std::map<std::string, std::vector<IndexedStem>>;

// The closest indexed stem to `stem`, among stems with the same first letter.
Candidate closest_stem(const Xapian::Database& db, const std::string& stem, StemsByLetter& stems) {
    const std::size_t letters = letter_count(stem);
    const unsigned limit = letters >= 5 ? 2 : 1;
    const std::string first = stem.substr(0, sequence_length(stem, 0));
    auto [indexed, added] = stems.try_emplace(first);
    if (added) {
        const std::string prefix = "Z" + first;
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            std::string other = (*t).substr(1);
            const std::size_t other_letters = letter_count(other);
            indexed->second.push_back({std::move(other), other_letters, t.get_termfreq()});
        }
    }
    Candidate best;
    for (const auto& [other, other_letters, f] : indexed->second) {
        if (other_letters + limit < letters || other_letters > letters + limit) continue;
        unsigned d = edit_distance(stem, other, limit);
        if (d > limit) continue;
        if (d < best.distance || (d == best.distance && f > best.freq)) best = {other, d, f};
    }
    return best;
}

// A word as people write it for an indexed stem (stems like "regul" are not
// words), taken from one article holding the stem: the one where it is most
// frequent, then the shortest, then the smallest content hash, so the same
// article is chosen however the index is split into shards. Of its words with
// that stem, the one closest to what the user typed.
std::string surface_word(const Xapian::Database& db, const std::string& stem, const std::string& typed) {
    const std::string term = "Z" + stem;
    std::vector<Xapian::docid> best;
    Xapian::termcount best_wdf = 0, best_length = 0;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        Xapian::termcount wdf = p.get_wdf(), length = p.get_doclength();
        if (wdf > best_wdf || (wdf == best_wdf && length < best_length)) {
            best = {*p};
            best_wdf = wdf;
            best_length = length;
        } else if (wdf == best_wdf && length == best_length) {
            best.push_back(*p);
        }
    }
    if (best.empty()) return stem;
    Xapian::Document doc = db.get_document(best[0]);
    for (std::size_t i = 1; i < best.size(); ++i) {
        Xapian::Document other = db.get_document(best[i]);
        if (other.get_value(schema::slot::kContentHash) < doc.get_value(schema::slot::kContentHash)) doc = other;
    }
    const Xapian::Stem stemmer = analysis::stemmer();
    std::string word = stem;
    unsigned best_distance = ~0u;
    try {
        StoredArticle stored = decode_stored(doc.get_data());
        for (const std::string* text : {&stored.article.title, &stored.article.body})
            for (const auto& tok : text::tokenize(*text)) {
                if (!tok.word) continue;
                std::string w = to_lower(text->substr(tok.begin, tok.end - tok.begin));
                // The stem may be an accented word's folded stem ("nestl" of "Nestlé"): the word is shown as written.
                if (stemmer(w) != stem && stemmer(analysis::fold_accents(w)) != stem) continue;
                unsigned d = edit_distance(typed, w, 16);
                if (d < best_distance || (d == best_distance && w < word)) word = w, best_distance = d;
            }
    } catch (const std::exception&) {
        // An unreadable record: fall back to the stem itself.
    }
    return word;
}

}  // namespace

unsigned edit_distance(const std::string& utf8_a, const std::string& utf8_b, unsigned limit) {
    const std::u32string a = code_points(utf8_a), b = code_points(utf8_b);
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows of the table (a transposition looks two rows back), in one
    // allocation: this runs for thousands of indexed stems per unknown word.
    std::vector<unsigned> rows(3 * (m + 1));
    unsigned* two_back = rows.data();
    unsigned* previous = two_back + m + 1;
    unsigned* current = previous + m + 1;
    for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = static_cast<unsigned>(i);
        unsigned row_min = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], two_back[j - 2] + 1);
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(two_back, previous);  // the old two-back row is overwritten next
        std::swap(previous, current);
    }
    return std::min(previous[m], limit + 1);
}

std::string suggest_spelling(const Xapian::Database& db, const std::string& typed) {
    std::string query = typed;
    text::repair_utf8(query);
    query = analysis::nfc(std::move(query));  // as build_query and the indexed text
    const Xapian::Stem stemmer = analysis::stemmer();
    std::string out;
    bool changed = false;
    StemsByLetter stems;
    std::map<std::string, std::string> corrected;  // unknown word -> its replacement ("" for none): looked up once
    std::size_t i = 0;
    while (i < query.size()) {
        if (!is_letter(query, i)) {
            std::size_t n = sequence_length(query, i);
            out.append(query, i, n);
            i += n;
            continue;
        }
        // A word is whole code points: "Nestlé" is one word, not "Nestl" and "é".
        std::size_t j = i;
        while (j < query.size() && is_letter(query, j)) j += sequence_length(query, j);
        const std::string word = query.substr(i, j - i);
        char before = i ? query[i - 1] : ' ', after = j < query.size() ? query[j] : ' ';
        // Leave alone: field names and values, wildcards, operators, mixed letter-digit tokens, short words.
        bool skip = before == ':' || after == ':' || after == '*' || is_operator(word) ||
                    std::isdigit(static_cast<unsigned char>(before)) || std::isdigit(static_cast<unsigned char>(after)) ||
                    letter_count(word) < 4;
        std::string replacement = word;
        if (!skip) {
            std::string lower = to_lower(word);
            std::string stem = stemmer(lower);
            if (!analysis::stopper()(lower) && db.get_termfreq("Z" + stem) == 0) {
                auto [known, added] = corrected.try_emplace(lower);
                if (added) {
                    Candidate c = closest_stem(db, stem, stems);
                    if (!c.stem.empty()) known->second = surface_word(db, c.stem, lower);
                }
                if (!known->second.empty()) {
                    replacement = known->second;
                    changed = true;
                }
            }
        }
        out += replacement;
        i = j;
    }
    return changed ? out : std::string();
}

}  // namespace docket
