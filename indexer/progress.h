// Indexing progress on stderr: a bar redrawn in place on a terminal, a log line
// every ten seconds otherwise. Nothing for runs that finish within a second.
#pragma once

#include <chrono>
#include <cstddef>

namespace docket {

class Progress {
public:
    Progress(std::size_t total, bool enabled);
    void update(std::size_t done, std::size_t bytes, std::size_t skipped);
    void finish();  // clears the bar, if one was drawn

private:
    using Clock = std::chrono::steady_clock;
    std::size_t total_;
    bool enabled_, tty_, drawn_ = false;
    Clock::time_point started_ = Clock::now(), last_ = Clock::now();
};

}  // namespace docket
