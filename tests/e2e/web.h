// `searcher serve` for end-to-end tests: a server over an index on a free
// loopback port, and plain HTTP GETs against it.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "servers.h"

namespace e2e {

class WebServer {
public:
    explicit WebServer(const std::vector<std::string>& db_args, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"serve", "--port", Server::kPort};
        args.insert(args.end(), db_args.begin(), db_args.end());
        args.insert(args.end(), extra.begin(), extra.end());
        server_ = std::make_unique<Server>(DOCKET_SEARCHER, args, "listening on http://");
    }
    int port() const { return server_->port(); }
    Server& process() { return *server_; }
    // A new client (one keep-alive connection).
    std::unique_ptr<httplib::Client> client() const {
        auto c = std::make_unique<httplib::Client>(kLoopback, port());
        c->set_read_timeout(30, 0);
        return c;
    }
    // GET path (already URL-encoded); status 0 when there was no answer.
    struct Answer {
        int status = 0;
        std::string body;
        httplib::Headers headers;
    };
    Answer get(const std::string& path, const httplib::Headers& headers = {}) const {
        auto c = client();
        auto res = c->Get(path.c_str(), headers);
        if (!res) return {};
        return {res->status, res->body, res->headers};
    }

private:
    std::unique_ptr<Server> server_;
};

// A query string from name=value pairs, percent-encoded.
inline std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string q;
    for (const auto& [name, value] : params) {
        q += q.empty() ? "?" : "&";
        q += name + "=";
        for (unsigned char c : value) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                q += static_cast<char>(c);
            } else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", c);
                q += buf;
            }
        }
    }
    return q;
}

}  // namespace e2e
