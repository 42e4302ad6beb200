#include "index_run.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <sstream>
#include <thread>
#include <unordered_set>

#include <xapian.h>

#include "document.h"
#include "duplicates.h"
#include "entities/entities.h"
#include "index/schema.h"
#include "index/shard_set.h"
#include "index_file.h"
#include "index_store.h"
#include "pipeline.h"
#include "progress.h"
#include "readers.h"
#include "shard_build.h"
#include "text/analysis.h"
#include "text/text.h"
#include "walk.h"
#include "warn.h"

namespace docket {

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

using Clock = std::chrono::steady_clock;

// True when `term` is the file term of `root` itself or of a path below it.
bool under_root(const std::string& term, const std::string& root_term) {
    return term.size() >= root_term.size() && term.compare(0, root_term.size(), root_term) == 0 &&
           (term.size() == root_term.size() || term[root_term.size()] == '/' || root_term.back() == '/');
}

// Indexes the walked files for which `mine` is true into the index at options.db_path.
IndexSummary index_walked(const IndexOptions& options, const walk::WalkResult& walked, const Gazetteer& gazetteer,
                          const std::atomic<bool>& stop, const std::function<bool(const std::string&)>& mine) {
    IndexSummary summary;
    Xapian::WritableDatabase db = open_for_writing(options.db_path, gazetteer);
    const EntityExtractor extractor(gazetteer);
    FirstIndexedStamps stamps(db);

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
        consumed = build_in_shards(options.db_path, per_shard, tasks, extractor, term_indexers, progress, db, gazetteer,
                                   stamps, stop, summary);
    } else {
        // Workers read, parse, extract and build documents; this thread writes them in order.
        std::size_t pending = 0;
        consumed = OrderedPipeline<Prepared>::run(
            tasks.size(), jobs, jobs * 16,
            [&](std::size_t i, std::size_t worker) { return prepare(tasks[i], extractor, term_indexers[worker]); },
            [&](std::size_t i, Prepared&& p) {
                std::size_t before = summary.articles;
                write_prepared(db, tasks[i], std::move(p), summary, stamps.current());
                pending += summary.articles - before;
                if (pending >= options.commit_every) {
                    stamps.commit(db);
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
    stamps.commit(db);
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
