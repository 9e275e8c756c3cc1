// `ptool grep`: the file job (open, search with this worker's engine, report) and the run.
#include "ptool/grep/grep_command.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "ptool/grep/grep_engine.hpp"
#include "ptool/grep/matcher.hpp"
#include "ptool/grep/printer.hpp"

namespace ptool {
namespace {

struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
};

// The regular file standard output is redirected to, if it is one: `ptool grep x . > out`
// must not search its own growing output.
std::optional<FileIdentity> regular_file_behind_stdout() {
    struct stat status {};
    if (::fstat(STDOUT_FILENO, &status) != 0 || !S_ISREG(status.st_mode)) {
        return std::nullopt;
    }
    return FileIdentity{status.st_dev, status.st_ino};
}

constexpr std::string_view standard_input_name = "(standard input)";

// Thrown through the searcher to abandon a file whose output nobody will read.
struct OutputClosed {};

// Forwards a file's output, and ends its search when the reader has gone: `ptool grep x dir |
// head -1` must not search a large file to its end first.
class AbandoningSink final : public ByteSink {
  public:
    explicit AbandoningSink(ByteSink& output) : output_(output) {}
    void write(std::string_view bytes) override {
        throw_if_closed();
        output_.write(bytes);
    }
    void write_separator(std::string_view separator) override {
        throw_if_closed();
        output_.write_separator(separator);
    }
    [[nodiscard]] bool output_closed() const override { return output_.output_closed(); }

  private:
    void throw_if_closed() const {
        if (output_.output_closed()) {
            throw OutputClosed{};
        }
    }
    ByteSink& output_;
};

// A file that is missing, unreadable or fails part-way: an error for the exit status, shown
// unless -s asked for silence (as GNU grep; other errors are always shown).
void report_file_error(Session& session, const GrepCommandOptions& options, std::string_view path,
                       std::string_view reason) {
    if (options.no_file_messages) {
        session.diagnostics().unreported_error();
    } else {
        session.diagnostics().error(path, reason);
    }
}

class GrepJob {
  public:
    GrepJob(const GrepCommandOptions& options, Session& session, std::size_t workers)
        : options_(options),
          session_(session),
          strip_implicit_root_(options.sources.paths.empty() && !options.sources.files_from),
          stdout_file_(prints_lines() ? regular_file_behind_stdout() : std::nullopt),
          scratch_(workers) {}

    void run(const WalkedFile& file, ByteSink& output) {
        if (stops_at_first_selected() && selected_.load(std::memory_order_relaxed)) {
            return;  // -q: the answer is known; queued files are not even opened
        }
        if (file.standard_input) {
            search_standard_input(output);
            return;
        }
        auto opened = open_regular_file(file, options_.walk.follow_symlinks);
        const std::string_view path = display_path(file.path);
        if (!opened.file) {
            if (opened.error != 0) {
                report_file_error(session_, options_, path, std::strerror(opened.error));
            }
            return;
        }
        if (is_stdout(opened.file->status)) {
            spdlog::debug("{}: skipped: it is standard output", path);
            return;
        }
        search(opened.file->descriptor.get(), path, path, output,
               static_cast<std::uint64_t>(opened.file->status.st_size));
    }

    [[nodiscard]] bool any_selected() const { return selected_.load(std::memory_order_relaxed); }

    // Only once the pipeline has finished: the workers' statistics added up.
    [[nodiscard]] SearchStats total_stats() const {
        SearchStats total;
        for (const WorkerScratch& scratch : scratch_) {
            total += scratch.stats;
        }
        return total;
    }

  private:
    struct WorkerScratch {
        std::optional<GrepEngine> engine;
        SearchStats stats;
    };

    // Read where it stands, never opened or closed here. Named as GNU grep names it, and as
    // ripgrep does in --json, whose readers expect "<stdin>".
    void search_standard_input(ByteSink& output) {
        struct stat status {};
        if (::fstat(STDIN_FILENO, &status) == 0 && is_stdout(status)) {
            spdlog::debug("{}: skipped: it is standard output", standard_input_name);
            return;
        }
        const bool json = options_.grep.output_mode == GrepOutputMode::json;
        search(STDIN_FILENO, json ? "<stdin>" : standard_input_name, standard_input_name, output);
    }

    // `printed_path` goes to the output, `reported_path` into messages on stderr; `known_size`
    // as GrepEngine::search_file takes it (0: unknown).
    void search(int fd, std::string_view printed_path, std::string_view reported_path,
                ByteSink& output, std::uint64_t known_size = 0) {
        WorkerScratch& scratch = scratch_[OrderedPipeline::worker_index()];
        if (!scratch.engine) {
            scratch.engine.emplace(options_.grep);  // lazily: idle workers keep no buffer
        }
        FileSearchResult result;
        try {
            AbandoningSink sink{output};
            result =
                scratch.engine->search_file(fd, printed_path, sink, known_size, stop_within_file());
        } catch (const OutputClosed&) {
            return;  // the pipeline sees the failed output and stops the run
        }
        if (options_.grep.output_mode != GrepOutputMode::json || result.printed_anything) {
            scratch.stats += result.stats;  // rg's summary adds up only files it printed
        }
        session_.counters().add_file(result.stats.bytes_searched);
        report(reported_path, result);
    }

    void report(std::string_view path, const FileSearchResult& result) {
        if (result.error) {
            report_file_error(session_, options_, path, result.error->message);
        }
        if (result.binary_matched) {
            session_.diagnostics().notice(fmt::format("{}: binary file matches", path));
        }
        if (result.selected()) {
            selected_.store(true, std::memory_order_relaxed);
            if (stops_at_first_selected()) {
                session_.stop_source().request_stop();  // ends the walk; not an interruption
            }
        }
    }

    [[nodiscard]] bool stops_at_first_selected() const {
        return options_.grep.output_mode == GrepOutputMode::quiet;
    }

    // Under -q a file being searched is abandoned once the answer is known (the stop source is
    // also a signal's, which abandons nothing printed under -q either). Elsewhere a file is
    // searched to its end: after Ctrl-C, files already queued are printed whole.
    [[nodiscard]] std::stop_token stop_within_file() const {
        return stops_at_first_selected() ? session_.stop_token() : std::stop_token{};
    }

    [[nodiscard]] bool prints_lines() const {
        return options_.grep.output_mode == GrepOutputMode::lines ||
               options_.grep.output_mode == GrepOutputMode::json;
    }

    [[nodiscard]] bool is_stdout(const struct stat& status) const {
        return stdout_file_ && stdout_file_->device == status.st_dev &&
               stdout_file_->inode == status.st_ino;
    }

    // Every path under the implicit "." root starts with "./".
    [[nodiscard]] std::string_view display_path(std::string_view path) const {
        if (strip_implicit_root_ && path.starts_with("./")) {
            path.remove_prefix(2);
        }
        return path;
    }

    const GrepCommandOptions& options_;
    Session& session_;
    bool strip_implicit_root_;
    std::optional<FileIdentity> stdout_file_;
    std::vector<WorkerScratch> scratch_;
    std::atomic<bool> selected_{false};
};

int exit_status(const GrepCommandOptions& options, bool selected, bool errors) {
    if (selected && options.grep.output_mode == GrepOutputMode::quiet) {
        return grep_exit_selected;  // GNU grep: -q with a match succeeds despite errors
    }
    if (errors) {
        return grep_exit_error;
    }
    return selected ? grep_exit_selected : grep_exit_none_selected;
}

}  // namespace

int run_grep(const GrepCommandOptions& options, Session& session) {
    if (auto error = pattern_error(options.grep)) {
        session.diagnostics().notice("bad pattern: " + *error);
        return grep_exit_error;
    }
    const auto started = std::chrono::steady_clock::now();
    GrepCommandOptions prepared_options = options;  // the patterns worked out once, not per worker
    prepared_options.grep.prepared = prepare_patterns(options.grep);
    SearchStats total;
    bool selected = false;
    {
        OrderedPipeline pipeline{options.pipeline, session.output(), session.stop_source()};
        ScopedFlushHook flush_hook{session, [&pipeline] { pipeline.flush(); }};
        GrepJob job{prepared_options, session, pipeline.worker_count()};
        Walker::Callbacks callbacks{
            .on_file =
                [&](WalkedFile&& file) {
                    pipeline.submit([&job, file = std::move(file)](ByteSink& output) {
                        job.run(file, output);
                    });
                },
            .on_error =
                [&](std::string_view path, std::string_view reason) {
                    report_file_error(session, options, path, reason);
                },
            .on_idle = [&pipeline] { pipeline.hand_over(); },
        };
        walk_file_sources(options.sources, options.walk, callbacks, session.stop_token());
        pipeline.finish();
        if (pipeline.failed_jobs() != 0) {
            session.diagnostics().error("internal error", pipeline.first_failure());
        }
        total = job.total_stats();
        selected = job.any_selected();
    }
    // Only now that the flush hook is gone may this thread use the output stream: the signal
    // thread's tick flushes it while the hook is set.
    if (options.grep.output_mode == GrepOutputMode::json) {
        session.output().write(json_summary(total, std::chrono::steady_clock::now() - started));
    }
    return exit_status(options, selected, session.diagnostics().error_count() != 0);
}

}  // namespace ptool
