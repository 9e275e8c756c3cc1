// SignalMonitor: sigtimedwait loop; SIGUSR1 sent by the destructor wakes it to finish.
#include "ptool/run/signal_monitor.hpp"

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace ptool {
namespace {

constexpr int wake_signal = SIGUSR1;

sigset_t monitored_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, wake_signal);
    return set;
}

}  // namespace

void SignalMonitor::block_signals() {
    sigset_t set = monitored_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

SignalMonitor::SignalMonitor(std::stop_source stop, std::function<void(int signal)> on_first_signal,
                             std::function<void()> on_tick, std::chrono::milliseconds tick_interval)
    : stop_(std::move(stop)),
      on_first_signal_(std::move(on_first_signal)),
      on_tick_(std::move(on_tick)),
      tick_interval_(tick_interval),
      thread_([this] { run(); }) {}

SignalMonitor::~SignalMonitor() {
    finishing_.store(true);
    pthread_kill(thread_.native_handle(), wake_signal);
    thread_.join();
}

void SignalMonitor::run() {
    const sigset_t set = monitored_signals();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(tick_interval_);
    const timespec timeout{seconds.count(),
                           std::chrono::duration_cast<std::chrono::nanoseconds>(tick_interval_ - seconds).count()};
    while (!finishing_.load()) {
        int signal = sigtimedwait(&set, nullptr, &timeout);
        if (signal == SIGINT || signal == SIGTERM) {
            int expected = 0;
            if (!received_.compare_exchange_strong(expected, signal)) {
                ::_exit(128 + signal);  // the second signal: the user does not want to wait
            }
            stop_.request_stop();
            if (on_first_signal_) {
                on_first_signal_(signal);
            }
        } else if (signal < 0 && errno == EAGAIN && on_tick_) {
            on_tick_();
        }
    }
}

}  // namespace ptool
