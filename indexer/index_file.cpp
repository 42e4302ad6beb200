#include "index_file.h"

#include <cstdint>
#include <cstdio>

#include "document.h"
#include "first_indexed.h"
#include "index/schema.h"
#include "text/hash.h"
#include "text/read_file.h"
#include "warn.h"

namespace docket {
namespace {

bool read_file(const std::string& path, std::string& out, std::string& error) {
    switch (text::read_whole_file(path, out)) {
        case text::ReadStatus::Ok: return true;
        case text::ReadStatus::CannotOpen: error = "cannot open file (permission denied or removed)"; break;
        case text::ReadStatus::ReadError: error = "read error"; break;
    }
    return false;
}

std::string content_hash(std::string_view content) { return text::hex_digits(text::fnv1a(content)); }

}  // namespace

std::string file_state_key(const std::string& file_term) {
    return schema::bounded_term(schema::meta::kFilePrefix, file_term.substr(schema::prefix::kFile.size()));
}

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
        p.documents.push_back(build_document(article, entities, task.stamp, terms));
    }
    return p;
}

void delete_file(Xapian::WritableDatabase& db, const std::string& file_term) {
    std::vector<Xapian::docid> docids(db.postlist_begin(file_term), db.postlist_end(file_term));
    for (Xapian::docid id : docids) db.delete_document(id);
}

void write_prepared(Xapian::WritableDatabase& db, const Task& t, Prepared&& p, IndexSummary& summary,
                    const std::string& first_indexed) {
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
        EarlierStamps earlier;
        if (t.known) {
            earlier = first_indexed_of_file(db, t.file_term);
            delete_file(db, t.file_term);  // its old articles, including removed records
        }
        // Ids start with the file's path, so once the file's old articles are gone no
        // other document can hold them: add, with no lookup of the id term.
        for (auto& doc : p.documents) {
            stamp_first_indexed(doc, earlier, first_indexed);
            db.add_document(doc);
        }
        db.set_metadata(state_key, t.stamp + " " + p.hash);
        summary.articles += p.documents.size();
        ++(t.known ? summary.updated : summary.indexed);
    }
}

void add_counts(IndexSummary& into, const IndexSummary& from) {
    into.indexed += from.indexed;
    into.updated += from.updated;
    into.unchanged += from.unchanged;
    into.deleted += from.deleted;
    into.unsupported += from.unsupported;
    into.broken += from.broken;
    into.articles += from.articles;
    into.warnings += from.warnings;
    into.bytes += from.bytes;
}

}  // namespace docket
