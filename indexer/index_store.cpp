#include "index_store.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "entities/entities.h"
#include "index/alias_table.h"
#include "index/schema.h"
#include "index/schema_version.h"

namespace docket {
namespace {

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
        schema::record_version(fresh);
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

}  // namespace

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
    if (std::optional<std::string> version = schema::other_version(db)) {
        // An empty index that records no version holds nothing of another schema: write into it.
        if (version->empty() && db.get_doccount() > 0)
            throw IndexError(path + " is not a Docket index (it holds documents but no schema version)");
        if (!version->empty())
            throw IndexError("index " + path + " has schema version " + *version + ", this indexer writes version " +
                             std::string(schema::kVersion) + ": re-index into a new directory");
    }
    return db;
}

void store_aliases(Xapian::WritableDatabase& db, const Gazetteer& gazetteer) {
    const std::string key(schema::meta::kGazetteerVersion);
    if (db.get_metadata(key) == entities_version(gazetteer)) return;
    for (const auto& [lower, company] : gazetteer.lower_forms())
        alias_table::write(db, lower, gazetteer.names()[company], gazetteer.is_ambiguous_form(lower));
    db.set_metadata(key, entities_version(gazetteer));
}

}  // namespace docket
