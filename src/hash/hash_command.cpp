// `ptool hash`: walker -> pool -> FileHasher per worker -> manifest line -> ordered writer.
#include "ptool/hash/hash_command.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include "ptool/hash/file_hasher.hpp"
#include "ptool/output/json.hpp"

namespace ptool {
namespace {

void append_json_record(std::string& out, std::string_view path, HashAlgorithm algorithm,
                        std::string_view hex, std::uint64_t size) {
    out += '{';
    append_json_name_field(out, "path", path);
    out += ",\"algorithm\":\"";
    out += cli_name(algorithm);
    out += "\",\"hash\":\"";
    out += hex;
    out += "\",\"size\":";
    out += std::to_string(size);
    out += "}\n";
}

class HashJob {
  public:
    HashJob(const HashOptions& options, Session& session, std::size_t workers)
        : options_(options), session_(session), scratch_(workers) {}

    void run(const WalkedFile& file, ByteSink& output) {
        auto opened = open_regular_file(file, options_.walk.follow_symlinks);
        if (!opened.file) {
            if (opened.error != 0) {
                session_.diagnostics().error(file.path, std::strerror(opened.error));
            }
            return;
        }
        auto& scratch = scratch_[OrderedPipeline::worker_index()];
        auto outcome = scratch.hasher.digest(opened.file->descriptor.get(), opened.file->status,
                                             options_.algorithm);
        if (!outcome.error.empty()) {
            session_.diagnostics().error(file.path, outcome.error);
            return;
        }
        session_.counters().add_file(outcome.size);
        scratch.line.clear();
        if (options_.format == HashOutputFormat::json) {
            append_json_record(scratch.line, file.path, options_.algorithm, outcome.hex,
                               outcome.size);
        } else {
            append_manifest_line(scratch.line, options_.algorithm, outcome.hex, file.path,
                                 options_.style, options_.line_end);
        }
        output.write(scratch.line);
    }

  private:
    struct WorkerScratch {
        FileHasher hasher;
        std::string line;
    };

    const HashOptions& options_;
    Session& session_;
    std::vector<WorkerScratch> scratch_;
};

}  // namespace

int run_hash(const HashOptions& options, Session& session) {
    OrderedPipeline pipeline{options.pipeline, session.output(), session.stop_source()};
    ScopedFlushHook flush_hook{session, [&pipeline] { pipeline.flush(); }};
    HashJob job{options, session, pipeline.worker_count()};
    Walker::Callbacks callbacks{
        .on_file =
            [&](WalkedFile&& file) {
                pipeline.submit(
                    [&job, file = std::move(file)](ByteSink& output) { job.run(file, output); });
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
    return session.diagnostics().error_count() == 0 ? 0 : 2;
}

}  // namespace ptool
