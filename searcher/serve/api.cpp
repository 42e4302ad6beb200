#include "api.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "entities/entities.h"
#include "index/entities_json.h"
#include "index/schema.h"
#include "index/stored.h"
#include "printers.h"
#include "saved/saved.h"
#include "query.h"
#include "text/text.h"

namespace docket::serve {

using nlohmann::ordered_json;

namespace {

std::string dump(const ordered_json& j) { return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n"; }

// The one value of a single-valued parameter, "" when absent or empty.
std::string single(const Params& params, const std::string& name) {
    auto [first, last] = params.equal_range(name);
    if (first == last) return "";
    if (std::next(first) != last) throw QueryError(name + ": given more than once");
    return text::trim(first->second);
}

unsigned whole_number(const Params& params, const std::string& name, unsigned fallback, unsigned max) {
    const std::string v = single(params, name);
    if (v.empty()) return fallback;
    unsigned n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n > max)
        throw QueryError(name + ": expected a whole number from 0 to " + std::to_string(max) + ", got '" + v + "'");
    return n;
}

bool flag(const Params& params, const std::string& name) {
    const std::string v = single(params, name);
    if (v.empty() || v == "0" || v == "false") return false;
    if (v == "1" || v == "true") return true;
    throw QueryError(name + ": expected 1 or 0, got '" + v + "'");
}

std::vector<std::string> repeated(const Params& params, const std::string& name) {
    std::vector<std::string> values;
    auto [first, last] = params.equal_range(name);
    for (auto p = first; p != last; ++p)
        if (!text::trim(p->second).empty()) values.push_back(p->second);
    return values;
}

// The query builder's messages name CLI options ("--from: ..."); the API names its parameters.
std::string as_parameter_message(std::string message) {
    for (auto [option, parameter] : {std::pair{"--from", "from"}, std::pair{"--to", "to"}, std::pair{"--company", "company"},
                                     std::pair{"--case", "case"}, std::pair{"--like", "like"}}) {
        const std::string o = std::string(option) + ":";
        if (message.rfind(o, 0) == 0) return std::string(parameter) + ":" + message.substr(o.size());
    }
    return message;
}

const std::set<std::string>& search_parameters() {
    static const std::set<std::string> names{"q",    "company", "case",  "amount_min",  "amount_max", "from", "to",
                                             "limit", "offset", "sort", "facet_limit", "months",     "explain", "like", "new"};
    return names;
}

void check_known(const Params& params, const std::set<std::string>& known) {
    for (const auto& [name, value] : params)
        if (!known.count(name)) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw QueryError("unknown parameter '" + name + "' (known: " + list + ")");
        }
}

// Whether `value` or one of its words starts with `prefix` (both lower-cased ASCII).
bool has_word_prefix(const std::string& value, const std::string& prefix) {
    const std::string lower = text::to_lower_ascii(value);
    for (std::size_t at = 0; at < lower.size(); ++at) {
        const bool word_start = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
        if (word_start && lower.compare(at, prefix.size(), prefix) == 0) return true;
    }
    return prefix.empty();
}

std::string iso_time(std::time_t seconds) {
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

// The body's mentions of one stored entity: those the extractor finds again (offsets
// into extraction_text, so shifted by `shift` past the title), else every place the
// name itself appears (entities from a gazetteer the server was not given).
ordered_json body_mentions(const std::vector<Mention>& found, const std::string& name, const std::string& body,
                           std::size_t shift) {
    ordered_json mentions = ordered_json::array();
    for (const Mention& m : found)
        if (m.offset >= shift) mentions.push_back({{"text", m.text}, {"offset", m.offset - shift}});
    if (mentions.empty() && !name.empty())
        for (std::size_t at = body.find(name); at != std::string::npos; at = body.find(name, at + name.size()))
            mentions.push_back({{"text", name}, {"offset", at}});
    return mentions;
}

}  // namespace

Reply error_reply(int status, const std::string& message) { return {status, dump({{"error", message}})}; }

SearchRequest request_from_params(const Params& params) {
    check_known(params, search_parameters());
    SearchRequest request;
    request.query = single(params, "q");
    request.query_given = !request.query.empty();
    request.companies = repeated(params, "company");
    request.cases = repeated(params, "case");
    request.amount_min = amount_bound_option("amount_min", single(params, "amount_min"));
    request.amount_max = amount_bound_option("amount_max", single(params, "amount_max"));
    request.date_from = single(params, "from");
    request.date_to = single(params, "to");
    request.limit = whole_number(params, "limit", request.limit, 10000);
    request.offset = whole_number(params, "offset", request.offset, 1u << 30);
    request.facet_limit = whole_number(params, "facet_limit", request.facet_limit, 1u << 30);
    if (request.facet_limit == 0) request.facet_limit = ~0u;  // as the CLI: 0 = all
    const std::string sort = single(params, "sort");
    if (!sort.empty() && sort != "relevance" && sort != "date")
        throw QueryError("sort: expected relevance or date, got '" + sort + "'");
    request.sort_by_date = sort == "date";
    request.months = flag(params, "months");
    request.explain = flag(params, "explain");
    request.like_id = single(params, "like");
    return request;
}

IndexPool::Lease::~Lease() {
    if (!set_ || !set_->missing().empty()) return;  // shards left out: try them all again next time
    std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(set_));
}

IndexPool::Lease IndexPool::acquire() {
    std::unique_ptr<IndexSet> set;
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            set = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (set) {
        try {
            set->reopen();  // a re-index shows up without a restart
            return Lease(*this, std::move(set));
        } catch (const Xapian::Error&) {
            // Replaced or removed underneath: open it afresh below.
        }
    }
    return Lease(*this, std::make_unique<IndexSet>(options_));
}

namespace {

IndexSetOptions with_twin(IndexSetOptions options, bool twin) {
    options.twin = twin;
    return options;
}

}  // namespace

Api::Api(IndexSetOptions indexes, const Gazetteer& gazetteer, unsigned time_limit_ms, bool count_beside,
         std::string saved_file)
    : pool_(with_twin(std::move(indexes), count_beside)),
      gazetteer_(gazetteer),
      time_limit_ms_(time_limit_ms),
      cores_(std::max(1u, std::thread::hardware_concurrency())),
      count_beside_(count_beside),
      saved_file_(std::move(saved_file)) {}

SearchRequest Api::request_of(const Params& params) {
    SearchRequest request = request_from_params(params);
    if (const std::string name = single(params, "new"); !name.empty()) {
        std::lock_guard lock(saved_mutex_);
        try {
            request.new_since = SavedSearches(saved_file_).named(name).seen;
        } catch (const QueryError& e) {
            throw QueryError("new: " + std::string(e.what()));
        }
    }
    return request;
}

// Every failure is an answer: the CLI's message, under the status that says whose fault it is.
template <typename Fn>
Reply Api::guarded(Fn&& fn) {
    try {
        return fn();
    } catch (const QueryError& e) {
        return error_reply(400, as_parameter_message(e.what()));
    } catch (const IndexOpenError& e) {
        return error_reply(503, e.what());
    } catch (const SearchTimeout& e) {
        return error_reply(503, e.what());
    } catch (const Xapian::DatabaseError& e) {
        return error_reply(503, std::string(e.get_type()) + ": " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        return error_reply(503, std::string(e.get_type()) + ": " + e.get_msg());
    } catch (const Xapian::Error& e) {
        return error_reply(500, std::string(e.get_type()) + ": " + e.get_msg());
    } catch (const std::exception& e) {
        return error_reply(500, e.what());
    }
}

SearchResult Api::run(IndexPool::Lease& lease, SearchRequest request) {
    if ((request.amount_min || request.amount_max) && lease->has_remote())
        throw QueryError("amount_min/amount_max are not available on remote shards: a stock "
                         "xapian-tcpsrv cannot run Docket's amount filter");
    if (request.new_since) (void)current_stamps(*lease, "new");  // a QueryError on remote shards
    if (time_limit_ms_)
        request.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(time_limit_ms_);
    // With --count-beside and a core to spare, the search counts its matches in a second thread
    // while it ranks. Not by default: a lone user's search gets faster only by taking the core
    // another user's search needs (x16, 2 cores: 8 clients answered 1.29x one client's rate
    // with it, 1.66x without).
    struct Running {
        std::atomic<unsigned>& n;
        unsigned now = ++n;
        ~Running() { --n; }
    } running{searching_};
    try {
        return search_with_retry(*lease, request, Highlight{}, count_beside_ && 2 * running.now <= cores_);
    } catch (const Xapian::Error&) {
        lease.discard();
        throw;
    }
}

Reply Api::search(const Params& params) {
    return guarded([&] {
        SearchRequest request = request_of(params);
        auto lease = pool_.acquire();
        SearchResult result = run(lease, request);
        std::ostringstream out;
        print_json(result, request.facet_limit, request.explain, out);
        return Reply{200, out.str()};
    });
}

Reply Api::view(const Params& params, const std::string& view_param, std::string SearchRequest::*field,
               const std::string& fallback) {
    return guarded([&] {
        Params search_params = params;
        search_params.erase(view_param);
        SearchRequest request = request_of(search_params);
        request.*field = single(params, view_param);
        if (request.*field == "") request.*field = fallback;
        // As searcher --timeline/--summary: the view, not the hits.
        request.limit = 0;
        request.snippets = false;
        request.facets = false;
        auto lease = pool_.acquire();
        const SearchResult result = run(lease, request);
        std::ostringstream out;
        print_json(result, request.facet_limit, false, out);
        return Reply{200, out.str()};
    });
}

Reply Api::timeline(const Params& params) { return view(params, "period", &SearchRequest::timeline, "month"); }
Reply Api::summary(const Params& params) { return view(params, "kind", &SearchRequest::summary, "company"); }

Reply Api::facet_values(const std::string& kind, const Params& params) {
    return guarded([&] {
        const schema::Field* field = schema::facet_named(kind);
        if (!field || field->type == schema::FieldType::Buckets)
            throw QueryError("facets/" + kind + ": no such named facet (company or case; amount buckets are in /api/search)");
        Params search_params = params;
        search_params.erase("prefix");
        search_params.erase("limit");
        SearchRequest request = request_of(search_params);
        const std::string prefix = text::to_lower_ascii(single(params, "prefix"));
        const unsigned limit = whole_number(params, "limit", 50, 100000);
        request.limit = 0;
        request.facet_limit = ~0u;
        request.snippets = false;
        auto lease = pool_.acquire();
        const SearchResult result = run(lease, request);
        ordered_json values = ordered_json::array();
        for (const auto& v : result.facet(kind).values)
            if (values.size() < limit && has_word_prefix(v.value, prefix))
                values.push_back({{"value", v.value}, {"count", v.count}});
        return Reply{200, dump({{"facet", kind}, {"prefix", prefix}, {"total", result.total}, {"values", values}})};
    });
}

Reply Api::doc(const std::string& id) {
    return guarded([&] {
        if (id.empty()) throw QueryError("id: which article? (its id from /api/search hits)");
        auto lease = pool_.acquire();
        const Xapian::Database& db = lease->database();
        const std::string term = schema::bounded_term(schema::prefix::kId, id);
        auto posting = db.postlist_begin(term);
        if (posting == db.postlist_end(term)) return error_reply(404, "id: no article with id '" + id + "' in the index");
        StoredArticle stored = decode_stored(db.get_document(*posting).get_data());
        const Article& a = stored.article;
        // The record keeps entity names only: the mentions are found again, by the indexer's extractor.
        const Entities found = EntityExtractor(gazetteer_).extract(a);
        const std::size_t shift = a.title.empty() ? 0 : a.title.size() + 2;  // extraction_text: title, blank line, body
        ordered_json j = {{"id", a.id}, {"path", a.path}, {"title", a.title}, {"date", a.date}, {"url", a.url}};
        for (const schema::Field& field : schema::kFields) {
            if (!field.facet || !field.entities) continue;
            ordered_json list = ordered_json::array();
            for (const NamedEntity& e : stored.entities.*field.entities) {
                std::vector<Mention> again;
                for (const NamedEntity& f : found.*field.entities)
                    if (f.name == e.name) again = f.mentions;
                list.push_back({{"name", e.name}, {"mentions", body_mentions(again, e.name, a.body, shift)}});
            }
            j[std::string(field.plural)] = std::move(list);
        }
        ordered_json amounts = ordered_json::array();
        for (const Amount& stored_amount : stored.entities.amounts) {
            std::vector<Mention> again;
            for (const Amount& f : found.amounts)
                if (f.text == stored_amount.text) again.push_back({f.text, f.offset});
            ordered_json amount = amount_json(stored_amount, false);
            amount["mentions"] = body_mentions(again, stored_amount.text, a.body, shift);
            amounts.push_back(std::move(amount));
        }
        j["amounts"] = std::move(amounts);
        j["text"] = a.body;
        return Reply{200, dump(j)};
    });
}

Api::Export Api::export_rows(const Params& params) {
    Export e;
    e.error = guarded([&] {
        const std::string format_name = single(params, "format");
        const std::optional<ExportFormat> format = export_format(format_name);
        if (!format) throw QueryError("format: expected csv, tsv or jsonl, got '" + format_name + "'");
        Params search_params = params;
        search_params.erase("format");
        const SearchRequest request = request_of(search_params);  // limit=0: every match
        auto lease = std::make_shared<IndexPool::Lease>(pool_.acquire());
        // Once the first row is sent, the status is 200: a bad query must fail before.
        SearchRequest check = request;
        check.limit = 0;
        check.facets = check.snippets = false;
        run(*lease, check);
        e.format = *format;
        e.write = [this, lease, request, format = *format](std::ostream& out) {
            try {
                export_hits([&](const SearchRequest& r) { return run(*lease, r); }, request, format, out);
            } catch (const std::exception& error) {
                spdlog::warn("export stopped: {}", error.what());  // the status is sent: the rows end here
            } catch (const Xapian::Error& error) {
                spdlog::warn("export stopped: {}: {}", error.get_type(), error.get_msg());
            }
        };
        return Reply{200, ""};
    });
    return e;
}

Reply Api::stats() {
    return guarded([&] {
        auto lease = pool_.acquire();
        const Xapian::Database& db = lease->database();
        std::uintmax_t bytes = 0;
        std::time_t newest = 0;
        bool all_local = true;
        for (const std::string& name : lease->shard_names()) {
            std::error_code ec;
            if (!std::filesystem::is_directory(name, ec)) {
                all_local = false;  // a remote shard: its size and time are its server's
                continue;
            }
            for (const auto& entry : std::filesystem::directory_iterator(name, ec)) {
                struct stat st{};
                if (stat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
                bytes += static_cast<std::uintmax_t>(st.st_size);
                newest = std::max(newest, st.st_mtime);  // the last commit wrote some file
            }
        }
        ordered_json j = {{"documents", db.get_doccount()},
                          {"databases", lease->shard_names()},
                          {"index_bytes", all_local ? ordered_json(bytes) : ordered_json(nullptr)},
                          {"schema_version", db.get_metadata(std::string(schema::meta::kSchemaVersion))},
                          {"last_indexed", newest ? ordered_json(iso_time(newest)) : ordered_json(nullptr)},
                          {"xapian", Xapian::version_string()}};
        return Reply{200, dump(j)};
    });
}

namespace {

// A POST body: a JSON object (the page sends one; a form post from another site cannot).
nlohmann::json json_body(const std::string& body) {
    nlohmann::json j = nlohmann::json::parse(body.empty() ? "{}" : body, nullptr, false);
    if (!j.is_object()) throw QueryError("body: expected a JSON object");
    return j;
}

}  // namespace

Reply Api::saved() {
    return guarded([&] {
        auto lease = pool_.acquire();
        std::lock_guard lock(saved_mutex_);
        const SavedSearches file(saved_file_);
        std::optional<SeenStamps> now;
        if (!lease->has_remote()) now = current_stamps(*lease, "saved searches");  // before counting: see mark_checked
        std::ostringstream out;
        print_json_saved(saved_statuses(*lease, file), file.path(), now ? &*now : nullptr, out);
        return Reply{200, out.str()};
    });
}

Reply Api::save(const std::string& body) {
    return guarded([&] {
        const nlohmann::json j = json_body(body);
        Params params;
        std::string name;
        for (const auto& [key, value] : j.items()) {
            if (key == "name") {
                name = value.is_string() ? value.get<std::string>() : "";
                continue;
            }
            for (const auto& v : value.is_array() ? value : nlohmann::json::array({value}))
                if (v.is_string()) params.emplace(key, v.get<std::string>());
                else throw QueryError(key + ": expected text");
        }
        for (const auto& [key, v] : params)
            if (key != "q" && key != "company" && key != "case" && key != "amount_min" && key != "amount_max" &&
                key != "from" && key != "to")
                throw QueryError(key + ": not part of a saved search (q, company, case, amount_min, amount_max, from, to)");
        const SearchRequest request = request_from_params(params);
        auto lease = pool_.acquire();
        std::lock_guard lock(saved_mutex_);
        SavedSearches file(saved_file_);
        const SaveOutcome outcome =
            save_search(*lease, request, single(params, "amount_min"), single(params, "amount_max"), name, file);
        return Reply{200, dump({{"name", name}, {"matches", outcome.matches}, {"replaced", outcome.replaced}})};
    });
}

Reply Api::check_saved(const std::string& name, const std::string& body) {
    return guarded([&] {
        const nlohmann::json j = json_body(body);
        auto lease = pool_.acquire();
        std::lock_guard lock(saved_mutex_);
        SavedSearches file(saved_file_);
        (void)file.named(name);  // 400 naming the saved ones when unknown
        SeenStamps upto;
        if (j.contains("upto")) {
            // The stamps /api/saved returned before it counted: what the page has shown.
            if (!j["upto"].is_object()) throw QueryError("upto: expected the object /api/saved returned");
            for (const auto& [index, stamp] : j["upto"].items())
                if (stamp.is_string()) upto[index] = stamp.get<std::string>();
        } else {
            upto = current_stamps(*lease, "check");
        }
        mark_checked(file, name, upto);
        return Reply{200, dump({{"name", name}, {"checked", file.named(name).checked_at}})};
    });
}

}  // namespace docket::serve
