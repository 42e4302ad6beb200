#include "document.h"

#include <cstdint>
#include <cstdio>
#include <set>

#include "entities/amounts.h"
#include "text/analysis.h"
#include "index/facets.h"
#include "index/schema.h"
#include "index/stored.h"
#include "text/text.h"

namespace docket {

std::string id_term(const Article& article) { return schema::bounded_term(schema::prefix::kId, article.id); }

std::string file_term(const std::string& path) { return schema::bounded_term(schema::prefix::kFile, path); }

std::string record_id(const Article& a) {
    if (a.id.size() > a.path.size() + 1 && a.id.compare(0, a.path.size(), a.path) == 0 && a.id[a.path.size()] == '#')
        return a.id.substr(a.path.size() + 1);
    return a.id;
}

std::string content_key(const Article& a) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a, 64 bits: accidental collisions are negligible at archive sizes
    for (const std::string& part : {text::collapse_space(a.title), std::string("\n"), text::collapse_space(a.body)})
        for (unsigned char c : part) h = (h ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

Xapian::Document build_document(const Article& a, const Entities& e, const std::string& file_stamp,
                                analysis::TermIndexer& terms) {
    Xapian::Document doc;
    Xapian::TermGenerator& generator = terms.generator();
    generator.set_document(doc);
    generator.index_text(a.title, 1, std::string(schema::prefix::kTitle));
    generator.increase_termpos();
    generator.index_text(a.title, analysis::kTitleWdf);
    generator.increase_termpos(100);  // no phrase matches across title and body
    generator.index_text(a.body);
    terms.add_folded_terms(doc);

    doc.add_boolean_term(id_term(a));
    doc.add_boolean_term(file_term(a.path));

    std::vector<std::string> companies, cases, buckets;
    for (const auto& c : e.companies) {
        companies.push_back(c.name);
        doc.add_boolean_term(schema::bounded_term(schema::prefix::kCompany, facet_key(c.name)));
    }
    for (const auto& c : e.cases) {
        cases.push_back(c.name);
        doc.add_boolean_term(schema::bounded_term(schema::prefix::kCase, facet_key(c.name)));
    }
    std::set<const AmountBucket*> seen_buckets;
    for (const auto& m : e.amounts) {
        doc.add_boolean_term(std::string(schema::prefix::kCurrency) + m.currency);
        for (const AmountBucket* b : buckets_for(m)) seen_buckets.insert(b);
    }
    for (const auto& b : amount_buckets()) {  // bucket order, smallest first
        if (!seen_buckets.count(&b)) continue;
        buckets.push_back(b.label);
        doc.add_boolean_term(std::string(schema::prefix::kAmount) + b.key);
    }

    if (!a.date.empty()) {
        std::string ymd = a.date.substr(0, 4) + a.date.substr(5, 2) + a.date.substr(8, 2);
        doc.add_value(schema::slot::kDate, ymd);
    }
    const std::string facets = pack_facets(companies, cases, buckets);
    doc.add_value(schema::slot::kFacets, facets);
    doc.add_value(schema::slot::kFacetCodes, facet_codes(facets));
    for (const auto& term : facet_name_terms(facets)) doc.add_boolean_term(term);
    if (!e.amounts.empty()) doc.add_value(schema::slot::kAmountsUsd, pack_usd_ranges(e.amounts));
    doc.add_value(schema::slot::kFileStamp, file_stamp);
    const std::string content = content_key(a);
    doc.add_value(schema::slot::kContentHash, content);
    doc.add_boolean_term(std::string(schema::prefix::kContent) + content);
    doc.add_value(schema::slot::kRecordId, record_id(a));
    doc.set_data(encode_stored(a, e));
    // Let go of the document: Xapian's handles count references without atomics,
    // and the document is written by another thread than the one that built it.
    generator.set_document(Xapian::Document());
    return doc;
}

}  // namespace docket
