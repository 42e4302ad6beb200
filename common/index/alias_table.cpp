#include "index/alias_table.h"

#include "index/schema.h"

namespace docket::alias_table {
namespace {

constexpr char kAmbiguousMarker = '~';

std::string key_of(std::string_view lower_form) {
    std::string key(schema::meta::kAliasPrefix);
    key += lower_form;
    return key;
}

}  // namespace

void write(Xapian::WritableDatabase& db, std::string_view lower_form, std::string_view canonical, bool ambiguous) {
    std::string key = key_of(lower_form);
    if (key.size() > schema::kMaxTermBytes) return;
    std::string value = ambiguous ? std::string(1, kAmbiguousMarker) : std::string();
    value += canonical;
    db.set_metadata(key, value);
}

Entry lookup(const Xapian::Database& db, std::string_view lower_form) {
    Entry entry;
    entry.canonical = db.get_metadata(key_of(lower_form));
    entry.ambiguous = !entry.canonical.empty() && entry.canonical[0] == kAmbiguousMarker;
    if (entry.ambiguous) entry.canonical.erase(0, 1);
    return entry;
}

}  // namespace docket::alias_table
