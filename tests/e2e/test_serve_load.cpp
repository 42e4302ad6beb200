// A bounded load test of `searcher serve` on loopback, over an index of
// Reuters-21578 from ../shared (skipped, with a message, when it is absent):
// 16 keep-alive clients for 20 s, every answer checked, the server's memory watched.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "run.h"
#include "web.h"

using namespace e2e;

namespace {

// The server's resident memory in KiB (VmRSS), 0 if unreadable.
long rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

}  // namespace

TEST_CASE("serve: 16 keep-alive clients for 20 s over Reuters-21578: no error, no crash, memory bounded", "[serve][load]") {
    const std::filesystem::path docs = std::filesystem::path(DOCKET_SHARED) / "corpora/reuters21578/docs";
    if (!std::filesystem::is_directory(docs)) {
        WARN("skipped: " << docs << " is absent (../shared is not beside the project)");
        return;
    }
    TempDir dir;
    const std::string db = (dir.path() / "reuters").string();
    REQUIRE(indexer({"-q", "--db", db, docs.string()}).code == 0);
    WebServer web({"--db", db});
    // Queries of the shapes the page sends: words, phrases, filters, months, pages, facet lookups.
    const std::vector<std::string> paths{
        "/api/search?q=oil+prices&months=1",
        "/api/search?q=%22interest+rates%22&limit=20",
        "/api/search?q=bank+loans&sort=date&offset=10",
        "/api/search?q=grain+exports&amount_min=1e6",
        "/api/search?q=merger&from=1987-03-01&to=1987-03-31",
        "/api/search?q=profit+OR+earnings&facet_limit=0",
        "/api/search?months=1",
        "/api/facets/company?prefix=ch",
        "/api/search?q=dollar+yen+trade&company=Chrysler",
        "/api/stats",
    };
    constexpr int kClients = 16;
    const auto run_for = std::chrono::seconds(20);
    std::atomic<long> answers{0}, errors{0}, unanswered{0}, busy{0};
    std::atomic<bool> running{true};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c)
        clients.emplace_back([&, c] {
            auto client = web.client();
            client->set_keep_alive(true);
            for (std::size_t i = c; running; ++i) {
                auto res = client->Get(paths[i % paths.size()].c_str());
                if (!res || res->status != 200 || res->body.empty()) ++errors;
                if (!res) ++unanswered;
                else if (res->status == 503) ++busy;
                ++answers;
            }
        });
    // Memory: the peak in the first and the last quarter of the run.
    long early_peak = 0, late_peak = 0;
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < run_for) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        const auto elapsed = std::chrono::steady_clock::now() - start;
        const long rss = rss_kib(web.process().pid());
        if (elapsed < run_for / 4) early_peak = std::max(early_peak, rss);
        if (elapsed > run_for * 3 / 4) late_peak = std::max(late_peak, rss);
    }
    running = false;
    for (auto& t : clients) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const bool alive = rss_kib(web.process().pid()) > 0;  // a crashed child is a zombie: no memory
    WARN(answers << " answers in " << seconds << " s (" << answers / seconds << "/s), " << errors << " errors ("
                 << unanswered << " unanswered, " << busy << " busy; server " << (alive ? "alive" : "gone") << "); server RSS peak "
                 << early_peak / 1024 << " MB in the first 5 s, " << late_peak / 1024 << " MB in the last 5 s");
    CHECK(errors == 0);
    CHECK(answers > 100);  // kept answering (a floor, not a speed target: the machine may be shared)
    CHECK(early_peak > 0);
    CHECK(late_peak < early_peak * 5 / 4 + 32 * 1024);  // no growth with the number of requests
    CHECK(late_peak < 1024 * 1024);                      // and well under a GiB
    CHECK(web.get("/healthz").status == 200);
    CHECK(web.process().terminate() == 0);  // alive, and stops cleanly
}
