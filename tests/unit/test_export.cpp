// Export rows (searcher/print_export.cpp): RFC 4180 quoting, TSV's field cleaning, JSON lines.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "printers.h"

using namespace docket;

namespace {

Hit hit_titled(const std::string& title) {
    Hit h;
    h.rank = 3;
    h.score = 1.23456;
    h.article.title = title;
    h.article.date = "2025-03-21";
    h.article.path = h.article.id = "/a.md";
    h.entities.companies = {{"Meta", {}}, {"Amazon", {}}};
    h.entities.cases = {{"Kadrey v. Meta", {}}};
    h.entities.amounts = {{"$60 billion-$80 billion", 0, "USD", 6e10, 8e10}, {"€5m", 0, "EUR", 5e6, 5e6}};
    return h;
}

std::string row(ExportFormat format, const Hit& h) {
    std::ostringstream out;
    print_export_row(format, h, out);
    return out.str();
}

}  // namespace

TEST_CASE("CSV rows quote as RFC 4180, only where a field needs it", "[export]") {
    const struct {
        std::string title, cell;
    } cases[] = {
        {"Plain title", "Plain title"},
        {"Meta wins, with caveats", "\"Meta wins, with caveats\""},
        {"The \"AI\" deal", "\"The \"\"AI\"\" deal\""},
        {"Two\nlines", "\"Two\nlines\""},
        {"Carriage\rreturn", "\"Carriage\rreturn\""},
        {"Semicolon; apostrophe's", "Semicolon; apostrophe's"},  // near-misses: no quoting
        {"Tab\there", "Tab\there"},
        {"", ""},
    };
    for (const auto& c : cases) {
        INFO(c.title);
        CHECK(row(ExportFormat::Csv, hit_titled(c.title)) ==
              "3,1.2346,2025-03-21," + c.cell + ",/a.md,/a.md,Meta; Amazon,Kadrey v. Meta,USD 60000000000-80000000000; EUR 5000000\r\n");
    }
    std::ostringstream header;
    print_export_header(ExportFormat::Csv, header);
    CHECK(header.str() == "rank,score,date,title,path,id,companies,cases,amounts\r\n");
}

TEST_CASE("TSV rows turn tabs and line breaks inside a field into spaces", "[export]") {
    CHECK(row(ExportFormat::Tsv, hit_titled("A\tB\nC, \"D\"")) ==
          "3\t1.2346\t2025-03-21\tA B C, \"D\"\t/a.md\t/a.md\tMeta; Amazon\tKadrey v. Meta\t"
          "USD 60000000000-80000000000; EUR 5000000\n");
}

TEST_CASE("JSON lines: one object per hit, entities as in --json, no header", "[export]") {
    std::ostringstream header;
    print_export_header(ExportFormat::Jsonl, header);
    CHECK(header.str().empty());
    const std::string line = row(ExportFormat::Jsonl, hit_titled("Line\nbreak"));
    CHECK(line.find('\n') == line.size() - 1);  // the title's newline is escaped
    auto j = nlohmann::json::parse(line);
    CHECK(j["title"] == "Line\nbreak");
    CHECK(j["companies"] == nlohmann::json({"Meta", "Amazon"}));
    CHECK(j["amounts"][1]["currency"] == "EUR");
    CHECK(export_format("csv") == ExportFormat::Csv);
    CHECK_FALSE(export_format("CSV"));
    CHECK_FALSE(export_format("xlsx"));
}
