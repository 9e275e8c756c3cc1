// CommonOptions: the CLI11 declarations of the shared flags and their translation.
#include "ptool/cli/common_options.hpp"

#include <thread>

namespace ptool {

void CommonOptions::add_to(CLI::App& command) {
    command.add_option("paths", paths, "Files and directories to process (default: .)");
    command
        .add_option("--files-from", files_from,
                       "Read the paths to process from FILE ('-': standard input), one a line "
                       "(NUL-separated with -0)")
        ->type_name("FILE");
    command.add_option("-j,--jobs", jobs, "Worker threads (default: hardware threads)")
        ->type_name("N")
        ->check(CLI::PositiveNumber);
    command.add_option("--queue-capacity", queue_capacity,
                       "Jobs the walker may queue ahead of the workers (default: 2 * jobs)")
        ->type_name("N")
        ->check(CLI::PositiveNumber);
    command.add_flag("-L,--follow", follow, "Follow symbolic links (loops are detected)");
    command.add_option("--max-depth", max_depth,
                       "Descend at most N directories below each path (0: the paths only)")
        ->type_name("N");
    command.add_flag("--one-file-system", one_file_system,
                     "Do not descend into directories on other file systems");
    // One glob per occurrence (repeat the flag for more), so that `--include '*.c' DIR` leaves
    // DIR to the positional paths.
    command
        .add_option("--include", include_globs,
                    "Only process files whose name (or path, if the glob has a '/') matches "
                    "GLOB; repeatable")
        ->type_name("GLOB")
        ->allow_extra_args(false);
    command.add_option("--exclude", exclude_globs, "Skip files matching GLOB; repeatable")
        ->type_name("GLOB")
        ->allow_extra_args(false);
    command.add_flag("--stats", stats, "Print files, bytes, errors, time and throughput to stderr");
    command.add_flag("-v,--verbose", verbose, "Say more on stderr (repeat for debug messages)");
    command.add_flag("-q,--quiet", quiet, "Say less on stderr: errors only");
    auto* shown = command.add_flag("--progress", progress, "Show a progress line on stderr");
    command.add_flag("--no-progress", no_progress, "Never show the progress line")
        ->excludes(shown);
}

FileSourceOptions CommonOptions::file_sources(bool nul_separated_list) const {
    return {paths, files_from, nul_separated_list};
}

WalkOptions CommonOptions::walk_options() const {
    WalkOptions walk;
    walk.follow_symlinks = follow;
    walk.max_depth = max_depth;
    walk.one_file_system = one_file_system;
    for (const auto& glob : include_globs) {
        walk.file_globs.add_include(glob);
    }
    for (const auto& glob : exclude_globs) {
        walk.file_globs.add_exclude(glob);
    }
    return walk;
}

PipelineOptions CommonOptions::pipeline_options() const {
    PipelineOptions pipeline;
    pipeline.workers = jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency());
    pipeline.queue_capacity = queue_capacity.value_or(2 * pipeline.workers);
    return pipeline;
}

SessionOptions CommonOptions::session_options() const {
    SessionOptions session;
    session.verbosity = quiet          ? Verbosity::quiet
                        : verbose >= 2 ? Verbosity::debug
                        : verbose == 1 ? Verbosity::verbose
                                       : Verbosity::normal;
    if (progress) {
        session.progress = true;
    } else if (no_progress) {
        session.progress = false;
    }
    session.stats = stats;
    return session;
}

}  // namespace ptool
