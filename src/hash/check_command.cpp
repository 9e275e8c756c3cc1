// `ptool hash --check`: manifest lines -> pipeline units -> FileHasher -> `NAME: OK` lines.
#include "ptool/hash/check_command.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <variant>

#include "ptool/hash/file_hasher.hpp"
#include "ptool/hash/manifest_line.hpp"
#include "ptool/output/shell_quote.hpp"
#include "ptool/util/file_descriptor.hpp"
#include "ptool/util/record_reader.hpp"

namespace ptool {
namespace {

constexpr std::string_view standard_input_name = "standard input";

// CheckTally's counts, updated by the workers.
struct SharedTally {
    std::atomic<std::uint64_t> matched{0};
    std::atomic<std::uint64_t> mismatched{0};
    std::atomic<std::uint64_t> open_or_read_failures{0};
};

// coreutils escapes a name in its results only when it holds a newline (which would split the
// line); the `\` at the start of the line then says so.
void append_result_name(std::string& out, std::string_view name, bool status_only) {
    if (status_only || name.find('\n') == std::string_view::npos) {
        out += name;
        return;
    }
    out.push_back('\\');
    append_escaped_name(out, name);
}

enum class FileVerdict { matched, mismatched, unreadable, missing_and_ignored };

// One manifest's checking: the per-worker scratch and the counters its units update.
class ManifestCheck {
  public:
    ManifestCheck(const CheckOptions& options, Session& session, std::size_t workers)
        : options_(options), session_(session), scratch_(workers) {}

    void verify(const ManifestEntry& entry, ByteSink& output) {
        auto& scratch = scratch_[OrderedPipeline::worker_index()];
        const FileVerdict verdict = digest_and_compare(entry, scratch.hasher);
        if (verdict == FileVerdict::missing_and_ignored) {
            return;
        }
        count(verdict);
        const CheckSettings& settings = options_.settings;
        const bool print =
            !settings.status_only && (verdict != FileVerdict::matched || !settings.quiet);
        if (!print) {
            return;
        }
        scratch.line.clear();
        append_result_name(scratch.line, entry.path, settings.status_only);
        scratch.line += verdict == FileVerdict::matched      ? ": OK\n"
                        : verdict == FileVerdict::mismatched ? ": FAILED\n"
                                                             : ": FAILED open or read\n";
        output.write(scratch.line);
    }

    void report_improper_line(std::string_view quoted_manifest, std::uint64_t line_number) {
        session_.diagnostics().notice(fmt::format("{}: {}: improperly formatted {} checksum line",
                                                  quoted_manifest, line_number,
                                                  tag_name(options_.named_algorithm)));
    }

    void add_counts_to(CheckTally& tally) const {
        tally.matched = shared_.matched.load();
        tally.mismatched = shared_.mismatched.load();
        tally.open_or_read_failures = shared_.open_or_read_failures.load();
    }

  private:
    struct WorkerScratch {
        FileHasher hasher;
        std::string line;
    };

    FileVerdict digest_and_compare(const ManifestEntry& entry, FileHasher& hasher) {
        // O_NONBLOCK: a FIFO named in a manifest must not block a worker; refused below.
        FileDescriptor file{
            ::open(entry.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
        if (!file) {
            const int error = errno;
            if (error == ENOENT && options_.settings.ignore_missing) {
                return FileVerdict::missing_and_ignored;
            }
            return unreadable(entry, std::strerror(error));
        }
        struct stat status {};
        if (::fstat(file.get(), &status) != 0) {
            return unreadable(entry, std::strerror(errno));
        }
        if (S_ISDIR(status.st_mode)) {
            return unreadable(entry, std::strerror(EISDIR));
        }
        if (!S_ISREG(status.st_mode)) {
            return unreadable(entry, "not a regular file");
        }
        session_.counters().add_file(static_cast<std::uint64_t>(status.st_size));
        auto outcome = hasher.digest(file.get(), status, entry.algorithm);
        if (!outcome.error.empty()) {
            return unreadable(entry, outcome.error);
        }
        return outcome.hex == entry.expected_hex ? FileVerdict::matched : FileVerdict::mismatched;
    }

    FileVerdict unreadable(const ManifestEntry& entry, std::string_view reason) {
        session_.diagnostics().error(shell_quote(entry.path), reason);
        return FileVerdict::unreadable;
    }

    void count(FileVerdict verdict) {
        switch (verdict) {
            case FileVerdict::matched:
                shared_.matched.fetch_add(1, std::memory_order_relaxed);
                break;
            case FileVerdict::mismatched:
                shared_.mismatched.fetch_add(1, std::memory_order_relaxed);
                break;
            case FileVerdict::unreadable:
                shared_.open_or_read_failures.fetch_add(1, std::memory_order_relaxed);
                break;
            case FileVerdict::missing_and_ignored:
                break;
        }
    }

    const CheckOptions& options_;
    Session& session_;
    std::vector<WorkerScratch> scratch_;
    SharedTally shared_;
};

// Turns each manifest line into a unit of work: an entry to verify, or an improperly formatted
// line to report (a unit too, so --warn's messages keep their place among the files' errors).
class LineSubmitter {
  public:
    LineSubmitter(const CheckOptions& options, bool from_stdin, const std::string& quoted_name,
                  ManifestCheck& check, OrderedPipeline& pipeline, CheckTally& tally)
        : options_(options),
          from_stdin_(from_stdin),
          quoted_name_(quoted_name),
          check_(check),
          pipeline_(pipeline),
          tally_(tally) {}

    void submit(const Record& record) {
        ++line_number_;
        if (record.too_long) {
            submit_improper();
            return;
        }
        auto parsed = parse_manifest_line(record.bytes, options_.line_end);
        if (auto* entry = std::get_if<ManifestEntry>(&parsed)) {
            if (from_stdin_ && entry->path == "-") {  // as coreutils: not standard input twice
                submit_improper();
                return;
            }
            ++tally_.entries;
            pipeline_.submit([&check = check_, entry = std::move(*entry)](ByteSink& output) {
                check.verify(entry, output);
            });
        } else if (std::holds_alternative<ImproperManifestLine>(parsed)) {
            submit_improper();
        }
    }

  private:
    void submit_improper() {
        ++tally_.improper_lines;
        if (options_.settings.warn) {
            pipeline_.submit([&check = check_, &name = quoted_name_, line_number = line_number_](
                                 ByteSink&) { check.report_improper_line(name, line_number); });
        }
    }

    const CheckOptions& options_;
    bool from_stdin_;
    const std::string& quoted_name_;
    ManifestCheck& check_;
    OrderedPipeline& pipeline_;
    CheckTally& tally_;
    std::uint64_t line_number_ = 0;
};

// Checks one manifest, streaming its lines through the pipeline; prints its summary. Returns
// whether it passed.
bool check_manifest(const std::string& manifest, const CheckOptions& options, Session& session) {
    const bool from_stdin = manifest == "-";
    const std::string quoted_name = shell_quote(from_stdin ? standard_input_name : manifest);
    FileDescriptor opened;
    if (!from_stdin) {
        opened.reset(::open(manifest.c_str(), O_RDONLY | O_CLOEXEC));
        if (!opened) {
            session.diagnostics().error(quoted_name, std::strerror(errno));
            return false;
        }
    }
    // Before the pipeline: queued units refer to these until the pipeline is finished.
    ManifestCheck check{options, session, options.pipeline.workers};
    CheckTally tally;
    OrderedPipeline pipeline{options.pipeline, session.output(), session.stop_source()};
    ScopedFlushHook flush_hook{session, [&pipeline] { pipeline.flush(); }};
    LineSubmitter submitter{options, from_stdin, quoted_name, check, pipeline, tally};
    const RecordReaderCallbacks callbacks{
        .on_record = [&submitter](const Record& record) { submitter.submit(record); },
        .on_idle = [&pipeline] { pipeline.hand_over(); },
    };
    const RecordReaderOptions reader_options{
        .separator = options.line_end == LineEnd::nul ? '\0' : '\n',
        .max_record_length = max_manifest_line_length};
    const int read_error = read_records(from_stdin ? STDIN_FILENO : opened.get(), reader_options,
                                        callbacks, session.stop_token());
    pipeline.finish();
    if (pipeline.failed_jobs() != 0) {
        session.diagnostics().error("internal error", pipeline.first_failure());
        return false;
    }
    if (read_error != 0) {
        session.diagnostics().notice(fmt::format("{}: read error", quoted_name));
        return false;
    }
    if (session.stop_token().stop_requested()) {
        return false;  // partial counts would mislead; the Session reports the interruption
    }
    check.add_counts_to(tally);
    for (const auto& line : check_summary_lines(tally, quoted_name, options.settings)) {
        session.diagnostics().notice(line);
    }
    return check_passed(tally, options.settings);
}

}  // namespace

int run_check(const CheckOptions& options, Session& session) {
    std::vector<std::string> manifests = options.manifests;
    if (manifests.empty()) {
        manifests.emplace_back("-");
    }
    bool all_passed = true;
    for (const auto& manifest : manifests) {
        if (session.stop_token().stop_requested()) {
            break;
        }
        all_passed = check_manifest(manifest, options, session) && all_passed;
    }
    return all_passed ? 0 : 1;
}

}  // namespace ptool
