#include "first_indexed.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "index/schema.h"
#include "text/hash.h"

namespace docket {
namespace {

std::uint64_t now_us() {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

// Strictly after `last` even when the clock was set back.
std::uint64_t stamp_after(std::uint64_t last) { return std::max(now_us(), last + 1); }

std::uint64_t parse_hex(const std::string& s) {
    try {
        return s.empty() ? 0 : std::stoull(s, nullptr, 16);
    } catch (const std::exception&) {
        return 0;  // unreadable: any later stamp is larger
    }
}

// The article id term (prefix Q) of a document.
std::string id_term(const Xapian::Document& doc) {
    const std::string prefix(schema::prefix::kId);
    auto t = doc.termlist_begin();
    t.skip_to(prefix);
    return t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0 ? *t : std::string();
}

}  // namespace

FirstIndexedStamps::FirstIndexedStamps(const Xapian::Database& db)
    : value_(stamp_after(parse_hex(db.get_metadata(std::string(schema::meta::kCommitStamp))))),
      current_(text::hex_digits(value_)) {}

void FirstIndexedStamps::record(Xapian::WritableDatabase& db) const {
    db.set_metadata(std::string(schema::meta::kCommitStamp), current_);
    if (db.get_metadata(std::string(schema::meta::kIndexId)).empty()) {
        std::random_device random;
        const std::uint64_t id = (std::uint64_t{random()} << 32) ^ random() ^ value_;
        db.set_metadata(std::string(schema::meta::kIndexId), text::hex_digits(id));
    }
}

void FirstIndexedStamps::commit(Xapian::WritableDatabase& db) {
    record(db);
    db.commit();
    value_ = stamp_after(value_);
    current_ = text::hex_digits(value_);
}

EarlierStamps first_indexed_of_file(const Xapian::Database& db, const std::string& file_term) {
    EarlierStamps earlier;
    for (auto p = db.postlist_begin(file_term); p != db.postlist_end(file_term); ++p) {
        const Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
        earlier.emplace(id_term(doc), doc.get_value(schema::slot::kFirstIndexed));  // empty: from before stamps
    }
    return earlier;
}

void stamp_first_indexed(Xapian::Document& doc, const EarlierStamps& earlier, const std::string& stamp) {
    if (!earlier.empty())
        if (auto e = earlier.find(id_term(doc)); e != earlier.end()) {
            if (!e->second.empty()) doc.add_value(schema::slot::kFirstIndexed, e->second);
            return;
        }
    doc.add_value(schema::slot::kFirstIndexed, stamp);
}

}  // namespace docket
