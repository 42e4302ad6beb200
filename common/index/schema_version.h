// The schema version an index records (schema.h kVersion under meta::kSchemaVersion):
// the one check both programs make before they read or write an index.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

namespace docket::schema {

// Records this build's schema version in `db`.
void record_version(Xapian::WritableDatabase& db);

// nullopt when `db` records this build's schema version; otherwise the version it
// records, empty when it records none (not a Docket index, or a new empty one).
// Each program words its own refusal.
std::optional<std::string> other_version(const Xapian::Database& db);

}  // namespace docket::schema
