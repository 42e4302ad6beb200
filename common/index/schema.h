// The index schema: every term prefix, value slot and metadata key Docket writes,
// declared once and read by both the indexer and the searcher.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <xapian.h>

#include "article.h"
#include "text/hash.h"

namespace docket::schema {

// Bump when the meaning of any prefix, slot or stored format changes: an index
// written with another version is refused (re-index to upgrade).
inline constexpr std::string_view kVersion = "5";  // 4: NFC text, accent-folded terms; 5: kDatedAmounts

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
// instead of its name.
inline constexpr Xapian::valueno kFacetCodes = 2;
// The article's date as in kDate ("        " when it has none), then its distinct amounts in
// their own currencies (amounts.h pack_amounts): what timelines and summaries add up, never
// mixing currencies, from one value read a match.
inline constexpr Xapian::valueno kDatedAmounts = 3;
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
// When the article was first indexed: the stamp (16 hex digits, string-sortable) of the
// commit that first added it, kept when a changed file is indexed again (see kCommitStamp).
// Articles indexed before this slot existed have none: they count as indexed before any stamp.
inline constexpr Xapian::valueno kFirstIndexed = 8;
}  // namespace slot

// The fields of an article, one row each: what a query names it by, how it is
// indexed, and whether (and how) it is a facet. Query fields, facet packing and
// counting, and the printers all loop over this table: adding a facet kind is
// one row here plus its extractor (and, for named entities, its list in article.h Entities).
// Amounts are the one facet of buckets, filled by the amount extractor's buckets.
inline constexpr char kAmountFacet = 'a';
enum class FieldType {
    FreeText,   // words, stemmed under "Z" + prefix (ranked)
    Boolean,    // exact keys, prefix + lower-cased canonical name (filters)
    DateRange,  // a value slot compared as "YYYYMMDD" (see date_value)
    Buckets,    // counted per bucket of values (amounts), not named in queries
};
struct Field {
    std::string_view name;     // typed before ':' in queries ("company:"); the facet's name in output
    std::string_view plural;   // a hit's list of them in output ("companies"); empty when not an entity
    std::string_view prefix;   // term prefix; empty when the field has no terms of its own
    FieldType type;
    char facet = 0;            // leads its lines in kFacets and its codes in kFacetCodes; 0: not a facet
    Xapian::valueno slot = Xapian::BAD_VALUENO;  // value slot a range reads
    bool typed = true;         // users name it in queries
    std::vector<NamedEntity> Entities::*entities = nullptr;  // a named-entity facet's list in Entities
};
// In the order of output: facets as printed, query fields as --help lists them.
inline constexpr Field kFields[] = {
    {"company", "companies", prefix::kCompany, FieldType::Boolean, 'c', Xapian::BAD_VALUENO, true, &Entities::companies},
    {"case", "cases", prefix::kCase, FieldType::Boolean, 'k', Xapian::BAD_VALUENO, true, &Entities::cases},
    {"amount", "amounts", prefix::kAmount, FieldType::Buckets, kAmountFacet, slot::kAmountsUsd, false},
    {"title", "", prefix::kTitle, FieldType::FreeText},
    {"date", "", "", FieldType::DateRange, 0, slot::kDate},
};

// The facet rows of kFields, in table order (the order of facets in output).
inline constexpr std::size_t kFacetKinds = [] {
    std::size_t n = 0;
    for (const Field& f : kFields) n += f.facet != 0;
    return n;
}();
inline constexpr const Field& facet_field(std::size_t index) {
    std::size_t seen = 0;
    for (const Field& f : kFields)
        if (f.facet && seen++ == index) return f;
    throw "no such facet";  // unreachable for index < kFacetKinds
}
// A facet code's place among the facet rows, or kFacetKinds for an unknown code.
inline constexpr std::size_t facet_index(char code) {
    for (std::size_t i = 0; i < kFacetKinds; ++i)
        if (facet_field(i).facet == code) return i;
    return kFacetKinds;
}
// The row a facet is named by in output and --list ("company"), or nullptr.
inline const Field* facet_named(std::string_view name) {
    for (const Field& f : kFields)
        if (f.facet && f.name == name) return &f;
    return nullptr;
}

// kDate's encoding of an ISO date: "2025-03-21" -> "20250321".
inline std::string date_value(std::string_view iso_date) {
    return std::string(iso_date.substr(0, 4)) + std::string(iso_date.substr(5, 2)) + std::string(iso_date.substr(8, 2));
}

// The kDatedAmounts value of an article: its date's part is kDayBytes long.
inline constexpr std::size_t kDayBytes = 8;
inline std::string dated_amounts(std::string_view iso_date, std::string_view packed_amounts) {
    return (iso_date.empty() ? std::string(kDayBytes, ' ') : date_value(iso_date)) + std::string(packed_amounts);
}
// A kDatedAmounts value's day as a number (its bytes big-endian, so numbers compare as the days
// do), for counters that key by day; 0 for a value too short to have one. And back.
inline std::uint64_t day_number(std::string_view dated_amounts) {
    if (dated_amounts.size() < kDayBytes) return 0;
    std::uint64_t day = 0;
    for (std::size_t i = 0; i < kDayBytes; ++i) day = day << 8 | static_cast<unsigned char>(dated_amounts[i]);
    return day;
}
inline std::string day_bytes(std::uint64_t day) {
    std::string ymd(kDayBytes, ' ');
    for (std::size_t i = kDayBytes; i-- > 0; day >>= 8) ymd[i] = static_cast<char>(day & 0xff);
    return ymd;
}

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
// This index's own id (16 hex digits, written by its first indexing run and kept by
// compaction): what a saved search's "checked up to" stamps are recorded against, per shard.
inline constexpr std::string_view kIndexId = "docket.index_id";
// The stamp the latest commit gave the articles it added (slot kFirstIndexed): larger than
// every stamp before it in this index, so "first indexed after S" is exact per index.
inline constexpr std::string_view kCommitStamp = "docket.commit_stamp";
}  // namespace meta

// Xapian refuses terms longer than 245 bytes; ids and paths are cut well below.
inline constexpr std::size_t kMaxTermBytes = 240;

// prefix + value, or, when that is too long for a term, prefix + the value's
// first 200 bytes + "#" + a hash of the whole value (still unique, and still
// sorted under the value's leading bytes so a directory's files stay together).
inline std::string bounded_term(std::string_view prefix, std::string_view value) {
    if (prefix.size() + value.size() <= kMaxTermBytes) return std::string(prefix) + std::string(value);
    return std::string(prefix) + std::string(value.substr(0, 200)) + "#" + text::hex_digits(text::fnv1a(value));
}

}  // namespace docket::schema
