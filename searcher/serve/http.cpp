// The HTTP transport (cpp-httplib): routes to the Api, the page's assets,
// security headers, limits, the token, one log line per request, and a clean
// stop on SIGINT/SIGTERM.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <thread>

#include "api.h"
#include "saved/saved.h"
#include "assets.h"
#include "serve.h"

namespace docket::serve {
namespace {

using Clock = std::chrono::steady_clock;

// Requests whose headers add up to more than this get 431 (one header line over
// 8 KiB is refused by httplib itself with 400; a request line over 8 KiB with 414).
constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

// httplib's thread pool, counting the connections that wait for a worker, so a
// worker can refuse new work (503) and close kept-alive connections while others wait.
class WorkerPool : public httplib::TaskQueue {
public:
    WorkerPool(unsigned threads, std::atomic<std::size_t>& waiting) : waiting_(waiting) {
        for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
    }
    void enqueue(std::function<void()> job) override {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
            ++waiting_;
        }
        ready_.notify_one();
    }
    void shutdown() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
    }

private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty()) return;  // stopping, and nothing left to answer
                job = std::move(jobs_.front());
                jobs_.pop_front();
                --waiting_;
            }
            job();
        }
    }

    std::atomic<std::size_t>& waiting_;
    std::vector<std::thread> threads_;
    std::deque<std::function<void()>> jobs_;
    std::mutex mutex_;
    std::condition_variable ready_;
    bool stopping_ = false;
};

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    res.set_content(reply.body, "application/json; charset=utf-8");
    res.set_header("Cache-Control", "no-store");
}

// Compares without stopping at the first difference (no timing hint about the token).
bool same_secret(const std::string& given, const std::string& token) {
    unsigned char diff = given.size() != token.size();
    for (std::size_t i = 0; i < given.size(); ++i) diff |= given[i] ^ token[i % token.size()];
    return diff == 0;
}

Params params_of(const httplib::Request& req) { return Params(req.params.begin(), req.params.end()); }

// An ostream's buffer that sends what it holds to an HTTP chunked response; a client that
// went away fails the stream, which stops the writer.
class SinkBuffer : public std::streambuf {
public:
    explicit SinkBuffer(httplib::DataSink& sink) : sink_(sink), buffer_(64 * 1024) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    ~SinkBuffer() override { sync(); }

protected:
    int overflow(int c) override {
        if (sync() != 0) return traits_type::eof();
        if (c != traits_type::eof()) sputc(static_cast<char>(c));
        return traits_type::not_eof(c);
    }
    int sync() override {
        const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return n == 0 || sink_.write(buffer_.data(), n) ? 0 : -1;
    }

private:
    httplib::DataSink& sink_;
    std::vector<char> buffer_;
};

thread_local Clock::time_point request_start;  // a request runs on one worker from routing to its log line

}  // namespace

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int run_server(const ServeOptions& options) {
    // Log lines go to stderr; stdout carries only the line with the URL (scripts read it).
    auto logger = spdlog::stderr_color_mt("serve");
    logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] %^%l%$: %v");
    spdlog::set_default_logger(logger);
    // Signals go to one thread that stops the server; every other thread blocks them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-answer is that request's error only

    Gazetteer gazetteer = Gazetteer::builtin();
    for (const auto& file : options.gazetteers) gazetteer.load_file(file);
    Api api(options.indexes, gazetteer, options.time_limit_ms, options.count_beside,
            options.saved_file.empty() ? default_saved_file(options.indexes.paths) : options.saved_file);
    try {
        IndexSet check(options.indexes);  // say now if the index cannot be read; requests answer 503 until it can
        spdlog::info("serving {} articles", check.database().get_doccount());
    } catch (const std::exception& e) {
        spdlog::warn("{} (requests get 503 until it can be opened)", e.what());
    }

    std::atomic<std::size_t> waiting{0};
    httplib::Server server;
    server.new_task_queue = [&] { return new WorkerPool(options.threads, waiting); };
    server.set_tcp_nodelay(true);  // else headers and body wait on delayed ACKs: 40 ms a request
    server.set_keep_alive_max_count(1000);
    server.set_keep_alive_timeout(5);
    server.set_read_timeout(5);
    server.set_write_timeout(10);
    server.set_payload_max_length(64 * 1024);  // GET only: no request needs a body
    server.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    });

    server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
        request_start = Clock::now();
        if (waiting.load() > options.max_queue) {
            send(res, error_reply(503, "server busy: too many connections waiting, try again"));
            res.set_header("Connection", "close");
            res.set_header("Retry-After", "1");
            return httplib::Server::HandlerResponse::Handled;
        }
        std::size_t header_bytes = 0;
        for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
        if (header_bytes > kMaxHeaderBytes) {
            send(res, error_reply(431, "request headers too large (at most " + std::to_string(kMaxHeaderBytes) + " bytes)"));
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!options.token.empty() && req.path.rfind("/api/", 0) == 0 &&
            !same_secret(req.get_header_value("Authorization"), "Bearer " + options.token)) {
            send(res, error_reply(401, "this server needs its token: Authorization: Bearer TOKEN"));
            res.set_header("WWW-Authenticate", "Bearer");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // While connections wait for a worker, a kept-alive one gives its worker up after each answer.
    server.set_post_routing_handler([&](const httplib::Request&, httplib::Response& res) {
        if (waiting.load() > 0) res.set_header("Connection", "close");
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // an answer of ours
        const std::string what = res.status == 404 ? "not found: " + req.path : "bad request (HTTP " + std::to_string(res.status) + ")";
        send(res, error_reply(res.status, what));
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(res, error_reply(500, "internal error"));
    });
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
        spdlog::info("{} {} {} {:.1f} ms", req.method, req.path, res.status, ms);
    });

    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { send(res, {200, "{\"status\": \"ok\"}\n"}); });
    server.Get("/api/search", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.search(params_of(req))); });
    server.Get("/api/export", [&](const httplib::Request& req, httplib::Response& res) {
        Api::Export rows = api.export_rows(params_of(req));
        if (!rows.write) return send(res, rows.error);
        const std::string name = req.get_param_value("format");  // checked: csv, tsv or jsonl
        res.set_header("Content-Disposition", "attachment; filename=\"docket-export." + name + "\"");
        res.set_header("Cache-Control", "no-store");
        res.set_chunked_content_provider(std::string(export_content_type(rows.format)),
                                         [write = rows.write](std::size_t, httplib::DataSink& sink) {
                                             {
                                                 SinkBuffer buffer(sink);
                                                 std::ostream out(&buffer);
                                                 write(out);
                                             }
                                             sink.done();
                                             return true;
                                         });
    });
    server.Get("/api/timeline", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.timeline(params_of(req))); });
    server.Get("/api/summary", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.summary(params_of(req))); });
    server.Get("/api/stats", [&](const httplib::Request&, httplib::Response& res) { send(res, api.stats()); });
    server.Get("/api/doc", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.doc(req.get_param_value("id")));
    });
    server.Get("/api/doc/(.+)", [&](const httplib::Request& req, httplib::Response& res) { send(res, api.doc(req.matches[1])); });
    server.Get("/api/facets/([^/]+)", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, api.facet_values(req.matches[1], params_of(req)));
    });
    server.Get("/api/saved", [&](const httplib::Request&, httplib::Response& res) { send(res, api.saved()); });
    // Writes take a JSON body only: a cross-site form cannot send one without the browser asking first.
    auto json_post = [](const httplib::Request& req, httplib::Response& res, const std::function<Reply()>& answer) {
        if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
            return send(res, error_reply(415, "expected Content-Type: application/json"));
        send(res, answer());
    };
    server.Post("/api/saved", [&](const httplib::Request& req, httplib::Response& res) {
        json_post(req, res, [&] { return api.save(req.body); });
    });
    server.Post("/api/saved/([^/]+)/check", [&](const httplib::Request& req, httplib::Response& res) {
        json_post(req, res, [&] { return api.check_saved(req.matches[1], req.body); });
    });
    // The page: exactly the embedded files, nothing from the file system.
    server.Get("/.*", [](const httplib::Request& req, httplib::Response& res) {
        const Asset* asset = find_asset(req.path);
        if (!asset) {
            send(res, error_reply(404, "not found: " + req.path));
            return;
        }
        res.set_content(std::string(asset->body), std::string(asset->content_type).c_str());
        res.set_header("Cache-Control", "no-cache");
    });

    const int port = options.port == 0 ? server.bind_to_any_port(options.bind) : options.port;
    if (port < 0 || (options.port != 0 && !server.bind_to_port(options.bind, port))) {
        spdlog::error("cannot listen on {}:{} (in use, or not an address of this machine)", options.bind, options.port);
        return 2;
    }
    const std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
    std::printf("%s: listening on http://%s:%d/ (Ctrl-C stops)\n", options.program.c_str(), host.c_str(), port);
    std::fflush(stdout);

    std::thread stopper([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        spdlog::info("stopping (signal {})", signal_number);
        server.stop();
    });
    const bool listened = server.listen_after_bind();
    if (!listened) pthread_kill(stopper.native_handle(), SIGTERM);  // wake it if no signal came
    stopper.join();
    return listened ? 0 : 2;
}

}  // namespace docket::serve
