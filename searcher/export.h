// Exports: every hit of a search (or its first --limit) as CSV, TSV or JSON lines,
// written as it is read, a page of the ranking at a time, so memory stays flat
// however many articles match.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "search.h"

namespace docket {

enum class ExportFormat { Csv, Tsv, Jsonl };

// "csv", "tsv", "jsonl"; nullopt for another name.
std::optional<ExportFormat> export_format(std::string_view name);
std::string_view export_content_type(ExportFormat format);

// Runs `search` a page at a time from request.offset, writing each hit as it comes, up to
// request.limit hits (0 = every match), and stops early once `out` fails (a closed pipe).
// Facets and snippets are not computed. Returns the number of rows written.
using PageSearch = std::function<SearchResult(const SearchRequest&)>;
std::size_t export_hits(const PageSearch& search, SearchRequest request, ExportFormat format, std::ostream& out);

}  // namespace docket
