#include "index_run.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include <xapian.h>

#include "analysis.h"
#include "document.h"
#include "entities.h"
#include "readers.h"
#include "schema.h"
#include "walk.h"

namespace docket {
namespace {

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

Xapian::WritableDatabase open_for_writing(const std::string& path, const Gazetteer& gazetteer) {
    Xapian::WritableDatabase db;
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
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
    db.set_metadata(std::string(schema::meta::kSchemaVersion), std::string(schema::kVersion));
    (void)gazetteer;
    return db;
}

// The index keeps the gazetteer's alias table, so the searcher resolves
// "--company facebook" with one lookup instead of loading the gazetteer.
void store_aliases(Xapian::WritableDatabase& db, const Gazetteer& gazetteer) {
    const std::string key(schema::meta::kGazetteerVersion);
    if (db.get_metadata(key) == gazetteer.version()) return;
    for (const auto& [lower, company] : gazetteer.lower_forms()) {
        std::string alias_key = std::string(schema::meta::kAliasPrefix) + lower;
        if (alias_key.size() <= schema::kMaxTermBytes) db.set_metadata(alias_key, gazetteer.names()[company]);
    }
    db.set_metadata(key, gazetteer.version());
}

// True when `term` is the file term of `root` itself or of a path below it.
bool under_root(const std::string& term, const std::string& root_term) {
    return term.size() >= root_term.size() && term.compare(0, root_term.size(), root_term) == 0 &&
           (term.size() == root_term.size() || term[root_term.size()] == '/' || root_term.back() == '/');
}

}  // namespace

std::string IndexSummary::line() const {
    std::ostringstream s;
    s << "indexed " << indexed << ", updated " << updated << ", unchanged " << unchanged << ", deleted "
      << deleted << ", skipped " << (unsupported + broken) << " (" << unsupported << " unsupported, " << broken
      << " broken); " << articles << " articles written";
    if (warnings) s << ", " << warnings << " warnings";
    char buf[32];
    std::snprintf(buf, sizeof buf, " in %.2f s", seconds);
    s << buf;
    return s.str();
}

IndexSummary run_index(const IndexOptions& options, const Gazetteer& gazetteer) {
    auto started = std::chrono::steady_clock::now();
    IndexSummary summary;
    Xapian::WritableDatabase db = open_for_writing(options.db_path, gazetteer);
    EntityExtractor extractor(gazetteer);
    Xapian::TermGenerator generator;
    analysis::configure(generator);

    auto warn = [&](const std::string& path, const std::string& why) { spdlog::warn("{}: {}", path, why); };
    walk::WalkResult walked = walk::walk(options.roots, options.excludes, [&](const std::string& path, const std::string& why) {
        warn(path, why);
        ++summary.broken;
    });

    std::unordered_set<std::string> seen_file_terms;
    std::size_t pending = 0;
    for (const auto& file : walked.files) {
        auto format = readers::format_of(file.path);
        if (format == readers::Format::Unsupported) {
            ++summary.unsupported;
            spdlog::debug("{}: skipped: unsupported file type", file.path);
            continue;
        }
        const std::string fterm = file_term(file.path);
        seen_file_terms.insert(fterm);
        const std::string stamp = walk::stamp(file);
        Xapian::PostingIterator existing = db.postlist_begin(fterm);
        const bool known = existing != db.postlist_end(fterm);
        if (known && db.get_document(*existing).get_value(schema::slot::kFileStamp) == stamp) {
            ++summary.unchanged;
            continue;
        }
        std::string content, error;
        if (!read_file(file.path, content, error)) {
            warn(file.path, "skipped: " + error);
            ++summary.broken;
            continue;  // an indexed earlier version stays: never lose data on a read error
        }
        readers::ReadResult read = readers::read(format, file.path, std::move(content));
        for (const auto& w : read.warnings) warn(file.path, w);
        summary.warnings += read.warnings.size();
        if (!read.error.empty()) {
            warn(file.path, "skipped: " + read.error);
            ++summary.broken;
            continue;
        }
        if (known) db.delete_document(fterm);  // the file's old articles, including removed records
        for (const auto& article : read.articles) {
            Entities entities = extractor.extract(article);
            db.replace_document(id_term(article), build_document(article, entities, stamp, generator));
            ++summary.articles;
            if (++pending >= options.commit_every) {
                db.commit();
                pending = 0;
            }
        }
        ++(known ? summary.updated : summary.indexed);
    }

    // Files that disappeared from below a root that still exists.
    for (const auto& root : walked.roots) {
        std::error_code ec;
        if (!std::filesystem::exists(root, ec)) continue;
        const std::string root_term = file_term(root);
        std::vector<std::string> gone;
        for (auto t = db.allterms_begin(root_term); t != db.allterms_end(root_term); ++t)
            if (under_root(*t, root_term) && !seen_file_terms.count(*t)) gone.push_back(*t);
        for (const auto& term : gone) {
            db.delete_document(term);
            ++summary.deleted;
        }
    }
    store_aliases(db, gazetteer);
    db.commit();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace docket
