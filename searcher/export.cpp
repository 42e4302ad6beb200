#include "export.h"

#include "printers.h"

namespace docket {
namespace {

// Hits fetched per search: big enough that the ranking's fixed cost is spread, small
// enough that a page of stored records is a few megabytes at most.
constexpr unsigned kExportPage = 500;

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
