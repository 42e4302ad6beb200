#include "shard_build.h"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "index/schema_version.h"
#include "index_store.h"

namespace docket {
namespace {

// The shards of one build, in a folder beside the index that is removed afterwards.
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
                       analysis::TermIndexer& terms, const std::string& first_indexed, const std::atomic<bool>& stop,
                       std::atomic<std::size_t>& done, std::atomic<std::size_t>& bytes) {
        IndexSummary counts;
        Xapian::WritableDatabase shard(shard_path(k), Xapian::DB_CREATE_OR_OVERWRITE);
        std::size_t end = std::min(tasks.size(), (k + 1) * files_per_shard_);
        for (std::size_t i = k * files_per_shard_; i < end && !stop; ++i) {
            Prepared prepared = prepare(tasks[i], extractor, terms);
            bytes += prepared.bytes;
            write_prepared(shard, tasks[i], std::move(prepared), counts, first_indexed);
            ++done;
        }
        shard.commit();
        return counts;
    }

    // Merges the built shards in order and swaps the result with the (empty) index at db_path.
    void install(std::size_t shards, const std::string& db_path, Xapian::WritableDatabase& index,
                 const Gazetteer& gazetteer, const FirstIndexedStamps& stamps) {
        Xapian::Database all;
        for (std::size_t k = 0; k < shards; ++k)
            if (std::filesystem::exists(shard_path(k))) all.add_database(Xapian::Database(shard_path(k)));
        const std::string merged = dir_ + "/merged";
        all.compact(merged);
        {
            Xapian::WritableDatabase out(merged, Xapian::DB_OPEN);
            schema::record_version(out);
            store_aliases(out, gazetteer);
            stamps.record(out);
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

std::size_t build_in_shards(const std::string& db_path, std::size_t files_per_shard, const std::vector<Task>& tasks,
                            const EntityExtractor& extractor, std::vector<analysis::TermIndexer>& term_indexers,
                            Progress& progress, Xapian::WritableDatabase& db, const Gazetteer& gazetteer,
                            const FirstIndexedStamps& stamps, const std::atomic<bool>& stop, IndexSummary& summary) {
    ShardBuild build(db_path, files_per_shard);
    const std::size_t shards = (tasks.size() + files_per_shard - 1) / files_per_shard;
    std::atomic<std::size_t> next_shard{0}, done{0}, bytes{0};
    std::vector<IndexSummary> counts(shards);
    std::vector<std::thread> workers;
    std::exception_ptr failure;
    std::mutex failure_lock;
    for (std::size_t w = 0; w < std::min(term_indexers.size(), shards); ++w)
        workers.emplace_back([&, w] {
            try {
                for (std::size_t k; !stop && (k = next_shard++) < shards;)
                    counts[k] = build.build(k, tasks, extractor, term_indexers[w], stamps.current(), stop, done, bytes);
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
    build.install(shards, db_path, db, gazetteer, stamps);
    db = Xapian::WritableDatabase(db_path, Xapian::DB_OPEN);
    return done;
}

}  // namespace docket
