// The HTTP API's answers, without the HTTP: each endpoint takes its decoded
// parameters and returns a status and a JSON body. The search itself is the
// CLI's (search_with_retry + print_json); this layer maps parameters to a
// SearchRequest, errors to statuses, and keeps one IndexSet per worker.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "entities/gazetteer.h"
#include "export.h"
#include "index_set.h"
#include "request.h"

namespace docket::serve {

using Params = std::multimap<std::string, std::string>;

struct Reply {
    int status = 200;
    std::string body;  // JSON
};

// {"error": message}
Reply error_reply(int status, const std::string& message);

// The parameters of /api/search as a request, with the CLI options' meanings (README "HTTP API").
// An empty value counts as absent. Throws QueryError naming the parameter.
SearchRequest request_from_params(const Params& params);

// Xapian databases are not thread-safe: each worker borrows an IndexSet of its own,
// brought to the newest revision on disk as it is lent.
class IndexPool {
public:
    explicit IndexPool(IndexSetOptions options) : options_(std::move(options)) {}

    class Lease {
    public:
        Lease(IndexPool& pool, std::unique_ptr<IndexSet> set) : pool_(pool), set_(std::move(set)) {}
        Lease(Lease&&) = default;
        ~Lease();
        IndexSet& operator*() { return *set_; }
        IndexSet* operator->() { return set_.get(); }
        void discard() { set_.reset(); }  // broken (or missing shards): the next lease opens afresh

    private:
        IndexPool& pool_;
        std::unique_ptr<IndexSet> set_;
    };

    Lease acquire();  // throws IndexOpenError

private:
    IndexSetOptions options_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<IndexSet>> idle_;
};

class Api {
public:
    // `saved_file`: the saved searches (saved/saved.h) that /api/saved and `new=NAME` read.
    // `count_beside`: while a core is idle, a search counts its matches in a second thread.
    Api(IndexSetOptions indexes, const Gazetteer& gazetteer, unsigned time_limit_ms, bool count_beside,
        std::string saved_file);

    Reply search(const Params& params);                           // GET /api/search
    Reply doc(const std::string& id);                             // GET /api/doc?id= or /api/doc/ID
    Reply facet_values(const std::string& kind, const Params& params);  // GET /api/facets/KIND
    Reply stats();                                                // GET /api/stats
    Reply timeline(const Params& params);                         // GET /api/timeline?period=month
    Reply summary(const Params& params);                          // GET /api/summary?kind=company
    Reply saved();                                                // GET /api/saved
    Reply save(const std::string& json_body);                     // POST /api/saved {"name", "q", filters}
    Reply check_saved(const std::string& name, const std::string& json_body);  // POST /api/saved/NAME/check

    // GET /api/export: an error reply, or (write set) the rows, written by `write` as
    // each page of the ranking is read; an error after the first row ends the rows there.
    struct Export {
        Reply error;
        ExportFormat format = ExportFormat::Csv;
        std::function<void(std::ostream&)> write;
    };
    Export export_rows(const Params& params);

private:
    template <typename Fn>
    Reply guarded(Fn&& fn);
    SearchResult run(IndexPool::Lease& lease, SearchRequest request);
    // request_from_params, and with new=NAME only that saved search's new matches.
    SearchRequest request_of(const Params& params);
    // A view (timeline, summary) of the request made from `params` less `view_param`, as
    // searcher --json prints it: no hits, no facets.
    Reply view(const Params& params, const std::string& view_param, std::string SearchRequest::*field,
               const std::string& fallback);

    IndexPool pool_;
    const Gazetteer& gazetteer_;
    unsigned time_limit_ms_;
    std::atomic<unsigned> searching_{0};  // searches running now
    unsigned cores_;
    bool count_beside_;
    std::string saved_file_;
    std::mutex saved_mutex_;  // one read-modify-write of the saved searches file at a time
};

}  // namespace docket::serve
