// Plain data passed between the indexer's stages: an article as read from a file,
// and the entities extracted from it.
#pragma once

#include <string>
#include <vector>

namespace docket {

struct Article {
    std::string id;      // unique id: source path, plus "#" + per-record id for .json/.jsonl
    std::string path;    // source file path (absolute)
    std::string title;
    std::string date;    // "YYYY-MM-DD", or empty when unknown
    std::string url;
    std::string source;
    std::string body;    // visible plain text, UTF-8
};

// A span of the text the extractors saw (see extraction_text()).
struct Mention {
    std::string text;
    std::size_t offset = 0;  // byte offset
};

// An entity known by a canonical name: a company ("Meta") or a case ("Kadrey v. Meta").
struct NamedEntity {
    std::string name;
    std::vector<Mention> mentions;
};
using CompanyEntity = NamedEntity;
using CaseEntity = NamedEntity;

struct Amount {
    std::string text;      // surface text, e.g. "$60 billion-$80 billion"
    std::size_t offset = 0;
    std::string currency;  // ISO 4217 code, e.g. "USD"
    double min = 0;
    double max = 0;
};

struct Entities {
    std::vector<CompanyEntity> companies;  // sorted by name
    std::vector<CaseEntity> cases;         // sorted by name
    std::vector<Amount> amounts;           // in text order
};

// The text entity offsets refer to: the title, a blank line, then the body.
inline std::string extraction_text(const Article& a) {
    return a.title.empty() ? a.body : a.title + "\n\n" + a.body;
}

}  // namespace docket
