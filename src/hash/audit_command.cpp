// `ptool hash --audit`: manifest -> AuditManifest; walker -> pipeline -> FileHasher -> AuditLine.
#include "ptool/hash/audit_command.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <variant>

#include "ptool/hash/audit_line.hpp"
#include "ptool/hash/audit_manifest.hpp"
#include "ptool/hash/check_command.hpp"
#include "ptool/hash/file_hasher.hpp"
#include "ptool/util/file_descriptor.hpp"
#include "ptool/util/record_reader.hpp"

namespace ptool {
namespace {

// Loads every entry; an improperly formatted line is an error (a damaged manifest must not
// turn into a report of new files). False when the manifest could not be read at all.
bool load_manifest(const AuditOptions& options, Session& session, AuditManifest& manifest) {
    const bool from_stdin = options.manifest == "-";
    const std::string name = from_stdin ? "standard input" : options.manifest;
    FileDescriptor opened;
    if (!from_stdin) {
        opened.reset(::open(options.manifest.c_str(), O_RDONLY | O_CLOEXEC));
        if (!opened) {
            session.diagnostics().error(name, std::strerror(errno));
            return false;
        }
    }
    std::uint64_t line_number = 0;
    RecordReaderCallbacks callbacks{
        .on_record =
            [&](const Record& record) {
                ++line_number;
                auto parsed = parse_manifest_line(record.bytes, options.line_end);
                if (auto* entry = std::get_if<ManifestEntry>(&parsed); entry && !record.too_long) {
                    manifest.add(std::move(*entry));
                } else if (!std::holds_alternative<IgnoredManifestLine>(parsed) ||
                           record.too_long) {
                    session.diagnostics().error(
                        name, fmt::format("{}: improperly formatted checksum line", line_number));
                }
            },
        .on_idle = {},
    };
    const RecordReaderOptions reader_options{
        .separator = options.line_end == LineEnd::nul ? '\0' : '\n',
        .max_record_length = max_manifest_line_length};
    const int error = read_records(from_stdin ? STDIN_FILENO : opened.get(), reader_options,
                                   callbacks, session.stop_token());
    if (error != 0) {
        session.diagnostics().error(name, std::strerror(error));
        return false;
    }
    return true;
}

struct AuditCounts {
    std::atomic<std::uint64_t> ok{0};
    std::atomic<std::uint64_t> changed{0};
    std::atomic<std::uint64_t> new_files{0};
    std::uint64_t moved = 0;
    std::uint64_t missing = 0;
};

// Walk-order candidates: new files whose content is listed, decided after the walk.
struct Candidate {
    std::uint64_t sequence;
    NewFile file;
};

class AuditJob {
  public:
    AuditJob(const AuditOptions& options, Session& session, const AuditManifest& manifest,
             std::size_t workers)
        : options_(options), session_(session), manifest_(manifest), scratch_(workers) {}

    void run(const WalkedFile& file, std::optional<std::size_t> listed, std::uint64_t sequence,
             ByteSink& output) {
        auto opened = open_regular_file(file, options_.walk.follow_symlinks);
        if (!opened.file) {
            if (opened.error != 0) {
                session_.diagnostics().error(file.path, std::strerror(opened.error));
            }
            return;
        }
        auto& scratch = scratch_[OrderedPipeline::worker_index()];
        session_.counters().add_file(static_cast<std::uint64_t>(opened.file->status.st_size));
        if (listed) {
            compare_listed(file.path, manifest_.entry(*listed), *opened.file, scratch, output);
        } else {
            examine_new(file.path, *opened.file, sequence, scratch, output);
        }
    }

    [[nodiscard]] AuditCounts& counts() { return counts_; }

    void append(std::string& out, const AuditDifference& difference) const {
        if (options_.json) {
            append_audit_json(out, difference);
        } else {
            append_audit_line(out, difference, options_.line_end);
        }
    }

    // Every worker's candidates, in walk order; call once the pipeline has finished.
    [[nodiscard]] std::vector<NewFile> take_candidates() {
        std::vector<Candidate> all;
        for (auto& scratch : scratch_) {
            std::move(scratch.candidates.begin(), scratch.candidates.end(),
                      std::back_inserter(all));
        }
        std::sort(all.begin(), all.end(),
                  [](const Candidate& a, const Candidate& b) { return a.sequence < b.sequence; });
        std::vector<NewFile> files;
        files.reserve(all.size());
        for (auto& candidate : all) {
            files.push_back(std::move(candidate.file));
        }
        return files;
    }

  private:
    struct WorkerScratch {
        FileHasher hasher;
        std::string line;
        std::vector<Candidate> candidates;
    };

    // `rewind`: the file was read before, under another algorithm.
    std::optional<std::string> digest(const std::string& path, OpenedFile& file,
                                      HashAlgorithm algorithm, WorkerScratch& scratch,
                                      bool rewind = false) {
        if (rewind && ::lseek(file.descriptor.get(), 0, SEEK_SET) != 0) {
            session_.diagnostics().error(path, std::strerror(errno));
            return std::nullopt;
        }
        auto outcome = scratch.hasher.digest(file.descriptor.get(), file.status, algorithm);
        if (!outcome.error.empty()) {
            session_.diagnostics().error(path, outcome.error);
            return std::nullopt;
        }
        return std::move(outcome.hex);
    }

    void compare_listed(const std::string& path, const ManifestEntry& entry, OpenedFile& file,
                        WorkerScratch& scratch, ByteSink& output) {
        auto hex = digest(path, file, entry.algorithm, scratch);
        if (!hex) {
            return;
        }
        if (*hex == entry.expected_hex) {
            counts_.ok.fetch_add(1, std::memory_order_relaxed);
            if (options_.show_ok) {
                print({.status = AuditStatus::ok, .path = path}, scratch, output);
            }
            return;
        }
        counts_.changed.fetch_add(1, std::memory_order_relaxed);
        print({.status = AuditStatus::changed,
               .path = path,
               .algorithm = entry.algorithm,
               .expected_hex = entry.expected_hex,
               .actual_hex = *hex},
              scratch, output);
    }

    void examine_new(const std::string& path, OpenedFile& file, std::uint64_t sequence,
                     WorkerScratch& scratch, ByteSink& output) {
        NewFile examined{path, {}};
        bool content_listed = false;
        for (HashAlgorithm algorithm : manifest_.algorithms()) {
            auto hex = digest(path, file, algorithm, scratch, !examined.digests.empty());
            if (!hex) {
                return;
            }
            content_listed = content_listed || manifest_.content_listed(algorithm, *hex);
            examined.digests.emplace_back(algorithm, std::move(*hex));
        }
        if (content_listed) {
            scratch.candidates.push_back({sequence, std::move(examined)});
            return;
        }
        counts_.new_files.fetch_add(1, std::memory_order_relaxed);
        print({.status = AuditStatus::new_file, .path = path}, scratch, output);
    }

    void print(const AuditDifference& difference, WorkerScratch& scratch, ByteSink& output) {
        scratch.line.clear();
        append(scratch.line, difference);
        output.write(scratch.line);
    }

    const AuditOptions& options_;
    Session& session_;
    const AuditManifest& manifest_;
    std::vector<WorkerScratch> scratch_;
    AuditCounts counts_;
};

// The walk: listed files are compared, new ones examined, all in walk order.
void walk_and_compare(const AuditOptions& options, Session& session, AuditManifest& manifest,
                      AuditJob& job) {
    OrderedPipeline pipeline{options.pipeline, session.output(), session.stop_source()};
    ScopedFlushHook flush_hook{session, [&pipeline] { pipeline.flush(); }};
    std::uint64_t next_sequence = 0;
    Walker::Callbacks callbacks{
        .on_file =
            [&](WalkedFile&& file) {
                // Marked here, on the one producer thread; workers only read the manifest.
                std::optional<std::size_t> listed = manifest.mark_walked(file.path);
                pipeline.submit([&job, file = std::move(file), listed, sequence = next_sequence++](
                                    ByteSink& output) { job.run(file, listed, sequence, output); });
            },
        .on_error = [&](std::string_view path,
                        std::string_view reason) { session.diagnostics().error(path, reason); },
        .on_idle = [&pipeline] { pipeline.hand_over(); },
    };
    walk_file_sources(options.sources, options.walk, callbacks, session.stop_token());
    pipeline.finish();
    if (pipeline.failed_jobs() != 0) {
        session.diagnostics().error("internal error", pipeline.first_failure());
    }
}

// After the walk: moves and copies in walk order, then what is missing in manifest order.
void report_moves_and_missing(const AuditManifest& manifest, AuditJob& job, Session& session) {
    const std::vector<NewFile> candidates = job.take_candidates();
    const AuditResolution resolution = manifest.resolve(candidates);
    std::string text;
    for (std::size_t index = 0; index < candidates.size(); ++index) {
        text.clear();
        if (auto old = resolution.move_of_new_file[index]) {
            ++job.counts().moved;
            job.append(text, {.status = AuditStatus::moved,
                              .path = candidates[index].path,
                              .moved_from = manifest.entry(*old).path});
        } else {
            job.counts().new_files.fetch_add(1, std::memory_order_relaxed);
            job.append(text, {.status = AuditStatus::new_file, .path = candidates[index].path});
        }
        session.output().write(text);
    }
    for (std::size_t entry : resolution.missing) {
        text.clear();
        ++job.counts().missing;
        job.append(text, {.status = AuditStatus::missing, .path = manifest.entry(entry).path});
        session.output().write(text);
    }
}

}  // namespace

int run_audit(const AuditOptions& options, Session& session) {
    AuditManifest manifest;
    if (!load_manifest(options, session, manifest)) {
        return 2;
    }
    AuditJob job{options, session, manifest, options.pipeline.workers};
    walk_and_compare(options, session, manifest, job);
    if (session.stop_token().stop_requested()) {
        return 2;  // an interrupted walk cannot say what is missing; the Session says why
    }
    report_moves_and_missing(manifest, job, session);
    session.output().flush();
    const AuditCounts& counts = job.counts();
    const std::size_t errors = session.diagnostics().error_count();
    if (options.summary) {
        session.diagnostics().notice(fmt::format(
            "audit: {} ok, {} changed, {} new, {} moved, {} missing, {} errors", counts.ok.load(),
            counts.changed.load(), counts.new_files.load(), counts.moved, counts.missing, errors));
    }
    if (errors != 0) {
        return 2;
    }
    const bool differs =
        counts.changed.load() + counts.new_files.load() + counts.moved + counts.missing != 0;
    return differs ? 1 : 0;
}

}  // namespace ptool
