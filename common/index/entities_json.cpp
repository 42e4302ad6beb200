#include "index/entities_json.h"

namespace docket {

using nlohmann::ordered_json;

ordered_json amount_json(const Amount& a, bool with_offset) {
    ordered_json j = {{"text", a.text}};
    if (with_offset) j["offset"] = a.offset;
    j["currency"] = a.currency;
    j["min"] = a.min;
    j["max"] = a.max;
    return j;
}

ordered_json entities_json(const Entities& entities, const schema::Field& field, bool with_mentions) {
    ordered_json out = ordered_json::array();
    if (!field.entities) {  // the amounts
        for (const Amount& a : entities.amounts) out.push_back(amount_json(a, with_mentions));
        return out;
    }
    for (const NamedEntity& e : entities.*field.entities) {
        if (!with_mentions) {
            out.push_back(e.name);
            continue;
        }
        ordered_json mentions = ordered_json::array();
        for (const Mention& m : e.mentions) mentions.push_back({{"text", m.text}, {"offset", m.offset}});
        out.push_back({{"name", e.name}, {"mentions", std::move(mentions)}});
    }
    return out;
}

}  // namespace docket
