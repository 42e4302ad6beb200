#include "index_set.h"

#include <filesystem>
#include <optional>
#include <set>

#include "index/schema.h"
#include "index/schema_version.h"
#include "index/shard_set.h"

namespace docket {
namespace {

void check_schema(const Xapian::Database& db, const std::string& name) {
    if (std::optional<std::string> version = schema::other_version(db))
        throw IndexOpenError("index " + name + (version->empty() ? " is not a Docket index" : " has schema version " + *version) +
                             "; this searcher reads version " + std::string(schema::kVersion) +
                             ": re-index it with this version's indexer");
    if (db.get_doccount() == 0 && !db.get_metadata(std::string(schema::meta::kFirstBuild)).empty())
        throw IndexOpenError("index " + name + " is not ready: its first indexing run has not finished (or was "
                             "killed before its first commit: run the indexer again)");
}

Xapian::Database open_local(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw IndexOpenError("no index at " + path + " (create it with: indexer --db " + path + " DIR)");
    try {
        return Xapian::Database(path);
    } catch (const Xapian::Error& e) {
        throw IndexOpenError("cannot open index " + path + ": " + e.get_msg());
    }
}

}  // namespace

IndexSet::IndexSet(IndexSetOptions options) : options_(std::move(options)) {
    std::vector<shard_set::Entry> entries;
    for (const auto& path : options_.paths) {
        try {
            for (auto& e : shard_set::resolve(path)) entries.push_back(std::move(e));
        } catch (const std::exception& e) {
            throw IndexOpenError(e.what());
        }
    }
    for (const auto& r : options_.remotes) {
        try {
            entries.push_back(shard_set::remote_entry(r, "--remote"));
        } catch (const std::exception& e) {
            throw IndexOpenError(e.what());
        }
    }
    if (entries.empty())
        throw IndexOpenError("no index given (--db PATH, --remote HOST:PORT, DOCKET_DB or db in the config file)");
    for (const auto& e : entries) {
        const unsigned timeout = options_.timeout_ms;
        add(e.describe(), [e, timeout]() {
            if (!e.remote) return open_local(e.path);
            return Xapian::Remote::open(e.host, e.port, timeout, timeout);
        });
    }
    if (shards_.empty()) throw IndexOpenError("no shard could be opened");
    rebuild();
}

void IndexSet::add(const std::string& name, const std::function<Xapian::Database()>& open) {
    try {
        Xapian::Database db = open();
        check_schema(db, name);
        shards_.push_back({name, std::move(db), open});
    } catch (const IndexOpenError& e) {
        if (!options_.allow_partial) throw;
        missing_.push_back({name, e.what()});
    } catch (const Xapian::Error& e) {
        std::string why = "shard " + name + " unavailable: " + std::string(e.get_type()) + ": " + e.get_msg();
        if (!options_.allow_partial) throw IndexOpenError(why);
        missing_.push_back({name, std::string(e.get_type()) + ": " + e.get_msg()});
    }
}

void IndexSet::rebuild() {
    all_ = Xapian::Database();
    for (const auto& s : shards_) all_.add_database(s.db);
    sync_twin();
    // Marks made for a whole set also cover any of its shards left out (marking
    // too many only costs a look): what matters is that all come from one pass.
    duplicates_across_.clear();
    if (shards_.size() < 2) return;
    const std::string pass = shards_.front().db.get_metadata(std::string(schema::meta::kDuplicatesAcross));
    std::set<std::string> seen;
    for (const auto& s : shards_) {
        if (pass.empty() || s.db.get_metadata(std::string(schema::meta::kDuplicatesAcross)) != pass) return;
        // One shard given twice repeats all its articles, none of them marked.
        std::error_code ec;
        const bool remote = s.name.rfind("remote ", 0) == 0;
        if (!seen.insert(remote ? s.name : std::filesystem::weakly_canonical(s.name, ec).string()).second) return;
    }
    duplicates_across_ = shards_.front().db.get_metadata(std::string(schema::meta::kDuplicates));
}

std::vector<std::string> IndexSet::missing_names() const {
    std::vector<std::string> names;
    for (const auto& m : missing_) names.push_back(m.name);
    return names;
}

std::vector<std::string> IndexSet::shard_names() const {
    std::vector<std::string> names;
    for (const auto& s : shards_) names.push_back(s.name);
    return names;
}

std::vector<Xapian::Database> IndexSet::local_databases() const {
    std::vector<Xapian::Database> local;
    for (const auto& s : shards_)
        if (s.name.rfind("remote ", 0) != 0) local.push_back(s.db);
    return local;
}

bool IndexSet::has_remote() const {
    for (const auto& s : shards_)
        if (s.name.rfind("remote ", 0) == 0) return true;
    return false;
}

namespace {

// A round trip: reopen and a one-document match both ask the server.
void probe(Xapian::Database& db) {
    db.reopen();
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(std::string()));  // every document (Query::MatchAll is not thread-safe)
    e.get_mset(0, 1);
}

}  // namespace

bool IndexSet::drop_dead_shards() {
    std::vector<Shard> alive;
    bool dropped = false;
    for (auto& s : shards_) {
        try {
            probe(s.db);
            alive.push_back(s);
            continue;
        } catch (const Xapian::Error&) {
            // A failed search can leave a healthy server's connection mid-exchange: connect again.
        }
        std::string why;
        try {
            s.db = s.open();
            probe(s.db);
            alive.push_back(s);
            continue;
        } catch (const std::exception& e) {
            why = e.what();
        } catch (const Xapian::Error& e) {
            why = std::string(e.get_type()) + ": " + e.get_msg();
        }
        if (!options_.allow_partial) throw IndexOpenError("shard " + s.name + " unavailable: " + why);
        missing_.push_back({s.name, why});
        dropped = true;
    }
    if (alive.empty()) throw IndexOpenError("no shard answers any more");
    shards_ = std::move(alive);
    rebuild();
    return dropped;
}

void IndexSet::reopen() {
    for (auto& s : shards_) {
        s.db.reopen();
        check_schema(s.db, s.name);  // re-indexed by another version meanwhile
    }
    if (twin_) twin_->reopen();
    rebuild();
}

void IndexSet::sync_twin() {
    if (!options_.twin || shards_.size() != 1 || has_remote()) {
        twin_.reset();
        return;
    }
    try {
        if (!twin_) twin_ = shards_.front().open();
        // An indexer may commit between the two reopens: both must show one revision.
        for (int attempt = 0; attempt < 3; ++attempt) {
            if (twin_->get_revision() == all_.get_revision()) return;
            all_.reopen();
            twin_->reopen();
        }
    } catch (const Xapian::Error&) {
        // No second handle: the search counts in its own thread.
    }
    twin_.reset();
}

SearchScope scope_of(const IndexSet& indexes, bool count_beside) {
    SearchScope scope;
    scope.local = !indexes.has_remote();
    scope.duplicates_across = indexes.duplicates_across();
    if (count_beside) scope.counting = indexes.twin();
    if (scope.local && indexes.database().size() > 1) scope.shards = indexes.local_databases();
    return scope;
}

SearchResult search_with_retry(IndexSet& indexes, const SearchRequest& request, const Highlight& highlight,
                               bool count_beside) {
    bool stale = false;
    for (int attempt = 0;; ++attempt) {
        try {
            if (stale) indexes.reopen();  // inside the try: reopening can meet a discarded revision too
            SearchResult result = search(indexes.database(), request, highlight, scope_of(indexes, count_beside));
            result.missing_shards = indexes.missing_names();
            return result;
        } catch (const Xapian::DatabaseModifiedError&) {
            // Under a fast indexer a revision can be discarded again mid-search: retry a few times.
            if (attempt >= 10) throw;
            stale = true;
        } catch (const Xapian::NetworkError&) {
            // Names the dead shard (an IndexOpenError) unless it may be left out;
            // otherwise reconnects the live ones and tries again.
            if (attempt >= 10) throw;
            indexes.drop_dead_shards();
        }
    }
}

}  // namespace docket
