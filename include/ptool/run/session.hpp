// Session: what every command run shares: stderr diagnostics, the buffered stdout, the stop
// request, the signal thread (with its progress/flush tick) and the files/bytes counters behind
// --stats and the progress line. It also turns how the run ended into the exit status:
// a signal gives 128+N, a closed output pipe 141 (silently), a failed write 2.
// Easy to get wrong: construct it only after SignalMonitor::block_signals(), before any worker
// thread exists; and call finish() after the command's pipeline is done.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>

#include "ptool/output/output_stream.hpp"
#include "ptool/run/diagnostics.hpp"
#include "ptool/run/signal_monitor.hpp"

namespace ptool {

struct SessionOptions {
    Verbosity verbosity = Verbosity::normal;
    std::optional<bool> progress;  // unset: only when stderr is a terminal
    bool stats = false;            // --stats: the summary on stderr at the end
};

struct RunCounters {
    std::atomic<std::uint64_t> files{0};
    std::atomic<std::uint64_t> bytes{0};
    void add_file(std::uint64_t size) {
        files.fetch_add(1, std::memory_order_relaxed);
        bytes.fetch_add(size, std::memory_order_relaxed);
    }
};

class Session {
public:
    explicit Session(const SessionOptions& options);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session();

    [[nodiscard]] Diagnostics& diagnostics() { return diagnostics_; }
    [[nodiscard]] OutputStream& output() { return output_; }
    [[nodiscard]] std::stop_source stop_source() const { return stop_; }
    [[nodiscard]] std::stop_token stop_token() const { return stop_.get_token(); }
    [[nodiscard]] RunCounters& counters() { return counters_; }

    // Called on every tick while set (the running pipeline's flush); clear it before the
    // pipeline dies.
    void set_flush_hook(std::function<void()> hook);

    // Ends the run: flushes, prints --stats and the interruption summary, and returns the exit
    // status: `command_status` unless a signal, a closed pipe or a write error decides it.
    int finish(int command_status);

private:
    void tick();
    [[nodiscard]] std::string progress_line() const;
    void print_stats();

    SessionOptions options_;
    Diagnostics diagnostics_;
    OutputStream output_;
    std::stop_source stop_;
    RunCounters counters_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::mutex hook_mutex_;
    std::function<void()> flush_hook_;
    SignalMonitor monitor_;
};

// Runs the pipeline-flush hook for as long as this object lives.
class ScopedFlushHook {
public:
    ScopedFlushHook(Session& session, std::function<void()> hook) : session_(session) {
        session_.set_flush_hook(std::move(hook));
    }
    ScopedFlushHook(const ScopedFlushHook&) = delete;
    ScopedFlushHook& operator=(const ScopedFlushHook&) = delete;
    ~ScopedFlushHook() { session_.set_flush_hook({}); }

private:
    Session& session_;
};

}  // namespace ptool
