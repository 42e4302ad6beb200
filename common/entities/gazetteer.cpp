#include "entities/gazetteer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>
#include <cstdio>
#include <stdexcept>

#include "text/analysis.h"
#include "text/read_file.h"
#include "text/text.h"
#include "text/word_set.h"

namespace docket {

extern const unsigned char kBuiltinGazetteerTsv[];  // generated from data/companies.tsv
extern const std::size_t kBuiltinGazetteerTsvSize;
extern const unsigned char kBuiltinTickersTsv[];  // generated from data/tickers.tsv
extern const std::size_t kBuiltinTickersTsvSize;
extern const unsigned char kBuiltinGlobalCompaniesTsv[];  // generated from data/companies-global.tsv
extern const std::size_t kBuiltinGlobalCompaniesTsvSize;

namespace {

std::vector<std::string> token_strings(std::string_view s) {
    std::vector<std::string> out;
    for (const auto& t : text::tokenize(s)) out.emplace_back(s.substr(t.begin, t.end - t.begin));
    return out;
}

}  // namespace

bool is_legal_suffix(std::string_view w) {
    static const text::WordSet suffixes = {
        "Inc", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "LLC", "plc", "PLC",
        "LP", "L.P", "LLP", "AG", "SA", "S.A", "NV", "N.V", "SE", "PBC", "Holdings", "Group",
        "GmbH", "Incorporated", "INC", "CORP", "CO", "LTD", "Llc", "Lp", "Llp", "PLLC", "Pllc",
        "L.L.C", "L.L.P", "P.C", "N.A", "Plc"};
    // Called on every token: rule most out by length and first letter before hashing.
    if (w.size() < 2 || w.size() > 12 || !(std::isupper(static_cast<unsigned char>(w[0])) || w[0] == 'p')) return false;
    return suffixes.count(w) != 0;
}

std::string strip_legal_suffixes(std::string_view name) {
    std::string s = text::trim(name);
    for (bool changed = true; changed;) {
        changed = false;
        auto toks = text::tokenize(s);
        // Drop a trailing '.', ',' or '&'; then a trailing "et al" or legal suffix.
        while (!toks.empty() && !toks.back().word &&
               (s[toks.back().begin] == '.' || s[toks.back().begin] == ',' || s[toks.back().begin] == '&')) {
            toks.pop_back();
            s.resize(toks.empty() ? 0 : toks.back().end);
            changed = true;
        }
        // "Merrill Lynch and" (from "... and Co"): the joiner of a dropped suffix goes too.
        if (toks.size() >= 2 && std::string_view(s.data() + toks.back().begin, toks.back().end - toks.back().begin) == "and") {
            s.resize(toks[toks.size() - 2].end);
            changed = true;
            continue;
        }
        if (toks.size() >= 3) {
            std::string_view last(s.data() + toks.back().begin, toks.back().end - toks.back().begin);
            std::string_view prev(s.data() + toks[toks.size() - 2].begin,
                                  toks[toks.size() - 2].end - toks[toks.size() - 2].begin);
            if (last == "al" && prev == "et") {
                s.resize(toks[toks.size() - 3].end);
                changed = true;
                continue;
            }
        }
        if (toks.size() >= 2) {
            std::string_view last(s.data() + toks.back().begin, toks.back().end - toks.back().begin);
            // "Group" and "Holdings" are often part of the name itself ("Concord Music Group").
            if (is_legal_suffix(last) && last != "Group" && last != "Holdings") {
                s.resize(toks[toks.size() - 2].end);
                changed = true;
            }
        }
        s = text::trim(s);
    }
    return s;
}

std::optional<std::string> Gazetteer::builtin_ticker(std::string_view symbol) {
    static const std::unordered_map<std::string, std::string> by_symbol = [] {
        std::unordered_map<std::string, std::string> m;
        std::string_view data(reinterpret_cast<const char*>(kBuiltinTickersTsv), kBuiltinTickersTsvSize);
        for (std::size_t start = 0; start < data.size();) {
            std::size_t end = data.find('\n', start);
            if (end == std::string_view::npos) end = data.size();
            std::string_view line = data.substr(start, end - start);
            start = end + 1;
            const std::size_t tab = line.find('\t');
            if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
            m.emplace(text::to_lower_ascii(line.substr(0, tab)), std::string(line.substr(tab + 1)));
        }
        return m;
    }();
    auto it = by_symbol.find(text::to_lower_ascii(text::trim(symbol)));
    if (it == by_symbol.end()) return std::nullopt;
    return it->second;
}

const Gazetteer& Gazetteer::builtin() {
    static const Gazetteer g = [] {
        Gazetteer x;
        x.load(std::string_view(reinterpret_cast<const char*>(kBuiltinGazetteerTsv), kBuiltinGazetteerTsvSize),
               "built-in gazetteer");
        // Companies of other markets than the US listings (European, Asian, private, historical).
        x.load(std::string_view(reinterpret_cast<const char*>(kBuiltinGlobalCompaniesTsv), kBuiltinGlobalCompaniesTsvSize),
               "built-in gazetteer (global companies)");
        return x;
    }();
    return g;
}

std::uint32_t Gazetteer::company_id(const std::string& canonical) {
    auto [it, inserted] = id_by_name_.emplace(canonical, static_cast<std::uint32_t>(names_.size()));
    if (inserted) names_.push_back(canonical);
    return it->second;
}

void Gazetteer::add_surface(std::string_view form, std::uint32_t company, bool ambiguous) {
    Surface s;
    s.tokens = token_strings(form);
    if (s.tokens.empty()) return;
    s.company = company;
    s.ambiguous = ambiguous;
    std::uint32_t& list = list_of_first_token_[text::fnv1a(s.tokens[0])];
    if (list == 0) {
        first_token_lists_.emplace_back();
        list = static_cast<std::uint32_t>(first_token_lists_.size());
    }
    auto& bucket = first_token_lists_[list - 1];
    // The same form listed twice keeps its first company.
    for (std::uint32_t idx : bucket)
        if (surfaces_[idx].tokens == s.tokens) return;
    auto idx = static_cast<std::uint32_t>(surfaces_.size());
    surfaces_.push_back(std::move(s));
    bucket.push_back(idx);
    std::stable_sort(bucket.begin(), bucket.end(), [&](std::uint32_t a, std::uint32_t b) {
        return surfaces_[a].tokens.size() > surfaces_[b].tokens.size();
    });
    std::string lower = text::to_lower_ascii(text::collapse_space(form));
    if (by_lower_.emplace(lower, company).second && ambiguous) ambiguous_lower_.insert(lower);
}

void Gazetteer::load(std::string_view tsv, std::string_view origin) {
    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= tsv.size()) {
        std::size_t nl = tsv.find('\n', pos);
        if (nl == std::string_view::npos) nl = tsv.size();
        std::string line(tsv.substr(pos, nl - pos));
        pos = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string trimmed = text::trim(line);
        if (trimmed.empty() || trimmed[0] == '#') continue;
        fingerprint_ = text::fnv1a(line, fingerprint_);
        std::size_t tab = line.find('\t');
        std::string canonical = text::trim(line.substr(0, tab));
        bool canonical_ambiguous = !canonical.empty() && canonical[0] == '~';
        if (canonical_ambiguous) canonical = text::trim(canonical.substr(1));
        if (canonical.empty() || !text::is_valid_utf8(line)) {
            throw std::runtime_error(std::string(origin) + ":" + std::to_string(line_no) +
                                     ": expected 'Canonical Name<TAB>alias|alias...'");
        }
        std::uint32_t id = company_id(canonical);
        add_surface(canonical, id, canonical_ambiguous);
        if (tab == std::string::npos) continue;
        std::string_view aliases(line);
        aliases.remove_prefix(tab + 1);
        while (!aliases.empty()) {
            std::size_t bar = aliases.find('|');
            std::string alias = text::trim(aliases.substr(0, bar));
            aliases.remove_prefix(bar == std::string_view::npos ? aliases.size() : bar + 1);
            bool ambiguous = !alias.empty() && alias[0] == '~';
            if (ambiguous) alias = text::trim(alias.substr(1));
            if (!alias.empty()) add_surface(alias, id, ambiguous);
        }
    }
}

void Gazetteer::load_file(const std::string& path) {
    std::string tsv;
    if (text::read_whole_file(path, tsv) != text::ReadStatus::Ok) throw std::runtime_error(path + ": cannot read gazetteer file");
    load(analysis::nfc(std::move(tsv)), path);  // NFC like the article text it is matched against
}

const std::vector<std::uint32_t>* Gazetteer::starting_with(std::string_view first) const {
    const auto* list = list_of_first_token_.find(text::fnv1a(first));
    if (!list) return nullptr;
    const auto& surfaces = first_token_lists_[*list - 1];
    // (A hash collision is checked against the list's own first token.)
    return surfaces_[surfaces[0]].tokens[0] == first ? &surfaces : nullptr;
}

std::optional<std::string> Gazetteer::canonical_for(std::string_view name) const {
    for (const std::string& form : {text::collapse_space(name), strip_legal_suffixes(name)}) {
        auto it = by_lower_.find(text::to_lower_ascii(form));
        if (it != by_lower_.end()) return names_[it->second];
    }
    return std::nullopt;
}

std::string Gazetteer::version() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fingerprint_));
    return buf;
}

}  // namespace docket
