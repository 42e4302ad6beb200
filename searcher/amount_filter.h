// Filter on money amounts: admits an article when any one of its amounts
// (USD-equivalent [min,max], slot kAmountsUsd) overlaps the requested range.
// A posting source, so it combines with any query and across shards.
#pragma once

#include <xapian.h>

namespace docket {

class AmountRangeSource : public Xapian::ValuePostingSource {
public:
    AmountRangeSource(Xapian::valueno slot, double min, double max);

    void init(const Xapian::Database& db) override;
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    AmountRangeSource* clone() const override;
    std::string name() const override;
    std::string serialise() const override;
    AmountRangeSource* unserialise(const std::string& serialised) const override;
    std::string get_description() const override;

private:
    bool admits(const std::string& packed) const;
    void skip_rejected(double min_wt);

    double min_, max_;
};

}  // namespace docket
