// SignalMonitor: receives SIGINT and SIGTERM on one dedicated thread with sigtimedwait, so no
// work ever runs inside a signal handler. The first signal requests a stop (the walk ends, the
// queued files finish); a second one ends the process at once with 128 + the signal number.
// Between signals the thread ticks, letting the caller draw progress and flush stale output.
// Easy to get wrong: block_signals() must run before any other thread starts, so that every
// thread inherits the blocked mask and the kernel delivers the signals to this thread's wait.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <stop_token>
#include <thread>

namespace ptool {

class SignalMonitor {
public:
    // Blocks SIGINT, SIGTERM and the monitor's wake signal in the calling thread (and so in
    // every thread it starts later); ignores SIGPIPE so a closed pipe is an EPIPE write error.
    static void block_signals();

    // `on_first_signal` runs on the monitor thread when the first signal arrives (to tell the
    // user what happens now); `on_tick` every `tick_interval` while no signal arrives.
    SignalMonitor(std::stop_source stop, std::function<void(int signal)> on_first_signal,
                  std::function<void()> on_tick, std::chrono::milliseconds tick_interval);
    SignalMonitor(const SignalMonitor&) = delete;
    SignalMonitor& operator=(const SignalMonitor&) = delete;
    ~SignalMonitor();

    // The first signal received (SIGINT or SIGTERM), 0 when none.
    [[nodiscard]] int received_signal() const { return received_.load(); }

private:
    void run();

    std::stop_source stop_;
    std::function<void(int signal)> on_first_signal_;
    std::function<void()> on_tick_;
    std::chrono::milliseconds tick_interval_;
    std::atomic<int> received_{0};
    std::atomic<bool> finishing_{false};
    std::thread thread_;
};

}  // namespace ptool
