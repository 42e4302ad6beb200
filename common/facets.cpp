#include "facets.h"

#include <algorithm>
#include <sstream>

#include "text.h"

namespace docket {

std::string pack_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        out += v;
        out += '\n';
    }
    return out;
}

std::vector<std::string> unpack_list(std::string_view packed) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = packed.find('\n', start)) != std::string_view::npos; start = nl + 1)
        out.emplace_back(packed.substr(start, nl - start));
    return out;
}

std::string facet_key(std::string_view canonical) { return text::to_lower_ascii(canonical); }

FacetSpy::FacetSpy(std::vector<Xapian::valueno> slots) : slots_(std::move(slots)) {
    for (auto s : slots_) counts_[s];
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    for (auto slot : slots_) {
        std::string packed = doc.get_value(slot);
        auto& counts = counts_[slot];
        std::size_t start = 0;
        for (std::size_t nl; (nl = packed.find('\n', start)) != std::string::npos; start = nl + 1)
            ++counts[packed.substr(start, nl - start)];
    }
}

Xapian::MatchSpy* FacetSpy::clone() const { return new FacetSpy(slots_); }

std::string FacetSpy::name() const { return "Docket.FacetSpy"; }

std::string FacetSpy::serialise() const {
    std::string out;
    for (auto s : slots_) out += std::to_string(s) + " ";
    return out;
}

Xapian::MatchSpy* FacetSpy::unserialise(const std::string& serialised, const Xapian::Registry&) const {
    std::istringstream in(serialised);
    std::vector<Xapian::valueno> slots;
    for (Xapian::valueno s; in >> s;) slots.push_back(s);
    return new FacetSpy(slots);
}

// Lines: "seen <n>", then "<slot>\t<count>\t<value>" (values hold no '\n' or '\t').
std::string FacetSpy::serialise_results() const {
    std::string out = "seen " + std::to_string(seen_) + "\n";
    for (const auto& [slot, counts] : counts_)
        for (const auto& [value, n] : counts)
            out += std::to_string(slot) + "\t" + std::to_string(n) + "\t" + value + "\n";
    return out;
}

void FacetSpy::merge_results(const std::string& serialised) {
    std::istringstream in(serialised);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("seen ", 0) == 0) {
            seen_ += static_cast<Xapian::doccount>(std::stoul(line.substr(5)));
            continue;
        }
        auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        if (t1 == std::string::npos || t2 == std::string::npos) continue;
        auto slot = static_cast<Xapian::valueno>(std::stoul(line.substr(0, t1)));
        counts_[slot][line.substr(t2 + 1)] += static_cast<Xapian::doccount>(std::stoul(line.substr(t1 + 1, t2 - t1 - 1)));
    }
}

const std::map<std::string, Xapian::doccount>& FacetSpy::counts(Xapian::valueno slot) const {
    static const std::map<std::string, Xapian::doccount> empty;
    auto it = counts_.find(slot);
    return it == counts_.end() ? empty : it->second;
}

std::vector<FacetCount> sorted_by_count(const std::map<std::string, Xapian::doccount>& counts) {
    std::vector<FacetCount> out;
    for (const auto& [v, n] : counts) out.push_back({v, n});
    std::stable_sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    return out;
}

}  // namespace docket
