// JSON (.json: one record or an array of records) and JSON Lines (.jsonl,
// .ndjson: one record a line); a record's fields name its title, text, date, url and source.
#include "readers.h"

#include <nlohmann/json.hpp>

#include "readers/shared.h"
#include "text/text.h"

namespace docket::readers {
using namespace detail;

namespace {

// Maps one JSON record to an article; false (and a reason) when it has no text.
bool article_from_json(const nlohmann::json& j, const std::string& path, const std::string& fallback_id,
                       Article& a, std::string& reason) {
    if (!j.is_object()) {
        reason = "not a JSON object";
        return false;
    }
    auto field = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys) {
            auto it = j.find(k);
            if (it == j.end() || it->is_null()) continue;
            if (it->is_string()) return it->get<std::string>();
            if (it->is_number()) return it->dump();
        }
        return {};
    };
    a.path = path;
    std::string id = field({"id", "_id"});
    a.id = path + "#" + (id.empty() ? fallback_id : id);
    a.title = text::collapse_space(field({"title", "headline"}));
    a.body = field({"text", "body", "content"});
    a.date = text::normalize_date(field({"date", "published", "published_at"}));
    a.url = field({"url", "link"});
    a.source = field({"source"});
    if (a.title.empty() && text::trim(a.body).empty()) {
        reason = "no title and no text/body/content field";
        return false;
    }
    return true;
}

}  // namespace

ReadResult read_json(const std::string& path, std::string_view content) {
    ReadResult r;
    nlohmann::json j = nlohmann::json::parse(content, nullptr, false);
    if (j.is_discarded()) {
        r.error = "invalid JSON";
        return r;
    }
    std::vector<nlohmann::json> records;
    if (j.is_array()) records.assign(j.begin(), j.end());
    else records.push_back(std::move(j));
    for (std::size_t i = 0; i < records.size(); ++i) {
        Article a;
        std::string reason;
        if (article_from_json(records[i], path, "R" + std::to_string(i + 1), a, reason))
            r.articles.push_back(std::move(a));
        else
            r.warnings.push_back("record " + std::to_string(i + 1) + ": " + reason);
    }
    if (r.articles.empty() && r.error.empty()) r.error = "no article records";
    return r;
}

ReadResult read_jsonl(const std::string& path, std::string_view content) {
    ReadResult r;
    std::size_t pos = 0, line_no = 0;
    while (pos < content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string_view line = content.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (text::trim(line).empty()) continue;
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        Article a;
        std::string reason = "invalid JSON";
        if (!j.is_discarded() && article_from_json(j, path, "L" + std::to_string(line_no), a, reason))
            r.articles.push_back(std::move(a));
        else
            r.warnings.push_back("line " + std::to_string(line_no) + ": " + reason);
    }
    if (r.articles.empty()) r.error = r.warnings.empty() ? "empty file" : "no valid lines";
    return r;
}

}  // namespace docket::readers
