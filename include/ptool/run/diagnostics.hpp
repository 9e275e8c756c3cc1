// Diagnostics: everything ptool says on stderr. Error lines read `ptool: PATH: reason` and are
// counted (the count decides the exit status); warnings and debug messages go through spdlog at
// the level -v/-q chose; a progress line is drawn only when asked (a terminal) and erased before
// any other line, so messages never mix with it.
// Easy to get wrong: spdlog's default logger points at this object's sink; keep the
// Diagnostics alive for as long as anything may log (it lives for the whole command).
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace ptool {

enum class Verbosity { quiet, normal, verbose, debug };

class Diagnostics {
  public:
    Diagnostics(Verbosity verbosity, bool show_progress);
    Diagnostics(const Diagnostics&) = delete;
    Diagnostics& operator=(const Diagnostics&) = delete;
    ~Diagnostics();

    // `ptool: PATH: reason`; counts as an error. Thread-safe.
    void error(std::string_view path, std::string_view reason);
    // Counts an error whose message the user asked not to see (grep -s). Thread-safe.
    void unreported_error() { errors_.fetch_add(1, std::memory_order_relaxed); }
    // `ptool: text` whatever the verbosity (summaries, notices the user asked for).
    void notice(std::string_view text);
    [[nodiscard]] std::size_t error_count() const {
        return errors_.load(std::memory_order_relaxed);
    }

    [[nodiscard]] bool shows_progress() const { return show_progress_; }
    void set_progress(std::string_view line);
    void clear_progress();

  private:
    class StderrSink;
    std::shared_ptr<StderrSink> sink_;
    std::shared_ptr<spdlog::logger> logger_;
    std::atomic<std::size_t> errors_{0};
    bool show_progress_;
};

}  // namespace ptool
