// When each article was first indexed (slot kFirstIndexed), so that a saved search can show
// exactly the articles added since it was last checked. Every commit gives the articles it
// adds a stamp larger than any the index gave before and records it (meta kCommitStamp); an
// article of a changed file keeps the stamp it was first given.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include <xapian.h>

namespace docket {

class FirstIndexedStamps {
public:
    explicit FirstIndexedStamps(const Xapian::Database& db);  // continues after the index's last stamp

    // The stamp of the articles the next commit adds.
    const std::string& current() const { return current_; }
    // Writes the current stamp (and an index id, when the index has none) into `db`'s metadata.
    void record(Xapian::WritableDatabase& db) const;
    // record(), commit, then a larger stamp for the articles of the next commit.
    void commit(Xapian::WritableDatabase& db);

private:
    std::uint64_t value_ = 0;  // microseconds since 1970, or one more than the last stamp
    std::string current_;
};

// Article id term -> first-indexed stamp, of the indexed articles of one file (before they
// are replaced by its new version).
using EarlierStamps = std::unordered_map<std::string, std::string>;
EarlierStamps first_indexed_of_file(const Xapian::Database& db, const std::string& file_term);

// Gives a new document its first-indexed stamp: the one its id had before, else `stamp`.
// An article indexed before stamps existed keeps having none.
void stamp_first_indexed(Xapian::Document& doc, const EarlierStamps& earlier, const std::string& stamp);

}  // namespace docket
