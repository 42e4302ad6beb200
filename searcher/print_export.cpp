// The export formats' printer: CSV (RFC 4180), TSV and JSON lines, one row per hit.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "index/entities_json.h"
#include "index/schema.h"
#include "printers.h"

namespace docket {
namespace {

std::string number(double v) {
    char buf[40];
    if (std::fabs(v) < 1e15 && v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : "; ") + s;
    return out;
}

// The cells of one hit, in header order.
std::vector<std::string> cells(const Hit& h) {
    std::vector<std::string> companies, cases, amounts;
    for (const auto& c : h.entities.companies) companies.push_back(c.name);
    for (const auto& c : h.entities.cases) cases.push_back(c.name);
    for (const auto& a : h.entities.amounts)
        amounts.push_back(a.currency + " " + number(a.min) + (a.max != a.min ? "-" + number(a.max) : ""));
    char score[32];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    return {std::to_string(h.rank), score,           h.article.date,  h.article.title,
            h.article.path,         h.article.id,    joined(companies), joined(cases),
            joined(amounts)};
}

const std::vector<std::string> kColumns{"rank", "score", "date", "title", "path", "id", "companies", "cases", "amounts"};

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string tsv_field(std::string s) {
    for (char& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

void delimited(ExportFormat format, const std::vector<std::string>& row, std::ostream& out) {
    const bool csv = format == ExportFormat::Csv;
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? (csv ? "," : "\t") : "") << (csv ? csv_field(row[i]) : tsv_field(row[i]));
    out << (csv ? "\r\n" : "\n");
}

}  // namespace

void print_export_header(ExportFormat format, std::ostream& out) {
    if (format != ExportFormat::Jsonl) delimited(format, kColumns, out);
}

void print_export_row(ExportFormat format, const Hit& h, std::ostream& out) {
    if (format != ExportFormat::Jsonl) return delimited(format, cells(h), out);
    nlohmann::ordered_json j = {{"rank", h.rank},           {"score", h.score}, {"date", h.article.date},
                                {"title", h.article.title}, {"path", h.article.path}, {"id", h.article.id}};
    for (const schema::Field& field : schema::kFields)
        if (field.facet) j[std::string(field.plural)] = entities_json(h.entities, field, false);
    out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace docket
