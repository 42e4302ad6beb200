// Benchmark (not a test): the floor under Docket's indexing time. Xapian alone
// indexes the Reuters-21578 stories with positions, using our TermGenerator
// setup on the whole file as body text (no title copies, entities, values,
// stored text or bookkeeping), the files already in memory: first on one
// thread into one database, then on --threads databases in parallel merged with
// Database::compact (the design `indexer` uses for a fresh index).
// Compare with `indexer` and SQLite FTS5 (tests/bench/index_bench.sh).
//
//   xapian_floor [--shared ../shared] [--threads 2]
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>
#include <xapian.h>

#include "text/analysis.h"
#include "text/read_file.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Indexes texts[first, last) into a new database at `path`.
void index_range(const std::vector<std::string>& texts, std::size_t first, std::size_t last, const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    docket::analysis::TermIndexer terms;
    for (std::size_t i = first; i < last; ++i) {
        Xapian::Document doc;
        terms.generator().set_document(doc);
        terms.generator().index_text(texts[i]);
        terms.add_folded_terms(doc);
        db.add_document(doc);
    }
    db.commit();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"xapian_floor: Xapian's own indexing time on Reuters-21578"};
    std::string shared = "../shared";
    unsigned threads = 2;
    app.add_option("--shared", shared, "The shared data directory");
    app.add_option("--threads", threads, "Parallel databases in the second run")->check(CLI::Range(1u, 64u));
    CLI11_PARSE(app, argc, argv);

    fs::path docs = fs::path(shared) / "corpora/reuters21578/docs";
    if (!fs::exists(docs)) {
        std::printf("xapian_floor: skipped: %s not found\n", docs.c_str());
        return 0;
    }
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (const auto& entry : fs::directory_iterator(docs)) {
        std::string text;
        docket::text::read_whole_file(entry.path().string(), text);
        texts.push_back(std::move(text));
        bytes += texts.back().size();
    }
    const fs::path work = fs::temp_directory_path() / ("xapian_floor." + std::to_string(::getpid()));
    fs::create_directories(work);
    std::printf("%zu stories, %.1f MB, in memory\n", texts.size(), bytes / 1e6);

    auto start = Clock::now();
    index_range(texts, 0, texts.size(), (work / "one").string());
    std::printf("one thread, one database:         %6.2f s\n", seconds_since(start));

    start = Clock::now();
    std::vector<std::thread> workers;
    const std::size_t per = (texts.size() + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back(index_range, std::cref(texts), t * per, std::min(texts.size(), (t + 1) * per),
                             (work / ("part-" + std::to_string(t))).string());
    for (auto& w : workers) w.join();
    const double built = seconds_since(start);
    Xapian::Database parts;
    for (unsigned t = 0; t < threads; ++t) parts.add_database(Xapian::Database((work / ("part-" + std::to_string(t))).string()));
    parts.compact((work / "merged").string());
    std::printf("%u threads + compact:              %6.2f s (%.2f s building, %.2f s merging)\n", threads,
                seconds_since(start), built, seconds_since(start) - built);
    fs::remove_all(work);
    return 0;
}
