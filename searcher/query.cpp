#include "query.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <vector>

#include "amount_filter.h"
#include "analysis.h"
#include "cases.h"
#include "facets.h"
#include "gazetteer.h"
#include "ranking.h"
#include "schema.h"
#include "text.h"

namespace docket {
namespace {

// `ambiguous` (if given) is set when the form is also a common word.
std::optional<std::string> lookup_alias(const Xapian::Database& db, std::string_view name, bool* ambiguous = nullptr) {
    std::string form = text::to_lower_ascii(text::collapse_space(name));
    if (form.empty()) return std::nullopt;
    std::string canonical = db.get_metadata(std::string(schema::meta::kAliasPrefix) + form);
    bool marked = !canonical.empty() && canonical[0] == '~';
    if (ambiguous) *ambiguous = marked;
    if (marked) canonical.erase(0, 1);
    if (canonical.empty()) return std::nullopt;
    return canonical;
}

// `company:Facebook`, `company:"Meta Platforms, Inc."` -> the Meta facet term.
class CompanyField : public Xapian::FieldProcessor {
public:
    explicit CompanyField(Xapian::Database db) : db_(std::move(db)) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(schema::bounded_term(schema::prefix::kCompany, facet_key(resolve_company(db_, value))));
    }

private:
    Xapian::Database db_;
};

// An exception must not cross QueryParser::parse_query (its parser state is not
// exception-safe): a bad case name is remembered here and reported after parsing.
class CaseField : public Xapian::FieldProcessor {
public:
    CaseField(Xapian::Database db, std::string& error) : db_(std::move(db)), error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        try {
            return Xapian::Query(schema::bounded_term(schema::prefix::kCase, facet_key(resolve_case(db_, value))));
        } catch (const QueryError& e) {
            if (error_.empty()) error_ = e.what();
            return Xapian::Query::MatchNothing;
        }
    }

private:
    Xapian::Database db_;
    std::string& error_;
};

std::string ymd(const std::string& option, const std::string& value) {
    std::string date = text::normalize_date(value);
    if (date.empty()) throw QueryError(option + ": expected a date like 2025-01-31, got '" + value + "'");
    return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

bool is_binary_operator(const std::string& w) {
    return w == "AND" || w == "OR" || w == "XOR" || w == "NEAR" || w == "ADJ" || w.rfind("NEAR/", 0) == 0 ||
           w.rfind("ADJ/", 0) == 0;
}

constexpr const char* kWildcardField = "zwild";

// `zwild:regul` (written by route_wildcards for "regul*") -> every indexed stem
// starting "regul", as one synonym. Expanded here from the whole collection's
// term list, not by each shard's matcher, so one index and any split of it into
// shards weigh the expansion alike.
class WildcardField : public Xapian::FieldProcessor {
public:
    WildcardField(Xapian::Database db, std::string& error) : db_(std::move(db)), error_(error) {}
    Xapian::Query operator()(const std::string& value) override {
        constexpr std::size_t kMaxExpansion = 5000;
        const std::string prefix = "Z" + value;
        std::vector<Xapian::Query> terms;
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
            if (terms.size() == kMaxExpansion) {
                if (error_.empty()) error_ = "'" + value + "*' matches more than " + std::to_string(kMaxExpansion) + " words: make it longer";
                return Xapian::Query::MatchNothing;
            }
            terms.emplace_back(*t);
        }
        if (terms.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }

private:
    Xapian::Database db_;
    std::string& error_;
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

}  // namespace

std::string resolve_company(const Xapian::Database& db, const std::string& given) {
    const std::string name = analysis::nfc(given);  // as the indexed names are
    std::string stripped = strip_legal_suffixes(name);
    for (const std::string& form : {name, stripped})
        if (auto c = lookup_alias(db, form)) return *c;
    if (stripped.size() > 4 && text::iequals(stripped.substr(0, 4), "the "))
        if (auto c = lookup_alias(db, stripped.substr(4))) return *c;
    return text::collapse_space(stripped);
}

std::string resolve_case(const Xapian::Database& db, const std::string& name) {
    auto canonical = normalize_case_name(analysis::nfc(name), [&](std::string_view party) { return lookup_alias(db, party); });
    if (!canonical)
        throw QueryError("case: expected a case name like 'Kadrey v. Meta' or 'In re X', got '" + name + "'");
    return *canonical;
}

void check_query_syntax(const std::string& q) {
    auto fail = [&](const std::string& why) { throw QueryError("malformed query '" + q + "': " + why); };
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
        for (const char* field : {"company:", "case:", "title:", "date:"})
            if (t == field) fail(std::string(field) + " needs a value");
    }
}

BuiltQuery build_query(const SearchRequest& request, const Xapian::Database& db) {
    BuiltQuery built;
    std::string text = text::trim(request.query);
    text::repair_utf8(text);  // the query parser expects UTF-8
    text = analysis::nfc(std::move(text));  // as the indexed text is
    if (!text.empty()) {
        check_query_syntax(text);
        Xapian::QueryParser qp;
        analysis::configure(qp);
        qp.set_database(db);
        const std::string company_group = "company", case_group = "case";
        qp.add_boolean_prefix("company", (new CompanyField(db))->release(), &company_group);
        std::string field_error;
        qp.add_boolean_prefix("case", (new CaseField(db, field_error))->release(), &case_group);
        qp.add_rangeprocessor((new Xapian::DateRangeProcessor(schema::slot::kDate, "date:"))->release());
        qp.add_prefix(kWildcardField, (new WildcardField(db, field_error))->release());
        qp.add_prefix(kAliasField, (new AliasField(db))->release());
        qp.add_prefix(kCompoundField, (new CompoundField(built.compound_phrases))->release());
        try {
            built.text = qp.parse_query(route_compounds(route_wildcards(route_aliases(db, drop_number_signs(neutralize_internal_fields(text))))), Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                                   Xapian::QueryParser::FLAG_PURE_NOT);
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError("malformed query '" + text + "': " + e.get_msg());
        }
        if (!field_error.empty()) throw QueryError(field_error);
        // Only free-text terms rank; "company:meta" alone is a filter (our prefixes start with X).
        for (auto t = built.text.get_unique_terms_begin(); t != built.text.get_unique_terms_end(); ++t)
            if (!(*t).empty() && (*t)[0] != 'X') built.has_text = true;
    }
    if (built.text.empty()) built.text = Xapian::Query::MatchAll;

    std::vector<Xapian::Query> filters;
    auto any_of_terms = [&](std::string_view prefix, const std::vector<std::string>& keys) {
        std::vector<Xapian::Query> terms;
        for (const auto& k : keys) terms.emplace_back(schema::bounded_term(prefix, facet_key(k)));
        filters.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    if (!request.companies.empty()) {
        std::vector<std::string> names;
        for (const auto& c : request.companies) names.push_back(resolve_company(db, c));
        any_of_terms(schema::prefix::kCompany, names);
    }
    if (!request.cases.empty()) {
        std::vector<std::string> names;
        for (const auto& c : request.cases) names.push_back(resolve_case(db, c));
        any_of_terms(schema::prefix::kCase, names);
    }
    if (!request.date_from.empty() || !request.date_to.empty()) {
        std::string from = request.date_from.empty() ? "" : ymd("--from", request.date_from);
        std::string to = request.date_to.empty() ? "" : ymd("--to", request.date_to);
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
    if (!filters.empty()) built.filter = Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    return built;
}

}  // namespace docket
