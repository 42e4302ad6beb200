// The index schema: every term prefix, value slot and metadata key Docket writes,
// declared once and read by both the indexer and the searcher.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <xapian.h>

namespace docket::schema {

// Bump when the meaning of any prefix, slot or stored format changes: an index
// written with another version is refused (re-index to upgrade).
inline constexpr std::string_view kVersion = "4";  // 4: NFC text, accent-folded terms

// Term prefixes. Single capitals follow Xapian's conventions; our own start
// with X and end with ':' so a value starting with a capital stays unambiguous.
namespace prefix {
inline constexpr std::string_view kId = "Q";           // unique article id (boolean)
inline constexpr std::string_view kTitle = "S";        // title words (probabilistic)
inline constexpr std::string_view kFile = "XFILE:";    // source file path (boolean; all articles of one file)
inline constexpr std::string_view kCompany = "XCO:";   // company key, lower-case canonical name (boolean)
inline constexpr std::string_view kCase = "XCASE:";    // case key, lower-case canonical case name (boolean)
inline constexpr std::string_view kAmount = "XAMT:";   // amount bucket key (boolean)
inline constexpr std::string_view kCurrency = "XCUR:"; // ISO currency code of any amount (boolean)
inline constexpr std::string_view kContent = "XHASH:"; // the content-hash slot's value (boolean): finds duplicates
// A facet value's name by its code: "XFN:" + kind + 12 hex digits + ":" + value
// (boolean; see facets.h facet_name_term), so a search names the codes it counted.
inline constexpr std::string_view kFacetName = "XFN:";
// On every article whose title and text another article of the same database
// repeats (boolean, no value; kept up to date at the end of each indexing run).
inline constexpr std::string_view kHasDuplicate = "XDUP";
}  // namespace prefix

// Value slots. Encodings are documented next to each slot.
namespace slot {
// "YYYYMMDD" (string-sortable); empty when the article has no date.
inline constexpr Xapian::valueno kDate = 0;
// Every facet value of the article in one packed list (see facets.h
// pack_facets): companies, cases and amount buckets, each line led by its
// kind, so one value read per match counts all three facets.
inline constexpr Xapian::valueno kFacets = 1;
// The same values as 7-byte codes (kind, then 48 bits of a hash of the line;
// see facets.h facet_codes): what a local search counts, a few bytes a value
// instead of its name. Slot 3 is unused.
inline constexpr Xapian::valueno kFacetCodes = 2;
// Amounts as USD-equivalent [min,max] pairs of sortable_serialise()d doubles
// (see amounts.h pack_usd_ranges).
inline constexpr Xapian::valueno kAmountsUsd = 4;
// "<mtime_ns>:<size>" of the source file when the document was built.
inline constexpr Xapian::valueno kFileStamp = 5;
// 16 hex digits hashing the article's title and text (white space collapsed):
// the collapse key that folds exact duplicates stored under several paths.
inline constexpr Xapian::valueno kContentHash = 6;
// The id a TREC run names the article by: a .json/.jsonl record's own id, else
// the article id (its path). Read without loading the document's data.
inline constexpr Xapian::valueno kRecordId = 7;
}  // namespace slot

// Database metadata keys.
namespace meta {
inline constexpr std::string_view kSchemaVersion = "docket.schema";
inline constexpr std::string_view kGazetteerVersion = "docket.gazetteer";
// "docket.alias:" + lower-cased company surface form -> canonical company name,
// after a "~" when the form is also a common word ("llama", "target").
inline constexpr std::string_view kAliasPrefix = "docket.alias:";
// "docket.file:" + file path -> "<mtime_ns>:<size> <content hash>" of the indexed version.
inline constexpr std::string_view kFilePrefix = "docket.file:";
// Number of articles whose title and text another article of this database
// repeats (written by every indexing run); "0" lets the searcher skip collapsing.
inline constexpr std::string_view kDuplicates = "docket.duplicates";
// In each shard of a set: one id per marking pass over the whole set, which then
// marked duplicates across shards and wrote the set-wide kDuplicates. Shards that
// share it can fold duplicates from their marks; any other run clears it.
inline constexpr std::string_view kDuplicatesAcross = "docket.duplicates_across";
// "1" while a new index waits for its first indexing run's commit (searchers
// answer "not ready" instead of "No matches"); cleared by every run's commit.
inline constexpr std::string_view kFirstBuild = "docket.first_build";
}  // namespace meta

// Xapian refuses terms longer than 245 bytes; ids and paths are cut well below.
inline constexpr std::size_t kMaxTermBytes = 240;

// prefix + value, or, when that is too long for a term, prefix + the value's
// first 200 bytes + "#" + a hash of the whole value (still unique, and still
// sorted under the value's leading bytes so a directory's files stay together).
inline std::string bounded_term(std::string_view prefix, std::string_view value) {
    if (prefix.size() + value.size() <= kMaxTermBytes) return std::string(prefix) + std::string(value);
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : value) h = (h ^ c) * 1099511628211ULL;
    char hex[17];
    for (int i = 15; i >= 0; --i, h >>= 4) hex[i] = "0123456789abcdef"[h & 15];
    hex[16] = 0;
    return std::string(prefix) + std::string(value.substr(0, 200)) + "#" + hex;
}

}  // namespace docket::schema
