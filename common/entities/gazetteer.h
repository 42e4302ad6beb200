// The company gazetteer: canonical company names and the surface forms (aliases)
// that refer to them, loaded from a TSV data file (format in data/README.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/flat_map.h"
#include "text/hash.h"

namespace docket {

class Gazetteer {
public:
    struct Surface {
        std::vector<std::string> tokens;  // as text::tokenize() splits the form
        std::uint32_t company = 0;        // index into names()
        bool ambiguous = false;           // a common word: needs company context
    };

    // The gazetteer compiled into the binaries (common/entities/data/companies.tsv).
    static const Gazetteer& builtin();
    // The canonical name of the company a ticker symbol stands for ("msft" or
    // "MSFT" -> "Microsoft"), from the built-in data/tickers.tsv.
    static std::optional<std::string> builtin_ticker(std::string_view symbol);

    // Adds the entries of a TSV text; later entries for the same canonical name
    // add surface forms. Throws std::runtime_error naming origin and line on bad input.
    void load(std::string_view tsv, std::string_view origin);
    void load_file(const std::string& path);

    const std::vector<std::string>& names() const { return names_; }
    // Index of a canonical name in names(); the name must be one of them.
    std::uint32_t id_of(const std::string& canonical) const { return id_by_name_.at(canonical); }
    const std::vector<Surface>& surfaces() const { return surfaces_; }
    // Surface indices whose first token is `first`, longest first.
    const std::vector<std::uint32_t>* starting_with(std::string_view first) const;
    // Canonical name for a whole string matched case-insensitively against
    // canonical names and surface forms (legal suffixes stripped), if any.
    std::optional<std::string> canonical_for(std::string_view name) const;
    // Every lower-cased surface form with its canonical name (for the index's alias table).
    const std::unordered_map<std::string, std::uint32_t>& lower_forms() const { return by_lower_; }
    // True when the lower-cased form is listed as ambiguous ("~" in the TSV): a common word.
    bool is_ambiguous_form(const std::string& lower) const { return ambiguous_lower_.count(lower) > 0; }
    // A short fingerprint of the loaded data, recorded in the index.
    std::string version() const;

private:
    std::uint32_t company_id(const std::string& canonical);
    void add_surface(std::string_view form, std::uint32_t company, bool ambiguous);

    std::vector<std::string> names_;
    std::unordered_map<std::string, std::uint32_t> id_by_name_;
    std::vector<Surface> surfaces_;
    // Surface indices by first token (longest first), found by the token's FNV-1a hash:
    // a lookup per word costs no string hashing or compare. Indices, not pointers, so a
    // copy of the gazetteer (the built-in one plus the user's files) stays whole.
    std::vector<std::vector<std::uint32_t>> first_token_lists_;
    text::FlatMap64<std::uint32_t> list_of_first_token_;  // hash -> index + 1 into first_token_lists_
    std::unordered_map<std::string, std::uint32_t> by_lower_;
    std::unordered_set<std::string> ambiguous_lower_;
    std::uint64_t fingerprint_ = text::kFnvOffsetBasis;
};

// Strips trailing legal suffixes ("Inc.", ", Corp", "PBC", "S.A." ...) and
// "et al." from a company or party name.
std::string strip_legal_suffixes(std::string_view name);
// True for a legal-form word as tokenized ("Inc", "Corp", "LLC", "S.A" ...).
bool is_legal_suffix(std::string_view word);

}  // namespace docket
