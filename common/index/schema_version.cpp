#include "index/schema_version.h"

#include "index/schema.h"

namespace docket::schema {

void record_version(Xapian::WritableDatabase& db) {
    db.set_metadata(std::string(meta::kSchemaVersion), std::string(kVersion));
}

std::optional<std::string> other_version(const Xapian::Database& db) {
    std::string version = db.get_metadata(std::string(meta::kSchemaVersion));
    if (version == kVersion) return std::nullopt;
    return version;
}

}  // namespace docket::schema
