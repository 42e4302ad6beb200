#include "query.h"

#include "entities/amounts.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "amount_filter.h"
#include "saved/saved.h"
#include "text/analysis.h"
#include "entities/cases.h"
#include "index/alias_table.h"
#include "index/facets.h"
#include "entities/gazetteer.h"
#include "ranking.h"
#include "index/schema.h"
#include "spelling.h"
#include "text/text.h"

namespace docket {

std::optional<double> amount_bound_option(const std::string& option, const std::string& value) {
    if (value.empty()) return std::nullopt;
    auto v = parse_amount_bound(value);
    if (!v) throw QueryError(option + ": expected an amount like 1e9, 1B, 250m or $1.5bn, got '" + value + "'");
    return v;
}

namespace {

// `ambiguous` (if given) is set when the form is also a common word.
std::optional<std::string> lookup_alias(const Xapian::Database& db, std::string_view name, bool* ambiguous = nullptr) {
    std::string form = text::to_lower_ascii(text::collapse_space(name));
    if (form.empty()) return std::nullopt;
    alias_table::Entry entry = alias_table::lookup(db, form);
    if (ambiguous) *ambiguous = entry.ambiguous;
    if (entry.canonical.empty()) return std::nullopt;
    return entry.canonical;
}

// The company facet term for a typed name; a name no article carries adds a
// warning that says so and offers the nearest names that some article does.
std::string company_term(const Xapian::Database& db, const std::string& typed, const std::string& option,
                         std::vector<std::string>& warnings) {
    std::string term = schema::bounded_term(schema::prefix::kCompany, facet_key(resolve_company(db, typed)));
    if (db.get_termfreq(term) > 0) return term;
    std::string warning = option + " '" + typed + "': no article in the index names this company";
    std::vector<std::string> near = nearest_companies(db, typed);
    for (std::size_t i = 0; i < near.size(); ++i) warning += (i ? ", " : "; nearest: ") + near[i];
    warnings.push_back(warning);
    return term;
}

// The filter term of a typed value of a named facet (`option` names where it
// was typed, for messages): companies through the alias table, cases through
// their "X v. Y" shape (a QueryError without one), any other kind as typed.
std::string facet_term(const Xapian::Database& db, const schema::Field& field, const std::string& typed,
                       const std::string& option, std::vector<std::string>& warnings) {
    if (field.entities == &Entities::companies) return company_term(db, typed, option, warnings);
    if (field.entities == &Entities::cases) return schema::bounded_term(field.prefix, facet_key(resolve_case(db, typed)));
    return schema::bounded_term(field.prefix, facet_key(text::collapse_space(typed)));
}

// `company:Facebook`, `company:"Meta Platforms, Inc."` -> the Meta facet term;
// `case:"Kadrey v. Meta"` -> the case's. An exception must not cross
// QueryParser::parse_query (its parser state is not exception-safe): a bad
// value is remembered here and reported after parsing.
class FacetField : public Xapian::FieldProcessor {
public:
    FacetField(Xapian::Database db, const schema::Field& field, std::vector<std::string>& warnings, std::string& error)
        : db_(std::move(db)), field_(field), warnings_(warnings), error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            return Xapian::Query(facet_term(db_, field_, value, std::string(field_.name) + ":", warnings_));
        } catch (const QueryError& e) {
            if (error_.empty()) error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }

private:
    Xapian::Database db_;
    const schema::Field& field_;
    std::vector<std::string>& warnings_;
    std::string& error_;
};

// The query field a date range is typed in ("date:").
const schema::Field& date_field() {
    for (const schema::Field& f : schema::kFields)
        if (f.type == schema::FieldType::DateRange) return f;
    throw std::logic_error("schema::kFields has no date field");
}
const std::string kDateField = std::string(date_field().name) + ":";

std::string ymd(const std::string& option, const std::string& value) {
    std::string date = text::normalize_date(value);
    if (date.empty()) throw QueryError(option + ": expected a date like 2025-01-31, got '" + value + "'");
    return schema::date_value(date);
}

// `date:A..B`, `date:A..`, `date:..B`: each end must be a date, and A no later
// than B. A bad range is remembered here and reported after parsing (see CaseField).
class DateRange : public Xapian::RangeProcessor {
public:
    explicit DateRange(std::string& error) : Xapian::RangeProcessor(date_field().slot, kDateField), error_(error) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        try {
            const std::string name(date_field().name);
            std::string from = begin.empty() ? "" : ymd(name, begin), to = end.empty() ? "" : ymd(name, end);
            if (!from.empty() && !to.empty() && from > to)
                throw QueryError(kDateField + begin + ".." + end + ": the range ends before it starts");
            return Xapian::RangeProcessor::operator()(from, to);
        } catch (const QueryError& e) {
            if (error_.empty()) error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }

private:
    std::string& error_;
};

// `date:2025-03-01` (one day, no "..") -> `date:2025-03-01..2025-03-01`: that
// day, as the range processor only sees values with "..".
std::string route_single_days(const std::string& q) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < q.size();) {
        if (q[i] == '"') quoted = !quoted;
        bool field_start = !quoted && q.compare(i, kDateField.size(), kDateField) == 0 &&
                           (i == 0 || std::isspace(static_cast<unsigned char>(q[i - 1])) || q[i - 1] == '(' ||
                            q[i - 1] == '+' || q[i - 1] == '-');
        if (!field_start) {
            out += q[i++];
            continue;
        }
        std::size_t end = i + kDateField.size();
        while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end])) && q[end] != ')') ++end;
        const std::string value = q.substr(i + kDateField.size(), end - i - kDateField.size());
        out += kDateField + value;
        if (!value.empty() && value.find("..") == std::string::npos) out += ".." + value;
        i = end;
    }
    return out;
}

bool is_binary_operator(const std::string& w) {
    return w == "AND" || w == "OR" || w == "XOR" || w == "NEAR" || w == "ADJ" || w.rfind("NEAR/", 0) == 0 ||
           w.rfind("ADJ/", 0) == 0;
}

constexpr const char* kWildcardField = "zwild";

// `zwild:regul` (written by route_wildcards for "regul*") -> every indexed stem
// starting "regul", as one synonym. Expanded here from the whole collection's
// term list, not by each shard's matcher, so one index and any split of it into
// shards weigh the expansion alike. A repeated wildcard is expanded once.
class WildcardField : public Xapian::FieldProcessor {
public:
    WildcardField(Xapian::Database db, std::string& error) : db_(std::move(db)), error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        if (auto seen = expansions_.find(value); seen != expansions_.end()) return seen->second;
        const std::string prefix = "Z" + value;
        const std::size_t before = expanded_;
        std::vector<Xapian::Query> terms;
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
            if (expanded_ == kMaxWildcardExpansion) {
                const std::string most = std::to_string(kMaxWildcardExpansion);
                if (error_.empty())
                    error_ = before == 0 ? "'" + value + "*' matches more than " + most + " words: make it longer"
                                         : "the wildcards up to '" + value + "*' match more than " + most +
                                               " words in all: make them longer";
                return Xapian::Query::MatchNothing;
            }
            ++expanded_;
            terms.emplace_back(*t);
        }
        Xapian::Query expansion = terms.empty() ? Xapian::Query::MatchNothing
                                                : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
        return expansions_[value] = expansion;
    }

private:
    Xapian::Database db_;
    std::string& error_;
    std::size_t expanded_ = 0;  // words matched by the query's wildcards so far
    std::map<std::string, Xapian::Query> expansions_;
};
constexpr const char* kAliasField = "zalias";

// The stemmed text terms of `words`, in order.
std::vector<Xapian::Query> stemmed_terms(const std::string& words) {
    const Xapian::Stem stemmer = analysis::stemmer();
    std::vector<Xapian::Query> terms;
    for (const auto& tok : text::tokenize(words))
        if (tok.word) terms.emplace_back("Z" + stemmer(text::to_lower_ascii(words.substr(tok.begin, tok.end - tok.begin))));
    return terms;
}

// The stemmed text terms of `words`: one term, or a phrase of several.
Xapian::Query text_query(const std::string& words) {
    std::vector<Xapian::Query> terms = stemmed_terms(words);
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

// `zalias:facebook` (written by route_aliases) -> facebook, the canonical name's
// words and the company's facet term as one synonym: free text finds a
// company under any of its names ("facebook llama" finds articles saying "Meta").
class AliasField : public Xapian::FieldProcessor {
public:
    explicit AliasField(Xapian::Database db) : db_(std::move(db)) {}
    Xapian::Query operator()(const std::string& value) override {
        std::string words = value;
        std::replace(words.begin(), words.end(), '_', ' ');
        std::vector<Xapian::Query> names{text_query(words)};
        if (auto canonical = lookup_alias(db_, words)) {
            if (text::to_lower_ascii(*canonical) != words) names.push_back(text_query(*canonical));
            names.emplace_back(schema::bounded_term(schema::prefix::kCompany, facet_key(*canonical)));
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, names.begin(), names.end());
    }

private:
    Xapian::Database db_;
};

// "NEAR", "NEAR/3", "ADJ/2": their operands must stay plain terms, so no rewrite touches them.
bool proximity_operator(std::string_view w) { return w.rfind("NEAR", 0) == 0 || w.rfind("ADJ", 0) == 0; }

bool plain_word(const std::string& w) {
    if (w.empty() || w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ") return false;
    return std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isalnum(c) || c == '&' || c == '.'; });
}

// Rewrites runs of bare words that name an indexed company ("facebook",
// "goldman sachs") as `zalias:facebook` / `zalias:goldman_sachs`, longest name
// first. Quoted text, field values and operators are left alone.
std::string route_aliases(const Xapian::Database& db, const std::string& q) {
    std::vector<std::string> tokens;  // split on spaces; quoted phrases stay whole
    for (std::size_t i = 0; i < q.size();) {
        if (q[i] == ' ') { ++i; continue; }
        std::size_t j = i;
        if (q[i] == '"') {
            j = q.find('"', i + 1);
            j = j == std::string::npos ? q.size() : j + 1;
        } else {
            while (j < q.size() && q[j] != ' ') ++j;
        }
        tokens.push_back(q.substr(i, j - i));
        i = j;
    }
    std::string out;
    for (std::size_t i = 0; i < tokens.size();) {
        std::size_t taken = 0;
        std::string canonical_words;
        for (std::size_t n = std::min<std::size_t>(4, tokens.size() - i); n >= 1 && !taken; --n) {
            std::string words;
            bool ok = true;
            for (std::size_t k = i; k < i + n && ok; ++k) {
                ok = plain_word(tokens[k]);
                words += (words.empty() ? "" : " ") + text::to_lower_ascii(tokens[k]);
            }
            // NEAR and ADJ take plain terms only: their operands stay as typed.
            auto proximity = [&](std::size_t k) { return k < tokens.size() && proximity_operator(tokens[k]); };
            if ((i > 0 && proximity(i - 1)) || proximity(i + n)) ok = false;
            if (!ok || (n == 1 && analysis::stopper()(words))) continue;
            bool ambiguous = false;
            auto canonical = lookup_alias(db, words, &ambiguous);
            // A common word ("llama", "target") stays a word: only unambiguous names expand.
            if (canonical && !ambiguous && db.get_termfreq(schema::bounded_term(schema::prefix::kCompany, facet_key(*canonical))) > 0) {
                taken = n;
                canonical_words = words;
            }
        }
        if (!out.empty()) out += ' ';
        if (taken) {
            std::replace(canonical_words.begin(), canonical_words.end(), ' ', '_');
            out += std::string(kAliasField) + ":" + canonical_words;
            i += taken;
        } else {
            out += tokens[i++];
        }
    }
    return out;
}

constexpr const char* kCompoundField = "zcompound";

// `field:value` for a rewritten word, then a space unless the query goes on with
// a space or ")": Xapian 1.4's parser would read what follows (".1" in "j*.1")
// as a phrase continuing the field's value, and crashes on that in some
// excluded ("-a -j*.1") contexts.
std::string routed(const char* field, const std::string& value, const std::string& q, std::size_t next) {
    bool separated = next >= q.size() || std::isspace(static_cast<unsigned char>(q[next])) || q[next] == ')';
    return std::string(field) + ":" + value + (separated ? "" : " ");
}

// A user who types one of the internal field names above ("zwild:x") gets the
// words, not the field: its processors expect only what the rewrites produce.
std::string neutralize_internal_fields(std::string q) {
    const std::string lower = text::to_lower_ascii(q);
    for (const char* field : {kAliasField, kWildcardField, kCompoundField}) {
        const std::string name = std::string(field) + ":";
        for (std::size_t at = 0; (at = lower.find(name, at)) != std::string::npos; at += name.size())
            q[at + name.size() - 1] = ' ';
    }
    return q;
}

// `zcompound:hiv_positive` (written by route_compounds) -> the words as separate
// terms, plus their phrase as a small bonus. Xapian would make "HIV-positive" a
// strict phrase, so an article saying "HIV" and "positive" apart, or
// "HIV-1-positive", would get nothing for the rare word "HIV".
class CompoundField : public Xapian::FieldProcessor {
public:
    explicit CompoundField(std::vector<CompoundPhrase>& phrases) : phrases_(phrases) {}
    Xapian::Query operator()(const std::string& value) override {
        std::string words = value;
        std::replace(words.begin(), words.end(), '_', ' ');
        std::vector<Xapian::Query> terms = stemmed_terms(words);
        Xapian::Query each(Xapian::Query::OP_OR, terms.begin(), terms.end());
        const double bonus = ranking::config().phrase_bonus;
        if (terms.size() < 2 || bonus <= 0) return each;
        Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
        phrases_.push_back({words, phrase});
        return Xapian::Query(Xapian::Query::OP_OR, each, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, phrase, bonus));
    }

private:
    std::vector<CompoundPhrase>& phrases_;
};

// "+1 nucleosomes", "E2f-1, -2, -3": a sign before a number is part of the
// number, not the required/excluded operator (which would demand or exclude
// every article saying "1"). Signs before words and quotes are operators as typed.
std::string drop_number_signs(const std::string& q) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < q.size(); ++i) {
        if (q[i] == '"') quoted = !quoted;
        bool sign = !quoted && (q[i] == '+' || q[i] == '-') && i + 1 < q.size() &&
                    std::isdigit(static_cast<unsigned char>(q[i + 1])) &&
                    (i == 0 || std::isspace(static_cast<unsigned char>(q[i - 1])) || q[i - 1] == '(');
        if (!sign) out += q[i];
    }
    return out;
}

// "HIV-positive" -> "zcompound:hiv_positive" for hyphenated words that stand
// alone: not quoted, not a field's value ("title:e-mail"), a date range or a
// wildcard, not required or excluded, and not a NEAR/ADJ operand (those take
// plain terms).
std::string route_compounds(const std::string& q) {
    auto alnum = [&](std::size_t k) { return k < q.size() && std::isalnum(static_cast<unsigned char>(q[k])); };
    auto space_or_start = [&](std::size_t k) { return k == 0 || std::isspace(static_cast<unsigned char>(q[k - 1])); };
    auto word_before = [&](std::size_t k) {  // the space-separated word before the one starting at k
        std::size_t space = q.rfind(' ', k);
        std::size_t end = space == std::string::npos ? space : q.find_last_not_of(' ', space);
        if (end == std::string::npos) return std::string_view();
        std::size_t begin = q.rfind(' ', end);
        begin = begin == std::string::npos ? 0 : begin + 1;
        return std::string_view(q).substr(begin, end + 1 - begin);
    };
    auto word_after = [&](std::size_t k) {  // the space-separated word after position k
        std::size_t begin = q.find_first_not_of(" ", k);
        if (begin == std::string::npos) return std::string_view();
        std::size_t end = q.find(' ', begin);
        return std::string_view(q).substr(begin, (end == std::string::npos ? q.size() : end) - begin);
    };
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < q.size();) {
        if (q[i] == '"') quoted = !quoted;
        // After a space or "(": a required or excluded ("+e-mail", "-e-mail") compound stays a phrase.
        bool word_start = !quoted && alnum(i) && (space_or_start(i) || q[i - 1] == '(');
        if (!word_start) {
            out += q[i++];
            continue;
        }
        std::size_t j = i;
        bool hyphenated = false;
        while (alnum(j) || (q[j] == '-' && alnum(j + 1))) hyphenated |= q[j++] == '-';
        bool ends_plainly = j == q.size() || std::isspace(static_cast<unsigned char>(q[j])) || q[j] == ')' ||
                            ((q[j] == '.' || q[j] == ',' || q[j] == ';' || q[j] == '?' || q[j] == '!') && q.compare(j, 2, "..") != 0);
        if (hyphenated && ends_plainly && !proximity_operator(word_before(i)) && !proximity_operator(word_after(j))) {
            std::string words = q.substr(i, j - i);
            std::replace(words.begin(), words.end(), '-', '_');
            out += routed(kCompoundField, text::to_lower_ascii(words), q, j);
        } else {
            out += q.substr(i, j - i);
        }
        i = j;
    }
    return out;
}

// "regul*" -> "zwild:regul" for bare words outside quotes and fields.
std::string route_wildcards(const std::string& q) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < q.size();) {
        if (q[i] == '"') quoted = !quoted;
        bool word_start = !quoted && std::isalnum(static_cast<unsigned char>(q[i])) &&
                          (i == 0 || std::isspace(static_cast<unsigned char>(q[i - 1])) || q[i - 1] == '(' ||
                           q[i - 1] == '+' || q[i - 1] == '-');
        if (word_start) {
            std::size_t j = i;
            while (j < q.size() && std::isalnum(static_cast<unsigned char>(q[j]))) ++j;
            if (j < q.size() && q[j] == '*' && (j + 1 == q.size() || !std::isalnum(static_cast<unsigned char>(q[j + 1])))) {
                out += routed(kWildcardField, text::to_lower_ascii(q.substr(i, j - i)), q, j + 1);
                i = j + 1;
                continue;
            }
        }
        out += q[i++];
    }
    return out;
}

// Xapian 1.4 opens a posting list for every copy of a repeated word, and its
// matcher's time grows with the square of an OR's posting lists (it re-walks
// them all each time one runs out): copies of one word, wildcard or company
// name under an OR or AND become one, its weight scaled by the count, which
// scores the same. Operators with parameters (phrases, NEAR) are left whole.
Xapian::Query merge_repeats(const Xapian::Query& q) {
    using Q = Xapian::Query;
    const Q::op op = q.get_type();
    if (op != Q::OP_OR && op != Q::OP_AND && op != Q::OP_AND_NOT && op != Q::OP_AND_MAYBE && op != Q::OP_FILTER) return q;
    const bool merge = op == Q::OP_OR || op == Q::OP_AND;
    std::vector<Q> subs;
    std::vector<unsigned> copies;
    std::unordered_map<std::string, std::size_t> first;  // a mergeable subquery -> its place in subs
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        Q sub = merge_repeats(q.get_subquery(i));
        std::string key;  // a word without its position in the query, which an OR or AND does not use
        if (merge && sub.get_type() == Q::LEAF_TERM) key = "t" + *sub.get_terms_begin();
        if (merge && sub.get_type() == Q::OP_SYNONYM) key = "s" + sub.serialise();
        if (!key.empty()) {
            auto [at, added] = first.emplace(std::move(key), subs.size());
            if (!added) {
                ++copies[at->second];
                continue;
            }
        }
        subs.push_back(std::move(sub));
        copies.push_back(1);
    }
    for (std::size_t i = 0; i < subs.size(); ++i)
        if (copies[i] > 1) subs[i] = Q(Q::OP_SCALE_WEIGHT, subs[i], copies[i]);
    return Q(op, subs.begin(), subs.end());
}

// What a typed query goes through before Xapian's parser, in order.
std::string rewrite_for_parser(const Xapian::Database& db, const std::string& typed) {
    std::string q = neutralize_internal_fields(typed);  // "zwild:x" typed is words, not our internal field
    q = drop_number_signs(q);                            // "+1", "-2": part of the number, not operators
    q = route_single_days(q);                            // date:D -> date:D..D
    q = route_aliases(db, q);                            // company names in free text -> zalias: synonyms
    q = route_wildcards(q);                              // "regul*" -> zwild:regul, expanded with a budget
    return route_compounds(q);                           // hyphenated words -> words plus a phrase bonus
}

}  // namespace

std::string echo_query(const std::string& query) { return text::shorten(query, 80); }

namespace {

std::string resolve_name(const Xapian::Database& db, const std::string& given) {
    const std::string name = analysis::nfc(given);  // as the indexed names are
    std::string stripped = strip_legal_suffixes(name);
    for (const std::string& form : {name, stripped})
        if (auto c = lookup_alias(db, form)) return *c;
    if (stripped.size() > 4 && text::iequals(stripped.substr(0, 4), "the "))
        if (auto c = lookup_alias(db, stripped.substr(4))) return *c;
    return text::collapse_space(stripped);
}

bool named_by_some_article(const Xapian::Database& db, const std::string& canonical) {
    return db.get_termfreq(schema::bounded_term(schema::prefix::kCompany, facet_key(canonical))) > 0;
}

}  // namespace

std::string resolve_company(const Xapian::Database& db, const std::string& name) {
    std::string canonical = resolve_name(db, name);
    // A name no article carries may be a ticker symbol ("MSFT", "amzn") of one some article names.
    if (!named_by_some_article(db, canonical))
        if (auto company = Gazetteer::builtin_ticker(name))
            if (std::string listed = resolve_name(db, *company); named_by_some_article(db, listed)) return listed;
    return canonical;
}

std::vector<std::string> nearest_companies(const Xapian::Database& db, const std::string& typed, std::size_t limit) {
    const std::string want = facet_key(text::collapse_space(analysis::nfc(typed)));
    if (want.empty()) return {};
    const std::size_t allowed = std::max<std::size_t>(1, want.size() / 3);
    struct Candidate {
        std::size_t distance;
        Xapian::doccount articles;
        std::string name;
    };
    std::vector<Candidate> near;
    // Company names are kFacetName terms: prefix, kind 'c', the value's code, ':', the name.
    const std::string prefix = std::string(schema::prefix::kFacetName) + schema::facet_named("company")->facet;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string& term = *t;
        const std::size_t colon = term.find(':', prefix.size());
        if (colon == std::string::npos) continue;
        std::string name = term.substr(colon + 1);
        const std::string key = facet_key(name);
        std::size_t d = want.size() >= 3 && key.rfind(want, 0) == 0 ? 1 : edit_distance(want, key, static_cast<unsigned>(allowed));
        if (d <= allowed) near.push_back({d, t.get_termfreq(), std::move(name)});
    }
    std::sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) {
        return a.distance != b.distance ? a.distance < b.distance
               : a.articles != b.articles ? a.articles > b.articles : a.name < b.name;
    });
    std::vector<std::string> names;
    for (std::size_t i = 0; i < near.size() && names.size() < limit; ++i)
        if (std::find(names.begin(), names.end(), near[i].name) == names.end()) names.push_back(near[i].name);
    return names;
}

std::string resolve_case(const Xapian::Database& db, const std::string& name) {
    auto canonical = normalize_case_name(analysis::nfc(name), [&](std::string_view party) { return lookup_alias(db, party); });
    if (!canonical)
        throw QueryError("case: expected a case name like 'Kadrey v. Meta' or 'In re X', got '" + name + "'");
    return *canonical;
}

void check_query_limits(const std::string& q) {
    auto fail = [](std::size_t has, std::size_t limit, const char* unit) {
        throw QueryError("query too long: " + std::to_string(has) + " " + unit + ", the limit is " + std::to_string(limit) +
                         " " + unit);
    };
    if (q.size() > kMaxQueryBytes) fail(q.size(), kMaxQueryBytes, "bytes");
    std::size_t words = 0;
    bool in_word = false;
    for (unsigned char c : q) {  // every byte of a multi-byte character counts as a letter
        bool letter = std::isalnum(c) || c >= 0x80;
        words += letter && !in_word;
        in_word = letter;
    }
    if (words > kMaxQueryWords) fail(words, kMaxQueryWords, "words");
}

void check_query_syntax(const std::string& q) {
    auto fail = [&](const std::string& why) { throw QueryError("malformed query '" + echo_query(q) + "': " + why); };
    // Split into words and parentheses, skipping quoted phrases.
    std::vector<std::string> tokens;
    int depth = 0;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) tokens.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < q.size(); ++i) {
        char c = q[i];
        if (c == '"') {
            std::size_t close = q.find('"', i + 1);
            if (close == std::string::npos) fail("unbalanced double quote");
            cur += q.substr(i, close - i + 1);
            i = close;
        } else if (c == '(' || c == ')') {
            flush();
            depth += c == '(' ? 1 : -1;
            if (depth < 0) fail("')' without a matching '('");
            tokens.emplace_back(1, c);
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            flush();
        } else {
            cur += c;
        }
    }
    flush();
    if (depth != 0) fail("'(' without a matching ')'");
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& t = tokens[i];
        bool at_start = i == 0 || tokens[i - 1] == "(";
        bool at_end = i + 1 == tokens.size() || tokens[i + 1] == ")";
        if (is_binary_operator(t)) {
            if (at_start) fail(t + " needs a term before it");
            if (at_end || is_binary_operator(tokens[i + 1])) fail(t + " needs a term after it");
        } else if (t == "NOT" && at_end) {
            fail("NOT needs a term after it");
        } else if (t == "(" && i + 1 < tokens.size() && tokens[i + 1] == ")") {
            fail("empty parentheses");
        }
        for (const schema::Field& field : schema::kFields)
            if (field.typed && t == std::string(field.name) + ":") fail(t + " needs a value");
    }
}

BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db) {
    BuiltQuery built;
    std::string text = text::trim(request.query);
    text::repair_utf8(text);  // the query parser expects UTF-8
    text = analysis::nfc(std::move(text));  // as the indexed text is
    if (!text.empty()) {
        check_query_limits(text);  // first: everything after it is linear in the query or bounded by its words
        check_query_syntax(text);
        Xapian::QueryParser qp;
        analysis::configure(qp);
        qp.set_database(db);
        std::string field_error;
        // The named facets are boolean fields, each its own group: `company:a company:b` is a OR b.
        std::vector<std::string> groups;
        groups.reserve(schema::kFacetKinds);
        for (const schema::Field& field : schema::kFields)
            if (field.typed && field.type == schema::FieldType::Boolean) {
                groups.emplace_back(field.name);
                qp.add_boolean_prefix(std::string(field.name),
                                      (new FacetField(db, field, built.warnings, field_error))->release(), &groups.back());
            }
        qp.add_rangeprocessor((new DateRange(field_error))->release());
        qp.add_prefix(kWildcardField, (new WildcardField(db, field_error))->release());
        qp.add_prefix(kAliasField, (new AliasField(db))->release());
        qp.add_prefix(kCompoundField, (new CompoundField(built.compound_phrases))->release());
        try {
            const std::string rewritten = rewrite_for_parser(db, text);
            built.text = merge_repeats(qp.parse_query(rewritten, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                                                     Xapian::QueryParser::FLAG_PURE_NOT));
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError("malformed query '" + echo_query(text) + "': " + e.get_msg());
        }
        if (!field_error.empty()) throw QueryError(field_error);
        // Only free-text terms rank; "company:meta" alone is a filter (our prefixes start with X).
        for (auto t = built.text.get_unique_terms_begin(); t != built.text.get_unique_terms_end(); ++t)
            if (!(*t).empty() && (*t)[0] != 'X') built.has_text = true;
    }
    const bool no_words = request.query_given && built.text.empty();
    // Not Xapian::Query::MatchAll: that static's reference count is not safe across the
    // server's threads (Xapian's query.h says so); an empty term matches every document too.
    if (built.text.empty()) built.text = Xapian::Query(std::string());

    std::vector<Xapian::Query> filters;
    // --company and --case: OR within each, like the query fields.
    for (const auto& [option, values, field] : {std::tuple{"--company", &request.companies, "company"},
                                                std::tuple{"--case", &request.cases, "case"}}) {
        if (values->empty()) continue;
        const schema::Field& facet = *schema::facet_named(field);
        std::vector<Xapian::Query> terms;
        for (const auto& v : *values) {
            if (facet.entities == &Entities::companies && text::trim(v).empty())
                throw QueryError("--company: expected a company name, got ''");
            terms.emplace_back(facet_term(db, facet, v, option, built.warnings));
        }
        filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    if (!request.date_from.empty() || !request.date_to.empty()) {
        std::string from = request.date_from.empty() ? "" : ymd("--from", request.date_from);
        std::string to = request.date_to.empty() ? "" : ymd("--to", request.date_to);
        if (!from.empty() && !to.empty() && from > to)
            throw QueryError("--from " + request.date_from + " is after --to " + request.date_to);
        if (to.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::slot::kDate, from);
        else if (from.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::slot::kDate, to);
        else filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, from, to);
    }
    if (request.amount_min || request.amount_max) {
        double lo = request.amount_min.value_or(0);
        double hi = request.amount_max.value_or(std::numeric_limits<double>::infinity());
        if (lo > hi) throw QueryError("--amount-min is larger than --amount-max");
        filters.emplace_back((new AmountRangeSource(schema::slot::kAmountsUsd, lo, hi))->release());
    }
    if (request.new_since) filters.push_back(first_indexed_after(*request.new_since));
    if (!filters.empty()) built.filter = Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    if (no_words && filters.empty() && request.like_id.empty())
        throw QueryError("the query '" + echo_query(text) + "' has no searchable words (punctuation and symbols are not "
                         "indexed): add a word, or give only filters (--company, --from...)");
    built.words_ignored = no_words;
    return built;
}

}  // namespace docket
