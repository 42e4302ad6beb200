// An ordered parallel map: worker threads prepare items, the calling thread
// consumes the results in input order. At most `window` items are in flight,
// so memory stays bounded whatever the input size.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace docket {

template <typename Result>
class OrderedPipeline {
public:
    using Prepare = std::function<Result(std::size_t index, std::size_t worker)>;
    using Consume = std::function<void(std::size_t index, Result&& result)>;

    // Runs prepare(i) for i in [0, count) on `workers` threads and consume(i) on the
    // calling thread, in order of i. Stops early (consuming what is done, in order)
    // when `stop` becomes true. Returns how many items were consumed.
    static std::size_t run(std::size_t count, std::size_t workers, std::size_t window, const Prepare& prepare,
                           const Consume& consume, const std::atomic<bool>& stop) {
        if (workers == 0) workers = 1;
        if (window < workers) window = workers;
        std::mutex m;
        std::condition_variable ready, room;
        std::deque<std::optional<Result>> slots;  // slot k holds item base + k
        std::size_t base = 0, next = 0;
        bool abandoned = false;
        auto worker = [&](std::size_t w) {
            for (;;) {
                std::size_t i;
                {
                    std::unique_lock lock(m);
                    room.wait(lock, [&] { return abandoned || stop || next >= count || next < base + window; });
                    if (abandoned || stop || next >= count) return;
                    i = next++;
                    if (slots.size() < i - base + 1) slots.resize(i - base + 1);
                }
                Result r = prepare(i, w);
                {
                    std::lock_guard lock(m);
                    slots[i - base] = std::move(r);
                }
                ready.notify_all();
            }
        };
        std::vector<std::thread> threads;
        for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(worker, w);
        std::size_t consumed = 0;
        for (; consumed < count; ++consumed) {
            std::optional<Result> r;
            {
                std::unique_lock lock(m);
                // Wait for this item, unless stopping and nobody is preparing it.
                ready.wait_for(lock, std::chrono::milliseconds(200), [&] { return !slots.empty() && slots.front(); });
                while (!(!slots.empty() && slots.front())) {
                    if (stop && next <= base) break;  // not started: stop here
                    ready.wait_for(lock, std::chrono::milliseconds(200), [&] { return !slots.empty() && slots.front(); });
                }
                if (slots.empty() || !slots.front()) break;
                r = std::move(slots.front());
                slots.pop_front();
                ++base;
            }
            room.notify_all();
            consume(consumed, std::move(*r));
        }
        {
            std::lock_guard lock(m);
            abandoned = true;
        }
        room.notify_all();
        for (auto& t : threads) t.join();
        return consumed;
    }
};

}  // namespace docket
