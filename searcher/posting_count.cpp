#include "posting_count.h"

#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include "index/schema.h"
#include "search.h"

namespace docket {
namespace {

constexpr Xapian::docid kEnd = std::numeric_limits<Xapian::docid>::max();

// A set of docids read in increasing order.
class Docs {
  public:
    virtual ~Docs() = default;
    // The first docid >= d in the set, or kEnd. Calls come with non-decreasing d.
    virtual Xapian::docid from(Xapian::docid d) = 0;
};

class TermDocs : public Docs {
  public:
    TermDocs(const Xapian::Database& db, const std::string& term) : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {}
    Xapian::docid from(Xapian::docid d) override {
        if (it_ == end_) return kEnd;
        it_.skip_to(d);
        return it_ == end_ ? kEnd : *it_;
    }

  private:
    Xapian::PostingIterator it_, end_;
};

using DocsList = std::vector<std::unique_ptr<Docs>>;

class OrDocs : public Docs {
  public:
    explicit OrDocs(DocsList kids) : kids_(std::move(kids)), at_(kids_.size(), 0) {}
    Xapian::docid from(Xapian::docid d) override {
        Xapian::docid first = kEnd;
        for (std::size_t i = 0; i < kids_.size(); ++i) {
            if (at_[i] < d) at_[i] = kids_[i]->from(d);
            first = std::min(first, at_[i]);
        }
        return first;
    }

  private:
    DocsList kids_;
    std::vector<Xapian::docid> at_;  // each one's last answer (kEnd once it has run out)
};

class AndDocs : public Docs {
  public:
    explicit AndDocs(DocsList kids) : kids_(std::move(kids)) {}
    Xapian::docid from(Xapian::docid d) override {
        for (bool agreed = false; !agreed;) {  // until every one is on the same docid
            agreed = true;
            for (auto& kid : kids_) {
                const Xapian::docid x = kid->from(d);
                if (x == kEnd) return kEnd;
                if (x != d) agreed = false, d = x;
            }
        }
        return d;
    }

  private:
    DocsList kids_;
};

class AndNotDocs : public Docs {
  public:
    AndNotDocs(std::unique_ptr<Docs> left, std::unique_ptr<Docs> right) : left_(std::move(left)), right_(std::move(right)) {}
    Xapian::docid from(Xapian::docid d) override {
        for (Xapian::docid x = left_->from(d);; x = left_->from(x + 1))
            if (x == kEnd || right_->from(x) != x) return x;
    }

  private:
    std::unique_ptr<Docs> left_, right_;
};

// An OR's cost per match grows with its terms: long queries keep Xapian's matcher.
constexpr std::size_t kMostKids = 64;

// The match set of `q` as posting list readers, or nullptr for another shape.
std::unique_ptr<Docs> docs_of(const Xapian::Database& db, const Xapian::Query& q) {
    const auto type = q.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
        // Query(""), every document, names no term.
        auto t = q.get_terms_begin();
        return std::make_unique<TermDocs>(db, t == q.get_terms_end() ? std::string() : *t);
    }
    if (type == Xapian::Query::LEAF_MATCH_ALL) return std::make_unique<TermDocs>(db, std::string());
    const std::size_t n = q.get_num_subqueries();
    if (n == 0 || n > kMostKids) return nullptr;
    // These two match what their first part matches; the rest only weighs.
    if (type == Xapian::Query::OP_AND_MAYBE || type == Xapian::Query::OP_SCALE_WEIGHT) return docs_of(db, q.get_subquery(0));
    DocsList kids;
    for (std::size_t i = 0; i < n; ++i) {
        auto kid = docs_of(db, q.get_subquery(i));
        if (!kid) return nullptr;
        kids.push_back(std::move(kid));
    }
    switch (type) {
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
            return std::make_unique<OrDocs>(std::move(kids));
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
            return std::make_unique<AndDocs>(std::move(kids));
        case Xapian::Query::OP_AND_NOT: {
            auto left = std::move(kids.front());
            kids.erase(kids.begin());
            return std::make_unique<AndNotDocs>(std::move(left), std::make_unique<OrDocs>(std::move(kids)));
        }
        default:
            return nullptr;
    }
}

// One value slot read along the matches, in docid order.
class SlotReader {
  public:
    SlotReader(const Xapian::Database& db, Xapian::valueno slot, bool wanted)
        : it_(wanted ? db.valuestream_begin(slot) : db.valuestream_end(slot)), end_(db.valuestream_end(slot)) {}
    // Match `d`'s value, empty when it has none.
    std::string_view at(Xapian::docid d) {
        value_.clear();
        if (it_ == end_) return value_;
        if (it_.get_docid() < d) it_.skip_to(d);
        if (it_ != end_ && it_.get_docid() == d) value_ = *it_;
        return value_;
    }

  private:
    Xapian::ValueIterator it_;
    const Xapian::ValueIterator end_;
    std::string value_;
};

// Where a shard's documents are in the set searched: docid d of shard `shard` (from 0) of
// `shards` is the set's (d - 1) * shards + shard + 1, as Xapian interleaves them.
struct Interleave {
    Xapian::docid shards = 1, shard = 0;
    Xapian::docid of(Xapian::docid d) const { return (d - 1) * shards + shard + 1; }
};

bool count_postings(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid first, Xapian::docid last,
                    std::optional<std::chrono::steady_clock::time_point> deadline, const MatchCounters& counters,
                    Interleave in_set, Xapian::doccount& matches) {
    std::unique_ptr<Docs> docs = docs_of(db, query);
    if (!docs) return false;
    SlotReader codes(db, schema::slot::kFacetCodes, counters.facets || counters.summary);
    SlotReader dated(db, schema::slot::kDatedAmounts, counters.timeline || counters.summary);
    Xapian::doccount n = 0;
    for (Xapian::docid d = docs->from(std::max<Xapian::docid>(first, 1)); d != kEnd && d <= last; d = docs->from(d + 1)) {
        if ((n++ & 255) == 0 && deadline && std::chrono::steady_clock::now() > *deadline)
            throw SearchTimeout("the search ran past the server's time limit");
        const std::string_view facet_codes = codes.at(d), dated_amounts = dated.at(d);
        if (counters.facets) counters.facets->count(facet_codes);
        if (counters.timeline) counters.timeline->count(dated_amounts);
        if (counters.summary) counters.summary->count(in_set.of(d), facet_codes, dated_amounts, nullptr);
    }
    matches = n;
    return true;
}

}  // namespace

bool count_from_postings(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid first,
                         Xapian::docid last, std::optional<std::chrono::steady_clock::time_point> deadline,
                         const MatchCounters& counters, Xapian::doccount& matches) {
    return count_postings(db, query, first, last, deadline, counters, {}, matches);
}

bool count_shards_from_postings(const std::vector<Xapian::Database>& shards, const Xapian::Query& query,
                                std::optional<std::chrono::steady_clock::time_point> deadline,
                                const MatchCounters& counters, Xapian::doccount& matches) {
    Xapian::doccount total = 0;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const Interleave in_set{static_cast<Xapian::docid>(shards.size()), static_cast<Xapian::docid>(i)};
        Xapian::doccount n = 0;
        // The query's shape alone decides, so only the first shard can turn it down.
        if (!count_postings(shards[i], query, 1, shards[i].get_lastdocid(), deadline, counters, in_set, n)) {
            if (i > 0) throw std::logic_error("count_shards_from_postings: shards disagree");
            return false;
        }
        total += n;
    }
    matches = total;
    return true;
}

}  // namespace docket
