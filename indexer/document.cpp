#include "document.h"

#include <cstdint>
#include <cstdio>
#include <set>

#include "entities/amounts.h"
#include "text/analysis.h"
#include "index/facets.h"
#include "index/schema.h"
#include "index/stored.h"
#include "text/hash.h"
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
    // 64 bits: accidental collisions are negligible at archive sizes.
    std::uint64_t h = text::fnv1a(text::collapse_space(a.title));
    h = text::fnv1a("\n", h);
    return text::hex_digits(text::fnv1a(text::collapse_space(a.body), h));
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

    // Each facet's values, with a boolean term apiece to filter by.
    FacetValuesByKind values(schema::kFacetKinds);
    for (std::size_t k = 0; k < schema::kFacetKinds; ++k) {
        const schema::Field& field = schema::facet_field(k);
        if (field.entities)
            for (const auto& entity : e.*field.entities) {
                values[k].push_back(entity.name);
                doc.add_boolean_term(schema::bounded_term(field.prefix, facet_key(entity.name)));
            }
    }
    std::set<const AmountBucket*> seen_buckets;
    for (const auto& m : e.amounts) {
        doc.add_boolean_term(std::string(schema::prefix::kCurrency) + m.currency);
        for (const AmountBucket* b : buckets_for(m)) seen_buckets.insert(b);
    }
    std::vector<std::string>& buckets = values[schema::facet_index(schema::kAmountFacet)];
    for (const auto& b : amount_buckets()) {  // bucket order, smallest first
        if (!seen_buckets.count(&b)) continue;
        buckets.push_back(b.label);
        doc.add_boolean_term(std::string(schema::prefix::kAmount) + b.key);
    }

    if (!a.date.empty()) doc.add_value(schema::slot::kDate, schema::date_value(a.date));
    const std::string facets = pack_facets(values);
    doc.add_value(schema::slot::kFacets, facets);
    doc.add_value(schema::slot::kFacetCodes, facet_codes(facets));
    for (const auto& term : facet_name_terms(facets)) doc.add_boolean_term(term);
    if (!e.amounts.empty()) doc.add_value(schema::slot::kAmountsUsd, pack_usd_ranges(e.amounts));
    doc.add_value(schema::slot::kDatedAmounts, schema::dated_amounts(a.date, pack_amounts(distinct_amounts(e.amounts))));
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
