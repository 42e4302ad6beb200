#include "amount_filter.h"

#include "entities/amounts.h"

namespace docket {

AmountRangeSource::AmountRangeSource(Xapian::valueno slot, double min, double max)
    : Xapian::ValuePostingSource(slot), min_(min), max_(max) {}

void AmountRangeSource::init(const Xapian::Database& db) {
    Xapian::ValuePostingSource::init(db);
    set_termfreq_min(0);  // any article with amounts may fall outside the range
    set_maxweight(0);     // a pure filter: adds nothing to scores
}

bool AmountRangeSource::admits(const std::string& packed) const {
    for (const auto& [lo, hi] : unpack_usd_ranges(packed))
        if (hi >= min_ && lo <= max_) return true;
    return false;
}

void AmountRangeSource::skip_rejected(double min_wt) {
    while (!at_end() && !admits(get_value())) Xapian::ValuePostingSource::next(min_wt);
}

void AmountRangeSource::next(double min_wt) {
    Xapian::ValuePostingSource::next(min_wt);
    skip_rejected(min_wt);
}

void AmountRangeSource::skip_to(Xapian::docid did, double min_wt) {
    Xapian::ValuePostingSource::skip_to(did, min_wt);
    skip_rejected(min_wt);
}

bool AmountRangeSource::check(Xapian::docid did, double min_wt) {
    skip_to(did, min_wt);
    return true;
}

AmountRangeSource* AmountRangeSource::clone() const { return new AmountRangeSource(get_slot(), min_, max_); }

std::string AmountRangeSource::name() const { return "Docket.AmountRangeSource"; }

std::string AmountRangeSource::serialise() const {
    std::string lo = Xapian::sortable_serialise(min_), hi = Xapian::sortable_serialise(max_);
    return std::to_string(get_slot()) + " " + std::string(1, static_cast<char>(lo.size())) + lo + hi;
}

AmountRangeSource* AmountRangeSource::unserialise(const std::string& s) const {
    std::size_t space = s.find(' ');
    auto slot = static_cast<Xapian::valueno>(std::stoul(s.substr(0, space)));
    std::size_t len = static_cast<unsigned char>(s[space + 1]);
    double lo = Xapian::sortable_unserialise(s.substr(space + 2, len));
    double hi = Xapian::sortable_unserialise(s.substr(space + 2 + len));
    return new AmountRangeSource(slot, lo, hi);
}

std::string AmountRangeSource::get_description() const {
    return "AmountRangeSource(" + std::to_string(min_) + ".." + std::to_string(max_) + ")";
}

}  // namespace docket
