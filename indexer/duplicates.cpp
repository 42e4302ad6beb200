#include "duplicates.h"

#include <chrono>
#include <random>
#include <set>
#include <vector>

#include "index/schema.h"
#include "index/shard_set.h"
#include "index_store.h"

namespace docket {
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

}  // namespace

std::size_t mark_duplicates(Xapian::WritableDatabase& db) {
    std::set<Xapian::docid> repeated;
    std::size_t duplicates = find_duplicates(db, repeated);
    set_marks(db, repeated);
    return duplicates;
}

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
                             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    for (std::size_t k = 0; k < shards; ++k) {
        Xapian::WritableDatabase db = open_for_writing(shard_set::shard_path(set_dir, k), gazetteer);
        set_marks(db, want[k]);
        db.set_metadata(std::string(schema::meta::kDuplicates), std::to_string(duplicates));
        db.set_metadata(std::string(schema::meta::kDuplicatesAcross), pass);
        db.commit();
    }
}

}  // namespace docket
