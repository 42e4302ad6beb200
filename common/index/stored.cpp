#include "index/stored.h"

#include "entities/amounts.h"
#include "index/entities_json.h"
#include "text/text.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace docket {

using nlohmann::json;

std::string encode_stored(const Article& a, const Entities& e) {
    json j = {{"id", a.id}, {"path", a.path}, {"title", a.title}, {"date", a.date},
              {"url", a.url}, {"source", a.source}, {"body", a.body}};
    // Amounts as a hit shows them: each distinct one once.
    Entities amounts;
    amounts.amounts = distinct_amounts(e.amounts);
    for (const schema::Field& field : schema::kFields)
        if (field.facet) j[std::string(field.plural)] = json(entities_json(field.entities ? e : amounts, field, false));
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

StoredArticle decode_stored(const std::string& data) {
    StoredArticle s;
    json j = json::parse(data, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error("unreadable document record");
    auto str = [&](const char* key) { return j.value(key, std::string()); };
    s.article.id = str("id");
    s.article.path = str("path");
    s.article.title = str("title");
    s.article.date = str("date");
    s.article.url = str("url");
    s.article.source = str("source");
    s.article.body = str("body");
    for (const auto& c : j.value("companies", json::array())) s.entities.companies.push_back({c.get<std::string>(), {}});
    for (const auto& c : j.value("cases", json::array())) s.entities.cases.push_back({c.get<std::string>(), {}});
    for (const auto& m : j.value("amounts", json::array())) {
        Amount a;
        a.text = m.value("text", std::string());
        a.currency = m.value("currency", std::string());
        a.min = m.value("min", 0.0);
        a.max = m.value("max", 0.0);
        s.entities.amounts.push_back(std::move(a));
    }
    return s;
}

}  // namespace docket
