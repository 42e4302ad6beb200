// The company alias table an index carries as metadata: one key per lower-cased
// surface form ("docket.alias:" + form, see schema.h) -> canonical company name,
// after a "~" when the form is also a common word. The indexer writes it from the
// gazetteer; the searcher resolves a typed company name with one lookup.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace docket::alias_table {

// Records `lower_form` -> `canonical`. A form whose key would be longer than a
// Xapian term may be is left out (the indexer never finds it in text either).
void write(Xapian::WritableDatabase& db, std::string_view lower_form, std::string_view canonical, bool ambiguous);

struct Entry {
    std::string canonical;   // empty: the form is not in the table
    bool ambiguous = false;  // the form is also a common word ("llama", "target")
};

// `lower_form` must already be lower-cased with its white space collapsed.
Entry lookup(const Xapian::Database& db, std::string_view lower_form);

}  // namespace docket::alias_table
