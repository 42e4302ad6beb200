// Saved searches and what is new since each was last checked (searcher --save/--saved/--new,
// and the server's /api/saved). A saved search is a query with its filters, kept in a JSON
// file beside the index, with the point up to which its matches were seen: per index (shard),
// the commit stamp that index had when the search was last checked. Its new matches are the
// articles first indexed after that stamp (slot kFirstIndexed), exact across incremental
// runs, re-runs and shards, because every index stamps its commits in increasing order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "index_set.h"
#include "request.h"

namespace docket {

// Per index id (meta kIndexId; "" for an index written before ids): the stamp seen up to.
using SeenStamps = std::map<std::string, std::string>;

struct SavedSearch {
    std::string name;
    std::string query;
    std::vector<std::string> companies, cases;
    std::string amount_min, amount_max;  // as typed ("1B", "€600m")
    std::string date_from, date_to;      // "YYYY-MM-DD"
    std::string saved_at, checked_at;    // UTC, "2026-12-07T16:05:00Z"
    SeenStamps seen;
};

// The file of saved searches. A missing file holds none; an unreadable or malformed one is a
// QueryError naming it (it is never overwritten then), and so is the path "".
class SavedSearches {
public:
    explicit SavedSearches(std::string path);

    const std::string& path() const { return path_; }
    const std::vector<SavedSearch>& all() const { return searches_; }
    // The search of that name; throws QueryError naming the known ones when there is none.
    const SavedSearch& named(const std::string& name) const;
    // Adds the search, or replaces the one of the same name (true when replaced).
    bool put(SavedSearch search);
    // Writes the whole file (a new file renamed over the old: never half written).
    void write() const;

private:
    std::string path_;
    std::vector<SavedSearch> searches_;
};

// Where the saved searches of these indexes live unless --saved-file says: beside the first
// index, "<path>.saved.json"; "" when no local index is given (SavedSearches then refuses).
std::string default_saved_file(const std::vector<std::string>& databases);

// A NAME is 1 to 64 characters: letters, digits, '-', '_', '.'. Throws QueryError otherwise.
void check_saved_name(const std::string& name);

// The saved query and filters in `request` (display options stay as they are); with
// `only_new`, also restricted to the articles first indexed since it was last checked.
// Throws QueryError for an amount that no longer parses.
void apply_saved(const SavedSearch& search, bool only_new, SearchRequest& request);

// The stamps the local indexes of `indexes` have now (remote shards: QueryError, since a stock
// xapian-tcpsrv cannot run the first-indexed filter; `what` names the option in the message).
SeenStamps current_stamps(const IndexSet& indexes, const std::string& what);

// The filter "first indexed after the stamp `seen` holds for this index": a posting source,
// so each shard of a set reads its own stamp (an index it does not know: all its articles).
Xapian::Query first_indexed_after(const SeenStamps& seen);

// Now, as saved_at and checked_at are written.
std::string utc_now();

// The search as command-line options, for lists: `"revenue sharing" --company Meta`.
std::string describe_saved(const SavedSearch& search);

// A saved search with the number of its matches first indexed since it was last checked
// (none on remote shards, or when its query no longer runs: then `problem` says why).
struct SavedStatus {
    SavedSearch search;
    std::optional<Xapian::doccount> fresh;
    std::string problem;
};
// Every saved search of `file`, counted over `indexes` (searcher --saved, GET /api/saved).
std::vector<SavedStatus> saved_statuses(IndexSet& indexes, const SavedSearches& file);

// Saves the query and filters of `request` as `name`, seen up to now, after checking that it
// runs; returns how many articles it matches now and whether it replaced one of that name.
struct SaveOutcome {
    Xapian::doccount matches = 0;
    bool replaced = false;
};
SaveOutcome save_search(IndexSet& indexes, const SearchRequest& request, const std::string& amount_min,
                        const std::string& amount_max, const std::string& name, SavedSearches& file);

// Marks the search seen up to `seen` (stamps read before the search that showed its new
// matches: an article committed meanwhile is shown again next time, never missed).
void mark_checked(SavedSearches& file, const std::string& name, const SeenStamps& seen);

}  // namespace docket
