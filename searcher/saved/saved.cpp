#include "saved.h"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "query.h"
#include "search.h"

namespace docket {
namespace {

using nlohmann::json;

constexpr int kFileVersion = 1;

json to_json(const SavedSearch& s) {
    return {{"name", s.name},           {"query", s.query},       {"company", s.companies},
            {"case", s.cases},          {"amount_min", s.amount_min}, {"amount_max", s.amount_max},
            {"from", s.date_from},      {"to", s.date_to},        {"saved", s.saved_at},
            {"checked", s.checked_at},  {"seen", s.seen}};
}

SavedSearch from_json(const json& j) {
    SavedSearch s;
    s.name = j.at("name").get<std::string>();
    s.query = j.value("query", "");
    s.companies = j.value("company", std::vector<std::string>{});
    s.cases = j.value("case", std::vector<std::string>{});
    s.amount_min = j.value("amount_min", "");
    s.amount_max = j.value("amount_max", "");
    s.date_from = j.value("from", "");
    s.date_to = j.value("to", "");
    s.saved_at = j.value("saved", "");
    s.checked_at = j.value("checked", "");
    s.seen = j.value("seen", SeenStamps{});
    return s;
}

// Admits the documents of one database whose kFirstIndexed value is after that database's
// stamp in `seen`; cloned for each shard of a set, and init() finds which one it is on.
class FirstIndexedAfter : public Xapian::ValuePostingSource {
public:
    explicit FirstIndexedAfter(std::shared_ptr<const SeenStamps> seen)
        : Xapian::ValuePostingSource(schema::slot::kFirstIndexed), seen_(std::move(seen)) {}

    void init(const Xapian::Database& db) override {
        Xapian::ValuePostingSource::init(db);
        const auto s = seen_->find(db.get_metadata(std::string(schema::meta::kIndexId)));
        after_ = s == seen_->end() ? std::string() : s->second;  // unknown index: all of it is new
        set_termfreq_min(0);
        set_maxweight(0);  // a pure filter
    }
    void next(double min_wt) override {
        Xapian::ValuePostingSource::next(min_wt);
        skip_seen(min_wt);
    }
    void skip_to(Xapian::docid did, double min_wt) override {
        Xapian::ValuePostingSource::skip_to(did, min_wt);
        skip_seen(min_wt);
    }
    bool check(Xapian::docid did, double min_wt) override {
        skip_to(did, min_wt);
        return true;
    }
    FirstIndexedAfter* clone() const override { return new FirstIndexedAfter(seen_); }
    std::string get_description() const override { return "FirstIndexedAfter()"; }

private:
    // Stamps are fixed-width hex digits: string order is time order.
    void skip_seen(double min_wt) {
        while (!at_end() && get_value() <= after_) Xapian::ValuePostingSource::next(min_wt);
    }

    std::shared_ptr<const SeenStamps> seen_;
    std::string after_;
};

}  // namespace

SavedSearches::SavedSearches(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw QueryError("saved searches live beside an index: give --db PATH or --saved-file FILE");
    std::ifstream in(path_);
    if (!in) {
        std::error_code ec;
        if (std::filesystem::exists(path_, ec)) throw QueryError("cannot read the saved searches in " + path_);
        return;  // none saved yet
    }
    try {
        const json j = json::parse(in);
        for (const auto& s : j.at("searches")) searches_.push_back(from_json(s));
    } catch (const json::exception& e) {
        throw QueryError("the saved searches file " + path_ + " is not valid (" + e.what() +
                         "): mend or move it; it is left as it is");
    }
}

const SavedSearch& SavedSearches::named(const std::string& name) const {
    for (const auto& s : searches_)
        if (s.name == name) return s;
    std::string known;
    for (const auto& s : searches_) known += (known.empty() ? "" : ", ") + s.name;
    throw QueryError("no saved search named '" + name + "' in " + path_ +
                     (known.empty() ? " (none saved yet: searcher --save NAME QUERY)" : " (saved: " + known + ")"));
}

bool SavedSearches::put(SavedSearch search) {
    for (auto& s : searches_)
        if (s.name == search.name) {
            s = std::move(search);
            return true;
        }
    searches_.push_back(std::move(search));
    return false;
}

void SavedSearches::write() const {
    json list = json::array();
    for (const auto& s : searches_) list.push_back(to_json(s));
    const std::string text = json{{"version", kFileVersion}, {"searches", list}}.dump(2) + "\n";
    const std::string temp = path_ + ".tmp-" + std::to_string(getpid());
    {
        std::ofstream out(temp, std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::remove(temp.c_str());
            throw QueryError("cannot write the saved searches to " + path_ + " (use --saved-file FILE elsewhere)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, path_, ec);
    if (ec) {
        std::remove(temp.c_str());
        throw QueryError("cannot write the saved searches to " + path_ + ": " + ec.message());
    }
}

std::string default_saved_file(const std::vector<std::string>& databases) {
    if (databases.empty()) return "";
    std::string path = databases.front();
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path + ".saved.json";
}

void check_saved_name(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 64;
    for (const unsigned char c : name) ok = ok && (std::isalnum(c) || c == '-' || c == '_' || c == '.');
    if (!ok) throw QueryError("a saved search's name is 1 to 64 letters, digits, '-', '_' or '.', got '" + name + "'");
}

void apply_saved(const SavedSearch& search, bool only_new, SearchRequest& request) {
    request.query = search.query;
    request.query_given = !search.query.empty();
    request.companies = search.companies;
    request.cases = search.cases;
    request.amount_min = amount_bound_option("--amount-min", search.amount_min);
    request.amount_max = amount_bound_option("--amount-max", search.amount_max);
    request.date_from = search.date_from;
    request.date_to = search.date_to;
    if (only_new) request.new_since = search.seen;
}

SeenStamps current_stamps(const IndexSet& indexes, const std::string& what) {
    if (indexes.has_remote())
        throw QueryError(what + " is not available on remote shards: a stock xapian-tcpsrv cannot run Docket's "
                                "first-indexed filter");
    SeenStamps seen;
    for (const auto& db : indexes.local_databases()) {
        std::string stamp = db.get_metadata(std::string(schema::meta::kCommitStamp));
        std::string& at = seen[db.get_metadata(std::string(schema::meta::kIndexId))];
        if (stamp > at) at = std::move(stamp);  // one index given twice: the same stamp
    }
    return seen;
}

Xapian::Query first_indexed_after(const SeenStamps& seen) {
    return Xapian::Query((new FirstIndexedAfter(std::make_shared<const SeenStamps>(seen)))->release());
}

std::string utc_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string describe_saved(const SavedSearch& s) {
    auto quoted = [](const std::string& v) {
        return v.find_first_of(" \"'") == std::string::npos && !v.empty() ? v : json(v).dump();
    };
    std::string out = s.query.empty() ? "" : quoted(s.query);
    auto add = [&](const std::string& option, const std::string& value) {
        if (!value.empty()) out += (out.empty() ? "" : " ") + option + " " + quoted(value);
    };
    for (const auto& c : s.companies) add("--company", c);
    for (const auto& c : s.cases) add("--case", c);
    add("--amount-min", s.amount_min);
    add("--amount-max", s.amount_max);
    add("--from", s.date_from);
    add("--to", s.date_to);
    return out.empty() ? "(every article)" : out;
}

namespace {

// The total of a request, counted without a page, facets or snippets.
Xapian::doccount count_only(IndexSet& indexes, SearchRequest request) {
    request.limit = 0;
    request.facets = request.snippets = false;
    request.timeline.clear();
    request.summary.clear();
    return search_with_retry(indexes, request, Highlight{}).total;
}

}  // namespace

std::vector<SavedStatus> saved_statuses(IndexSet& indexes, const SavedSearches& file) {
    std::vector<SavedStatus> out;
    for (const auto& s : file.all()) {
        SavedStatus status{s, std::nullopt, ""};
        try {
            (void)current_stamps(indexes, "counting new matches");
            SearchRequest request;
            apply_saved(s, true, request);
            status.fresh = count_only(indexes, request);
        } catch (const QueryError& e) {
            status.problem = e.what();
        }
        out.push_back(std::move(status));
    }
    return out;
}

SaveOutcome save_search(IndexSet& indexes, const SearchRequest& request, const std::string& amount_min,
                        const std::string& amount_max, const std::string& name, SavedSearches& file) {
    check_saved_name(name);
    const SeenStamps seen = current_stamps(indexes, "--save");
    SaveOutcome outcome;
    outcome.matches = count_only(indexes, request);  // a query that does not run is not saved
    const std::string now = utc_now();
    outcome.replaced = file.put({name, request.query, request.companies, request.cases, amount_min, amount_max,
                                 request.date_from, request.date_to, now, now, seen});
    file.write();
    return outcome;
}

void mark_checked(SavedSearches& file, const std::string& name, const SeenStamps& seen) {
    SavedSearch s = file.named(name);
    for (const auto& [index, stamp] : seen) s.seen[index] = stamp;  // shards not searched now keep theirs
    s.checked_at = utc_now();
    file.put(std::move(s));
    file.write();
}

}  // namespace docket
