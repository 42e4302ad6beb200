#include "index_run.h"
#include "index/shard_set.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <mutex>
#include <random>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_set>

#include <xapian.h>

#include "text/analysis.h"
#include "document.h"
#include "entities/entities.h"
#include "pipeline.h"
#include "readers.h"
#include "index/schema.h"
#include "walk.h"
#include "warn.h"

namespace docket {
namespace {

using Clock = std::chrono::steady_clock;

bool read_file(const std::string& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file (permission denied or removed)";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "read error";
        return false;
    }
    out = std::move(ss).str();
    return true;
}

std::string content_hash(std::string_view content) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : content) h = (h ^ c) * 1099511628211ULL;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// Per-file state kept in the index's metadata: "<mtime_ns>:<size> <content hash>".
std::string file_state_key(const std::string& file_term) {
    return schema::bounded_term(schema::meta::kFilePrefix, file_term.substr(schema::prefix::kFile.size()));
}

void store_aliases(Xapian::WritableDatabase& db, const Gazetteer& gazetteer);

// Creates a new, empty index at `path` in one atomic step: built beside it, then
// renamed into place. A run killed at any moment leaves either no index or a
// valid one, never a half-created directory.
void create_index(const std::string& path, const Gazetteer& gazetteer) {
    namespace fs = std::filesystem;
    const std::string tmp = path + ".docket-new-" + std::to_string(getpid());
    std::error_code ec;
    const fs::path parent = fs::absolute(path, ec).parent_path();
    if (!fs::is_directory(parent, ec))
        throw IndexError("cannot create index " + path + ": folder " + parent.string() + " does not exist");
    if (access(parent.c_str(), W_OK | X_OK) != 0)
        throw IndexError("cannot create index " + path + " in " + parent.string() + ": " + std::strerror(errno));
    fs::remove_all(tmp, ec);
    try {
        Xapian::WritableDatabase fresh(tmp, Xapian::DB_CREATE);
        fresh.set_metadata(std::string(schema::meta::kSchemaVersion), std::string(schema::kVersion));
        fresh.set_metadata(std::string(schema::meta::kFirstBuild), "1");
        store_aliases(fresh, gazetteer);
        fresh.commit();
    } catch (const Xapian::Error& e) {
        fs::remove_all(tmp, ec);
        throw IndexError("cannot create index " + path + ": " + e.get_msg());
    }
    fs::rename(tmp, path, ec);  // replaces an empty directory too
    if (ec) fs::remove_all(tmp, ec);  // another indexer created it first: use theirs
}

Xapian::WritableDatabase open_for_writing(const std::string& path, const Gazetteer& gazetteer) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec) || (fs::is_directory(path, ec) && fs::is_empty(path, ec))) {
        create_index(path, gazetteer);
    } else if (!fs::is_directory(path, ec)) {
        throw IndexError(path + " is a file, not an index folder: give a new or empty folder");
    } else if (!fs::exists(fs::path(path) / "iamglass", ec)) {
        // Checked before Xapian opens it, which would leave its lock file in the user's folder.
        throw IndexError(path + " is a folder of other files, not an index: give a new or empty folder");
    } else if (access(path.c_str(), W_OK | X_OK) != 0) {
        throw IndexError("cannot update index " + path + ": " + std::strerror(errno) + " (it is read-only for you)");
    }
    Xapian::WritableDatabase db;
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError("index " + path + " is locked by another indexer; wait for it to finish");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index " + path + ": " + e.get_msg());
    }
    std::string version = db.get_metadata(std::string(schema::meta::kSchemaVersion));
    if (version.empty() && db.get_doccount() > 0)
        throw IndexError(path + " is not a Docket index (it holds documents but no schema version)");
    if (!version.empty() && version != schema::kVersion)
        throw IndexError("index " + path + " has schema version " + version + ", this indexer writes version " +
                         std::string(schema::kVersion) + ": re-index into a new directory");
    return db;
}

// The index keeps the gazetteer's alias table, so the searcher resolves
// "--company facebook" with one lookup instead of loading the gazetteer.
void store_aliases(Xapian::WritableDatabase& db, const Gazetteer& gazetteer) {
    const std::string key(schema::meta::kGazetteerVersion);
    if (db.get_metadata(key) == entities_version(gazetteer)) return;
    for (const auto& [lower, company] : gazetteer.lower_forms()) {
        std::string alias_key = std::string(schema::meta::kAliasPrefix) + lower;
        std::string marker = gazetteer.is_ambiguous_form(lower) ? "~" : "";
        if (alias_key.size() <= schema::kMaxTermBytes) db.set_metadata(alias_key, marker + gazetteer.names()[company]);
    }
    db.set_metadata(key, entities_version(gazetteer));
}

// True when `term` is the file term of `root` itself or of a path below it.
bool under_root(const std::string& term, const std::string& root_term) {
    return term.size() >= root_term.size() && term.compare(0, root_term.size(), root_term) == 0 &&
           (term.size() == root_term.size() || term[root_term.size()] == '/' || root_term.back() == '/');
}

// One file to (re)index, decided by the main thread before the workers start.
struct Task {
    const walk::FileEntry* file;
    readers::Format format;
    std::string file_term;
    std::string stamp;
    std::string old_hash;  // the content hash stored for this file, if it was indexed before
    bool known;
};

// What a worker made of a file: documents ready to write, or why it was skipped.
struct Prepared {
    std::vector<std::pair<std::string, Xapian::Document>> documents;  // id term, document
    std::vector<std::string> warnings;
    std::string error;   // non-empty: skipped
    std::string hash;
    std::size_t bytes = 0;
    bool same_content = false;  // stamp changed but the content did not ("touch")
};

Prepared prepare(const Task& task, const EntityExtractor& extractor, analysis::TermIndexer& terms) {
    Prepared p;
    std::string content;
    if (!read_file(task.file->path, content, p.error)) return p;
    p.bytes = content.size();
    p.hash = content_hash(content);
    if (task.known && p.hash == task.old_hash) {
        p.same_content = true;
        return p;
    }
    readers::ReadResult read = readers::read(task.format, task.file->path, std::move(content));
    p.warnings = std::move(read.warnings);
    if (!read.error.empty()) {
        p.error = read.error;
        return p;
    }
    for (const auto& article : read.articles) {
        Entities entities = extractor.extract(article);
        p.documents.emplace_back(id_term(article), build_document(article, entities, task.stamp, terms));
    }
    return p;
}

// Progress on stderr: a bar redrawn in place on a terminal, a log line every
// ten seconds otherwise. Nothing for runs that finish within a second.
class Progress {
public:
    Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled), tty_(isatty(STDERR_FILENO)) {}

    void update(std::size_t done, std::size_t bytes, std::size_t skipped) {
        if (!enabled_) return;
        auto now = Clock::now();
        double elapsed = std::chrono::duration<double>(now - started_).count();
        if (elapsed < 1.0 || now - last_ < (tty_ ? std::chrono::milliseconds(200) : std::chrono::seconds(10))) return;
        last_ = now;
        double rate = done / elapsed, mb = bytes / 1e6 / elapsed;
        double eta = rate > 0 ? (total_ - done) / rate : 0;
        if (tty_) {
            int width = 30, filled = total_ ? static_cast<int>(width * done / total_) : width;
            std::fprintf(stderr, "\r[%-*s] %zu/%zu files  %.0f files/s  %.1f MB/s  ETA %.0fs  skipped %zu ", width,
                         std::string(static_cast<std::size_t>(filled), '=').c_str(), done, total_, rate, mb, eta, skipped);
            drawn_ = true;
        } else {
            spdlog::info("{}/{} files, {:.0f} files/s, {:.1f} MB/s, ETA {:.0f} s, {} skipped", done, total_, rate, mb, eta,
                         skipped);
        }
    }
    void finish() {
        if (drawn_) std::fprintf(stderr, "\r%*s\r", 110, "");
    }

private:
    std::size_t total_;
    bool enabled_, tty_, drawn_ = false;
    Clock::time_point started_ = Clock::now(), last_ = Clock::now();
};

// Deletes every article of a file (all documents carrying its file term).
void delete_file(Xapian::WritableDatabase& db, const std::string& file_term) {
    std::vector<Xapian::docid> docids(db.postlist_begin(file_term), db.postlist_end(file_term));
    for (Xapian::docid id : docids) db.delete_document(id);
}

// Folds one prepared file into the summary and writes it to `db` (the index,
// or a shard being built). Shared by both indexing modes.
void write_prepared(Xapian::WritableDatabase& db, const Task& t, Prepared&& p, IndexSummary& summary) {
    summary.bytes += p.bytes;
    for (const auto& w : p.warnings) warn_about(t.file->path, w);
    summary.warnings += p.warnings.size();
    const std::string state_key = file_state_key(t.file_term);
    if (!p.error.empty()) {
        // An indexed earlier version stays: never lose data on a read or parse error.
        warn_about(t.file->path, "skipped: " + p.error);
        ++summary.broken;
    } else if (p.same_content) {
        db.set_metadata(state_key, t.stamp + " " + p.hash);  // touched, not changed
        ++summary.unchanged;
    } else {
        if (t.known) delete_file(db, t.file_term);  // its old articles, including removed records
        // Ids start with the file's path, so once the file's old articles are gone no
        // other document can hold them: add, with no lookup of the id term.
        for (auto& [id, doc] : p.documents) db.add_document(doc);
        db.set_metadata(state_key, t.stamp + " " + p.hash);
        summary.articles += p.documents.size();
        ++(t.known ? summary.updated : summary.indexed);
    }
}

void add_counts(IndexSummary& into, const IndexSummary& from) {
    into.indexed += from.indexed;
    into.updated += from.updated;
    into.unchanged += from.unchanged;
    into.broken += from.broken;
    into.articles += from.articles;
    into.warnings += from.warnings;
    into.bytes += from.bytes;
}

// A fresh index of many files is built as shard databases in parallel (one
// writer per worker: Xapian's inverter, not parsing, is the bottleneck), merged
// with Database::compact and swapped into place atomically. Until the swap the
// index stays the empty one this run created, so a crash loses nothing.
class ShardBuild {
public:
    ShardBuild(const std::string& db_path, std::size_t files_per_shard)
        : files_per_shard_(files_per_shard), dir_(std::filesystem::path(db_path).string() + ".docket-build") {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);  // left by a killed run: we hold the index's lock
        std::filesystem::create_directories(dir_);
    }
    ~ShardBuild() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    // Builds shard k from tasks [k * files_per_shard, ...) in order; returns its counts.
    IndexSummary build(std::size_t k, const std::vector<Task>& tasks, const EntityExtractor& extractor,
                       analysis::TermIndexer& terms, const std::atomic<bool>& stop, std::atomic<std::size_t>& done,
                       std::atomic<std::size_t>& bytes) {
        IndexSummary counts;
        Xapian::WritableDatabase shard(shard_path(k), Xapian::DB_CREATE_OR_OVERWRITE);
        std::size_t end = std::min(tasks.size(), (k + 1) * files_per_shard_);
        for (std::size_t i = k * files_per_shard_; i < end && !stop; ++i) {
            Prepared prepared = prepare(tasks[i], extractor, terms);
            bytes += prepared.bytes;
            write_prepared(shard, tasks[i], std::move(prepared), counts);
            ++done;
        }
        shard.commit();
        return counts;
    }

    // Merges the built shards in order and swaps the result with the (empty) index at db_path.
    void install(std::size_t shards, const std::string& db_path, Xapian::WritableDatabase& index,
                 const Gazetteer& gazetteer) {
        Xapian::Database all;
        for (std::size_t k = 0; k < shards; ++k)
            if (std::filesystem::exists(shard_path(k))) all.add_database(Xapian::Database(shard_path(k)));
        const std::string merged = dir_ + "/merged";
        all.compact(merged);
        {
            Xapian::WritableDatabase out(merged, Xapian::DB_OPEN);
            out.set_metadata(std::string(schema::meta::kSchemaVersion), std::string(schema::kVersion));
            store_aliases(out, gazetteer);
            out.commit();
        }
        index.close();  // release the lock: the swap below replaces this empty index
        if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, db_path.c_str(), RENAME_EXCHANGE) != 0)
            throw IndexError("cannot move the new index into place at " + db_path + ": " + std::strerror(errno));
    }

private:
    std::string shard_path(std::size_t k) const { return dir_ + "/shard-" + std::to_string(k); }
    std::size_t files_per_shard_;
    std::string dir_;
};

}  // namespace

std::string IndexSummary::line() const {
    std::ostringstream s;
    if (interrupted) s << "interrupted: ";
    s << "indexed " << indexed << ", updated " << updated << ", unchanged " << unchanged << ", deleted " << deleted
      << ", skipped " << (unsupported + broken) << " (" << unsupported << " unsupported, " << broken << " broken); "
      << articles << (articles == 1 ? " article" : " articles") << " written";
    if (warnings) s << ", " << warnings << (warnings == 1 ? " warning" : " warnings");
    char buf[64];
    std::snprintf(buf, sizeof buf, " in %.2f s", seconds);
    s << buf;
    return s.str();
}

namespace {

// Indexes the walked files for which `mine` is true into the index at options.db_path.
IndexSummary index_walked(const IndexOptions& options, const walk::WalkResult& walked, const Gazetteer& gazetteer,
                          const std::atomic<bool>& stop, const std::function<bool(const std::string&)>& mine) {
    IndexSummary summary;
    Xapian::WritableDatabase db = open_for_writing(options.db_path, gazetteer);
    const EntityExtractor extractor(gazetteer);

    // Entities depend on the gazetteer and the extractor's rules: when either changed, every file is extracted again.
    const std::string indexed_with = db.get_metadata(std::string(schema::meta::kGazetteerVersion));
    const bool gazetteer_changed = db.get_doccount() > 0 && indexed_with != entities_version(gazetteer);
    if (gazetteer_changed)
        spdlog::info("the company gazetteer or the extractor's rules changed since this index was built: extracting every file again");

    // Decide what to do with each file; unchanged ones (same size and mtime) are not read.
    std::unordered_set<std::string> seen_file_terms;
    std::vector<Task> tasks;
    for (const auto& file : walked.files) {
        if (!mine(file.path)) continue;
        auto format = readers::format_of(file.path);
        if (format == readers::Format::Unsupported) {
            ++summary.unsupported;
            spdlog::debug("{}: skipped: unsupported file type", text::printable(file.path));
            continue;
        }
        Task t{&file, format, file_term(file.path), walk::stamp(file), {}, false};
        seen_file_terms.insert(t.file_term);
        std::string state = db.get_metadata(file_state_key(t.file_term));
        t.known = !state.empty() || db.term_exists(t.file_term);
        if (!state.empty() && !gazetteer_changed) {
            auto space = state.find(' ');
            if (state.substr(0, space) == t.stamp) {
                ++summary.unchanged;
                continue;
            }
            if (space != std::string::npos) t.old_hash = state.substr(space + 1);
        }
        tasks.push_back(std::move(t));
    }

    // One thread per file at most: `-j 5000` for one file starts one.
    const std::size_t jobs = std::clamp<std::size_t>(
        options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency()), 1,
        std::min(kMaxJobs, std::max<std::size_t>(1, tasks.size())));
    std::vector<analysis::TermIndexer> term_indexers(jobs);  // one per worker thread
    Progress progress(tasks.size(), options.progress);
    std::size_t consumed = 0;

    const std::size_t per_shard = std::max<std::size_t>(1, options.files_per_shard);
    if (db.get_doccount() == 0 && jobs > 1 && tasks.size() >= 2 * per_shard) {
        // Fresh index, many files: one shard per block of files, built in parallel.
        ShardBuild build(options.db_path, per_shard);
        const std::size_t shards = (tasks.size() + per_shard - 1) / per_shard;
        std::atomic<std::size_t> next_shard{0}, done{0}, bytes{0};
        std::vector<IndexSummary> counts(shards);
        std::vector<std::thread> workers;
        std::exception_ptr failure;
        std::mutex failure_lock;
        for (std::size_t w = 0; w < std::min(jobs, shards); ++w)
            workers.emplace_back([&, w] {
                try {
                    for (std::size_t k; !stop && (k = next_shard++) < shards;)
                        counts[k] = build.build(k, tasks, extractor, term_indexers[w], stop, done, bytes);
                } catch (...) {
                    std::lock_guard lock(failure_lock);
                    failure = std::current_exception();
                }
            });
        while (done < tasks.size() && !stop && !failure) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            progress.update(done, bytes, summary.broken);
        }
        for (auto& t : workers) t.join();
        progress.finish();
        if (failure) std::rethrow_exception(failure);
        for (const auto& c : counts) add_counts(summary, c);
        consumed = done;
        build.install(shards, options.db_path, db, gazetteer);
        db = Xapian::WritableDatabase(options.db_path, Xapian::DB_OPEN);
    } else {
        // Workers read, parse, extract and build documents; this thread writes them in order.
        std::size_t pending = 0;
        consumed = OrderedPipeline<Prepared>::run(
            tasks.size(), jobs, jobs * 16,
            [&](std::size_t i, std::size_t worker) { return prepare(tasks[i], extractor, term_indexers[worker]); },
            [&](std::size_t i, Prepared&& p) {
                std::size_t before = summary.articles;
                write_prepared(db, tasks[i], std::move(p), summary);
                pending += summary.articles - before;
                if (pending >= options.commit_every) {
                    db.commit();
                    pending = 0;
                }
                progress.update(i + 1, summary.bytes, summary.broken);
            },
            stop);
        progress.finish();
    }
    summary.interrupted = consumed < tasks.size();

    // Files that disappeared from below a root that still exists.
    for (const auto& root : walked.roots) {
        std::error_code ec;
        if (summary.interrupted || !std::filesystem::exists(root, ec)) continue;
        const std::string root_term = file_term(root);
        std::vector<std::string> gone;
        std::vector<std::string> unlisted_terms;
        for (const auto& dir : walked.unlisted) unlisted_terms.push_back(file_term(dir));
        auto unlisted = [&](const std::string& term) {
            return std::any_of(unlisted_terms.begin(), unlisted_terms.end(),
                               [&](const std::string& dir) { return under_root(term, dir); });
        };
        for (auto t = db.allterms_begin(root_term); t != db.allterms_end(root_term); ++t)
            if (under_root(*t, root_term) && !seen_file_terms.count(*t) && !unlisted(*t)) gone.push_back(*t);
        for (const auto& term : gone) {
            delete_file(db, term);
            db.set_metadata(file_state_key(term), "");
            ++summary.deleted;
        }
    }
    // An interrupted re-extraction must run again next time: keep the old gazetteer version.
    if (!(summary.interrupted && gazetteer_changed)) store_aliases(db, gazetteer);
    db.set_metadata(std::string(schema::meta::kDuplicates), std::to_string(mark_duplicates(db)));
    db.set_metadata(std::string(schema::meta::kDuplicatesAcross), "");  // marks now cover this database only
    db.set_metadata(std::string(schema::meta::kFirstBuild), "");
    db.commit();
    return summary;
}

// The number of shards to write: 0 for a plain index. A new shard set gets
// all its (empty) shards before its stub, so a searcher never meets a stub
// naming a missing shard.
std::size_t shard_set_for(const IndexOptions& options) {
    const std::string& dir = options.db_path;
    std::size_t existing = 0;
    try {
        existing = shard_set::count(dir);
    } catch (const std::exception& e) {
        throw IndexError(e.what());
    }
    if (existing) {
        if (options.shards && options.shards != existing)
            throw IndexError(dir + " is a set of " + std::to_string(existing) + " shards, not " +
                             std::to_string(options.shards) + ": re-index into a new directory to change the count");
        return existing;
    }
    if (!options.shards) return 0;
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !(std::filesystem::is_directory(dir, ec) && std::filesystem::is_empty(dir, ec)))
        throw IndexError(dir + " already holds an index or other files: --shards needs a new directory");
    std::filesystem::create_directories(dir, ec);
    if (ec) throw IndexError("cannot create " + dir + ": " + ec.message());
    return options.shards;
}

}  // namespace

namespace {

// Adds or removes kHasDuplicate so that exactly `want` carry it, touching only
// documents whose mark changes.
void set_marks(Xapian::WritableDatabase& db, const std::set<Xapian::docid>& want) {
    const std::string mark(schema::prefix::kHasDuplicate);
    std::set<Xapian::docid> have(db.postlist_begin(mark), db.postlist_end(mark));
    for (Xapian::docid d : have)
        if (!want.count(d)) {
            Xapian::Document doc = db.get_document(d);
            doc.remove_term(mark);
            db.replace_document(d, doc);
        }
    for (Xapian::docid d : want)
        if (!have.count(d)) {
            Xapian::Document doc = db.get_document(d);
            doc.add_boolean_term(mark);
            db.replace_document(d, doc);
        }
}

// Every document whose content hash another document of `db` shares (by `db`'s
// docids: for several databases, interleaved), and how many repeat another:
// one pass over the content-hash terms.
std::size_t find_duplicates(const Xapian::Database& db, std::set<Xapian::docid>& repeated) {
    const std::string prefix(schema::prefix::kContent);
    std::size_t duplicates = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() < 2) continue;
        const Xapian::doccount copies = db.get_termfreq(*t);  // the iterator's count may include deleted documents
        if (copies < 2) continue;
        duplicates += copies - 1;
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) repeated.insert(*p);
    }
    return duplicates;
}

// A shard set's marking pass: duplicates are found over all shards at once, so a
// copy whose original landed in another shard is marked too; every shard then
// records the set-wide count under one new pass id.
void mark_set_duplicates(const std::string& set_dir, std::size_t shards, const Gazetteer& gazetteer) {
    std::set<Xapian::docid> repeated;
    std::size_t duplicates = 0;
    {
        Xapian::Database all;
        for (std::size_t k = 0; k < shards; ++k) all.add_database(Xapian::Database(shard_set::shard_path(set_dir, k)));
        duplicates = find_duplicates(all, repeated);
    }
    std::vector<std::set<Xapian::docid>> want(shards);
    for (Xapian::docid d : repeated) want[(d - 1) % shards].insert((d - 1) / shards + 1);  // Xapian's interleaving
    std::random_device random;
    const std::string pass = std::to_string(random()) + "-" + std::to_string(random()) + "-" +
                             std::to_string(Clock::now().time_since_epoch().count());
    for (std::size_t k = 0; k < shards; ++k) {
        Xapian::WritableDatabase db = open_for_writing(shard_set::shard_path(set_dir, k), gazetteer);
        set_marks(db, want[k]);
        db.set_metadata(std::string(schema::meta::kDuplicates), std::to_string(duplicates));
        db.set_metadata(std::string(schema::meta::kDuplicatesAcross), pass);
        db.commit();
    }
}

}  // namespace

std::size_t mark_duplicates(Xapian::WritableDatabase& db) {
    std::set<Xapian::docid> repeated;
    std::size_t duplicates = find_duplicates(db, repeated);
    set_marks(db, repeated);
    return duplicates;
}

namespace {

// Refuses inputs that cannot be indexed before anything is created: a root that
// does not exist (a typo must not create an empty index), and a shard of a set
// given as the index (its articles would be counted twice by the set).
void check_inputs(const IndexOptions& options) {
    namespace fs = std::filesystem;
    for (const auto& root : options.roots) {
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(root, ec))) throw IndexError(root + ": no such file or directory (nothing indexed)");
    }
    std::error_code ec;
    const fs::path db = fs::weakly_canonical(options.db_path, ec), set = db.parent_path();
    if (shard_set::count(set.string()) == 0) return;
    for (const auto& e : shard_set::read_stub((set / shard_set::kStubName).string()))
        if (!e.remote && fs::weakly_canonical(e.path, ec) == db)
            throw IndexError(options.db_path + " is a shard of the set " + set.string() +
                             ": index into the set (--db " + set.string() + ") so each article lands in its own shard");
}

}  // namespace

IndexSummary run_index(const IndexOptions& options, const Gazetteer& gazetteer, const std::atomic<bool>& stop) {
    auto started = Clock::now();
    check_inputs(options);
    std::size_t walk_broken = 0;
    // Walked once, also for a shard set: each shard takes its own files from the one list.
    walk::WalkResult walked =
        walk::walk(options.roots, options.excludes, [&](const std::string& path, const std::string& why) {
            warn_about(path, why);
            ++walk_broken;
        });
    IndexSummary summary;
    std::size_t shards = shard_set_for(options);
    if (shards == 0) {
        summary = index_walked(options, walked, gazetteer, stop, [](const std::string&) { return true; });
    } else {
        if (shard_set::count(options.db_path) == 0) {
            for (std::size_t k = 0; k < shards; ++k) open_for_writing(shard_set::shard_path(options.db_path, k), gazetteer);
            shard_set::write_stub(options.db_path, shards);
        }
        for (std::size_t k = 0; k < shards && !summary.interrupted && !stop; ++k) {
            IndexOptions one = options;
            one.db_path = shard_set::shard_path(options.db_path, k);
            IndexSummary part = index_walked(one, walked, gazetteer, stop, [&](const std::string& path) {
                return shard_set::shard_of(path, shards) == k;
            });
            add_counts(summary, part);
            summary.unsupported += part.unsupported;
            summary.deleted += part.deleted;
            summary.interrupted = part.interrupted;
        }
        summary.interrupted = summary.interrupted || stop;
        if (!summary.interrupted) mark_set_duplicates(options.db_path, shards, gazetteer);
    }
    summary.broken += walk_broken;
    summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return summary;
}

}  // namespace docket
