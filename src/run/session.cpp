// Session: progress, stats and the exit-status rules shared by every command.
#include "ptool/run/session.hpp"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fmt/format.h>

namespace ptool {
namespace {

constexpr int exit_write_error = 2;
constexpr int exit_reader_gone = 128 + SIGPIPE;

std::string human_bytes(double bytes) {
    constexpr const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    std::size_t unit = 0;
    while (bytes >= 1024 && unit + 1 < std::size(units)) {
        bytes /= 1024;
        ++unit;
    }
    return fmt::format("{:.1f} {}", bytes, units[unit]);
}

const char* signal_name(int signal) { return signal == SIGINT ? "SIGINT" : "SIGTERM"; }

}  // namespace

Session::Session(const SessionOptions& options)
    : options_(options),
      diagnostics_(options.verbosity, options.progress.value_or(::isatty(STDERR_FILENO) == 1)),
      output_(STDOUT_FILENO),
      monitor_(
          stop_,
          [this](int signal) {
              diagnostics_.notice(fmt::format(
                  "{}: stopping after the queued files (press Ctrl-C again to stop now)",
                  signal_name(signal)));
          },
          [this] { tick(); }, std::chrono::milliseconds{100}) {}

Session::~Session() = default;

void Session::set_flush_hook(std::function<void()> hook) {
    std::lock_guard lock{hook_mutex_};
    flush_hook_ = std::move(hook);
}

void Session::tick() {
    {
        std::lock_guard lock{hook_mutex_};
        if (flush_hook_) {
            flush_hook_();
        }
    }
    if (diagnostics_.shows_progress()) {
        diagnostics_.set_progress(progress_line());
    }
}

std::string Session::progress_line() const {
    return fmt::format("ptool: {} files, {}", counters_.files.load(),
                       human_bytes(static_cast<double>(counters_.bytes.load())));
}

void Session::print_stats() {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
    const double seconds = std::max(elapsed.count(), 1e-9);
    const auto bytes = static_cast<double>(counters_.bytes.load());
    diagnostics_.notice(fmt::format(
        "stats: {} files, {} bytes ({}), {} errors, {:.3f} s, {}/s, {:.0f} files/s",
        counters_.files.load(), counters_.bytes.load(), human_bytes(bytes),
        diagnostics_.error_count(), seconds, human_bytes(bytes / seconds),
        static_cast<double>(counters_.files.load()) / seconds));
}

int Session::finish(int command_status) {
    set_flush_hook({});
    output_.flush();
    diagnostics_.clear_progress();
    if (options_.stats) {
        print_stats();
    }
    if (int signal = monitor_.received_signal(); signal != 0) {
        diagnostics_.notice(fmt::format("interrupted by {}: {} files done, the rest skipped",
                                        signal_name(signal), counters_.files.load()));
        return 128 + signal;
    }
    if (output_.reader_gone()) {
        return exit_reader_gone;
    }
    if (output_.failed()) {
        diagnostics_.error("standard output", std::strerror(output_.error()));
        return exit_write_error;
    }
    return command_status;
}

}  // namespace ptool
