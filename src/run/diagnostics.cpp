// Diagnostics: a spdlog sink that owns stderr and the progress line.
#include "ptool/run/diagnostics.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <mutex>

namespace ptool {
namespace {

void write_stderr(std::string_view text) {
    while (!text.empty()) {
        ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
        if (written <= 0) {
            return;  // nowhere left to complain to
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

constexpr std::string_view erase_line = "\r\x1b[K";

spdlog::level::level_enum level_for(Verbosity verbosity) {
    switch (verbosity) {
        case Verbosity::quiet: return spdlog::level::err;
        case Verbosity::normal: return spdlog::level::warn;
        case Verbosity::verbose: return spdlog::level::info;
        case Verbosity::debug: return spdlog::level::debug;
    }
    return spdlog::level::warn;
}

}  // namespace

class Diagnostics::StderrSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    void set_progress(std::string_view line) {
        std::lock_guard lock{mutex_};
        progress_ = line;
        std::string text{erase_line};
        text += progress_;
        write_stderr(text);
    }

    void clear_progress() {
        std::lock_guard lock{mutex_};
        if (!progress_.empty()) {
            progress_.clear();
            write_stderr(erase_line);
        }
    }

protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(message, formatted);
        std::string text;
        if (!progress_.empty()) {
            text += erase_line;
        }
        text.append(formatted.data(), formatted.size());
        text += progress_;
        write_stderr(text);
    }
    void flush_() override {}

private:
    std::string progress_;
};

Diagnostics::Diagnostics(Verbosity verbosity, bool show_progress)
    : sink_(std::make_shared<StderrSink>()),
      logger_(std::make_shared<spdlog::logger>("ptool", sink_)),
      show_progress_(show_progress) {
    logger_->set_pattern("ptool: %v");
    logger_->set_level(level_for(verbosity));
    spdlog::set_default_logger(logger_);
}

Diagnostics::~Diagnostics() {
    clear_progress();
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("ptool-after-exit", spdlog::sinks_init_list{}));
}

void Diagnostics::error(std::string_view path, std::string_view reason) {
    errors_.fetch_add(1, std::memory_order_relaxed);
    logger_->log(spdlog::level::critical, "{}: {}", path, reason);
}

void Diagnostics::notice(std::string_view text) {
    logger_->log(spdlog::level::critical, "{}", text);
}

void Diagnostics::set_progress(std::string_view line) {
    if (show_progress_) {
        sink_->set_progress(line);
    }
}

void Diagnostics::clear_progress() {
    if (show_progress_) {
        sink_->clear_progress();
    }
}

}  // namespace ptool
