#include "export.h"

#include "printers.h"

namespace docket {
namespace {

// Hits fetched per search. Each page ranks and counts the matches again, so a page must be
// big (138k rows at x16: 66 s with pages of 500, 12 s with 5,000); it holds only titles,
// paths and entities (no text), a few megabytes.
constexpr unsigned kExportPage = 5000;

}  // namespace

std::optional<ExportFormat> export_format(std::string_view name) {
    if (name == "csv") return ExportFormat::Csv;
    if (name == "tsv") return ExportFormat::Tsv;
    if (name == "jsonl") return ExportFormat::Jsonl;
    return std::nullopt;
}

std::string_view export_content_type(ExportFormat format) {
    switch (format) {
        case ExportFormat::Csv: return "text/csv; charset=utf-8";
        case ExportFormat::Tsv: return "text/tab-separated-values; charset=utf-8";
        case ExportFormat::Jsonl: return "application/jsonl; charset=utf-8";
    }
    return "text/plain";
}

std::size_t export_hits(const PageSearch& search, SearchRequest request, ExportFormat format, std::ostream& out) {
    const unsigned wanted = request.limit;  // 0: every match
    request.facets = false;
    request.snippets = false;
    std::size_t written = 0;
    print_export_header(format, out);
    while (out && (wanted == 0 || written < wanted)) {
        request.limit = wanted == 0 ? kExportPage : std::min<unsigned>(kExportPage, wanted - static_cast<unsigned>(written));
        const SearchResult page = search(request);
        for (const Hit& h : page.hits) print_export_row(format, h, out);
        written += page.hits.size();
        if (page.hits.size() < request.limit) break;  // the last page
        request.offset += request.limit;
    }
    out.flush();
    return written;
}

}  // namespace docket
