#include "progress.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace docket {

Progress::Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled), tty_(isatty(STDERR_FILENO)) {}

void Progress::update(std::size_t done, std::size_t bytes, std::size_t skipped) {
    if (!enabled_) return;
    auto now = Clock::now();
    double elapsed = std::chrono::duration<double>(now - started_).count();
    if (elapsed < 1.0 || now - last_ < (tty_ ? std::chrono::milliseconds(200) : std::chrono::seconds(10))) return;
    last_ = now;
    double rate = done / elapsed, mb = bytes / 1e6 / elapsed;
    double eta = rate > 0 ? (total_ - done) / rate : 0;
    if (tty_) {
        int width = 30, filled = total_ ? static_cast<int>(width * done / total_) : width;
        std::fprintf(stderr, "\r[%-*s] %zu/%zu files  %.0f files/s  %.1f MB/s  ETA %.0fs  skipped %zu ", width,
                     std::string(static_cast<std::size_t>(filled), '=').c_str(), done, total_, rate, mb, eta, skipped);
        drawn_ = true;
    } else {
        spdlog::info("{}/{} files, {:.0f} files/s, {:.1f} MB/s, ETA {:.0f} s, {} skipped", done, total_, rate, mb, eta,
                     skipped);
    }
}

void Progress::finish() {
    if (drawn_) std::fprintf(stderr, "\r%*s\r", 110, "");
}

}  // namespace docket
