// A small in-memory index built with the real document builder and the built-in
// gazetteer's alias table, for tests of queries and counting.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "document.h"
#include "entities/entities.h"
#include "index/alias_table.h"
#include "index/schema.h"
#include "index/schema_version.h"
#include "text/analysis.h"

namespace docket::test {

struct Doc {
    const char *id, *title, *date, *body;
};

inline Xapian::Database index_of(const std::vector<Doc>& docs) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    schema::record_version(db);
    for (const auto& [lower, company] : Gazetteer::builtin().lower_forms())
        alias_table::write(db, lower, Gazetteer::builtin().names()[company], Gazetteer::builtin().is_ambiguous_form(lower));
    EntityExtractor ex(Gazetteer::builtin());
    analysis::TermIndexer tg;
    for (const auto& d : docs) {
        Article a;
        a.id = a.path = d.id;
        a.title = d.title;
        a.date = d.date;
        a.body = d.body;
        db.replace_document(id_term(a), build_document(a, ex.extract(a), "1:1", tg));
    }
    db.commit();
    return db;
}

}  // namespace docket::test
