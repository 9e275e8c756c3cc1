// Command-line options shared by every command that walks files (hash, grep): the walker's
// filters, --files-from, the pool's size, and the session's verbosity, progress and stats.
// Easy to get wrong: CLI11 stores into these structs while parsing; read them only after
// parse() returned, and derive what depends on several flags in finish().
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ptool/run/ordered_pipeline.hpp"
#include "ptool/run/session.hpp"
#include "ptool/walk/file_source.hpp"
#include "ptool/walk/walker.hpp"

namespace ptool {

class CommonOptions {
public:
    // Adds the shared options to a subcommand.
    void add_to(CLI::App& command);

    // Turns what was parsed into the structures the library takes.
    [[nodiscard]] FileSourceOptions file_sources(bool nul_separated_list) const;
    [[nodiscard]] WalkOptions walk_options() const;
    [[nodiscard]] PipelineOptions pipeline_options() const;
    [[nodiscard]] SessionOptions session_options() const;

    std::vector<std::string> paths;
    std::optional<std::string> files_from;
    std::size_t jobs = 0;  // 0: the number of hardware threads
    std::optional<std::size_t> queue_capacity;
    bool follow = false;
    std::optional<std::size_t> max_depth;
    bool one_file_system = false;
    std::vector<std::string> include_globs;
    std::vector<std::string> exclude_globs;
    bool stats = false;
    int verbose = 0;
    bool quiet = false;
    bool progress = false;
    bool no_progress = false;
};

}  // namespace ptool
