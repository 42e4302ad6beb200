// Facet values: how an article's companies, cases and amount buckets are packed
// into one value slot each, and the match spy that counts them over all matches.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace docket {

// "a\nb\n": every value followed by '\n' (values never contain a newline).
std::string pack_list(const std::vector<std::string>& values);
std::vector<std::string> unpack_list(std::string_view packed);

// Index keys of facet values: lower-cased canonical names (see schema.h prefixes).
std::string facet_key(std::string_view canonical);

// Counts the packed values of several slots over every document it is shown.
// Reading one value slot per facet costs far less per match than walking each
// document's term list. Serialisable, so counts merge across remote shards.
class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(std::vector<Xapian::valueno> slots);

    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    Xapian::MatchSpy* unserialise(const std::string& serialised, const Xapian::Registry&) const override;
    std::string serialise_results() const override;
    void merge_results(const std::string& serialised) override;

    // Value -> number of matching documents carrying it, for one slot.
    const std::map<std::string, Xapian::doccount>& counts(Xapian::valueno slot) const;
    Xapian::doccount documents_seen() const { return seen_; }

private:
    std::vector<Xapian::valueno> slots_;
    std::map<Xapian::valueno, std::map<std::string, Xapian::doccount>> counts_;
    Xapian::doccount seen_ = 0;
};

struct FacetCount {
    std::string value;
    Xapian::doccount count;
};
// Most frequent first, then by value: deterministic output.
std::vector<FacetCount> sorted_by_count(const std::map<std::string, Xapian::doccount>& counts);

}  // namespace docket
