#include "targets.h"

#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "entities/amounts.h"
#include "text/analysis.h"
#include "entities/cases.h"
#include "document.h"
#include "index_set.h"
#include "entities/entities.h"
#include "query.h"
#include "readers.h"
#include "index/alias_table.h"
#include "index/schema.h"
#include "index/schema_version.h"
#include "search.h"

namespace docket::fuzz {

void readers(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    static const readers::Format formats[] = {readers::Format::Markdown, readers::Format::Text, readers::Format::Html,
                                              readers::Format::Json, readers::Format::JsonLines};
    auto format = formats[data[0] % 5];
    auto r = readers::read(format, "/fuzz/input", std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    static const EntityExtractor extractor(Gazetteer::builtin());
    for (const auto& a : r.articles) extractor.extract(a);
}

void extract(const std::uint8_t* data, std::size_t size) {
    static const EntityExtractor extractor(Gazetteer::builtin());
    std::string_view text(reinterpret_cast<const char*>(data), size);
    extractor.extract_text(text);
    normalize_case_name(text, [](std::string_view p) { return Gazetteer::builtin().canonical_for(p); });
    parse_amount_bound(text);
}

void query(const std::uint8_t* data, std::size_t size) {
    static const Xapian::Database db = [] {
        Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
        schema::record_version(w);
        alias_table::write(w, "facebook", "Meta", false);
        analysis::TermIndexer tg;
        EntityExtractor ex(Gazetteer::builtin());
        Article a;
        a.id = a.path = "/a.md";
        a.title = "Meta shares Llama revenue";
        a.date = "2025-03-21";
        a.body = "In Kadrey v. Meta, Meta planned $60 billion-$80 billion of spending with AWS.";
        w.add_document(build_document(a, ex.extract(a), "1:1", tg));
        w.commit();
        return Xapian::Database(w);
    }();
    SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data), size);
    try {
        search(db, request, Highlight{});
    } catch (const QueryError&) {
        // a malformed query: reported to the user, not a crash
    } catch (const Xapian::QueryParserError&) {
    }
}

void stubs(const std::uint8_t* data, std::size_t size) {
    namespace fs = std::filesystem;
    static const fs::path dir = fs::temp_directory_path() / ("docket-fuzz-stubs-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string_view input(reinterpret_cast<const char*>(data), size);
    for (int k = 0; k < 8; ++k) {
        const std::size_t nul = input.find('\0');
        std::ofstream(dir / ("s" + std::to_string(k)), std::ios::binary) << input.substr(0, nul);
        if (nul == std::string_view::npos) break;
        input.remove_prefix(nul + 1);
    }
    try {
        IndexSet indexes({{(dir / "s0").string()}, {}, 100, false});
    } catch (const IndexOpenError&) {
        // a cycle, a bad line, no index: reported to the user, not a crash
    } catch (const Xapian::Error&) {
    }
    fs::remove_all(dir);
}

bool run(std::string_view name, const std::uint8_t* data, std::size_t size) {
    if (name == "readers") readers(data, size);
    else if (name == "extract") extract(data, size);
    else if (name == "query") query(data, size);
    else if (name == "stubs") stubs(data, size);
    else return false;
    return true;
}

}  // namespace docket::fuzz
