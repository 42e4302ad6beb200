// The databases one search runs over: local indexes, shard sets (stub files)
// and remote shards served by xapian-tcpsrv, in any mix, opened one by one so
// every error names its shard, and searched as one Xapian::Database.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "search.h"

namespace docket {

// An index or shard is missing, unreachable, unreadable or from another schema version.
struct IndexOpenError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct IndexSetOptions {
    std::vector<std::string> paths;    // --db: index directories, shard-set directories, stub files
    std::vector<std::string> remotes;  // --remote HOST:PORT
    unsigned timeout_ms = 10000;       // remote connect and per-operation timeout
    bool allow_partial = false;        // drop unreachable shards (named in missing()) instead of failing
    bool twin = false;                 // keep a second handle on a single local index (see twin())
};

class IndexSet {
public:
    explicit IndexSet(IndexSetOptions options);  // throws IndexOpenError

    const Xapian::Database& database() const { return all_; }
    // With options.twin and a single local index: a second handle on it at the same revision as
    // database(), for a counting match in a second thread (SearchScope::counting). Else nullptr.
    const Xapian::Database* twin() const { return twin_ ? &*twin_ : nullptr; }
    bool has_remote() const;
    // The local shards, at the revision database() reads (remote ones left out).
    std::vector<Xapian::Database> local_databases() const;
    // Several shards whose duplicates one indexer pass marked across all of them
    // (a shard set): that pass's duplicate count. Empty otherwise.
    const std::string& duplicates_across() const { return duplicates_across_; }
    // Shards dropped under allow_partial: the name ("remote HOST:PORT" or a path) and why.
    struct Missing {
        std::string name, reason;
    };
    const std::vector<Missing>& missing() const { return missing_; }
    std::vector<std::string> missing_names() const;
    // The shards searched: local paths, and "remote HOST:PORT".
    std::vector<std::string> shard_names() const;

    // After a search failed with a network error: finds the shards that no longer answer.
    // Under allow_partial drops them (true when any was dropped); otherwise throws
    // IndexOpenError naming the first.
    bool drop_dead_shards();
    void reopen();

private:
    struct Shard {
        std::string name;
        Xapian::Database db;
        std::function<Xapian::Database()> open;  // opens it afresh (a new connection for a remote)
    };
    void add(const std::string& name, const std::function<Xapian::Database()>& open);
    void rebuild();
    void sync_twin();

    IndexSetOptions options_;
    std::vector<Shard> shards_;
    std::vector<Missing> missing_;
    Xapian::Database all_;
    std::optional<Xapian::Database> twin_;
    std::string duplicates_across_;
};

// What a search over `indexes` needs to know about them (see SearchScope); `count_beside`:
// with the twin() handle for counting in a second thread, if there is one.
SearchScope scope_of(const IndexSet& indexes, bool count_beside);

// Searches, reading a newer revision if an indexer committed meanwhile, and
// dropping shards that stopped answering when partial results are allowed.
// `count_beside`: count the matches on the set's twin() in a second thread, if it has one.
SearchResult search_with_retry(IndexSet& indexes, const SearchRequest& request, const Highlight& highlight,
                               bool count_beside = false);

}  // namespace docket
