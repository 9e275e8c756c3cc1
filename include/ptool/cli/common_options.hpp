// Command-line options shared by every command that walks files (hash, grep): the walker's
// filters, --files-from, the pool's size, and the session's verbosity, progress and stats.
// Easy to get wrong: CLI11 stores into these structs while parsing; read them only after
// parse() returned. grep spends -v, -q and -L on GNU grep's meanings, so a command says which
// of the shared short flags it wants (CommonFlagNames); the long names are always there.
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

// Which of the shared flags' optional spellings a command registers.
struct CommonFlagNames {
    bool paths_positional = true;  // false: the command splits its positionals itself
    bool short_verbosity = true;   // -v/--verbose and -q/--quiet; false: --verbose, --no-warnings
    bool short_follow = true;      // -L/--follow; false: --follow only
};

class CommonOptions {
  public:
    // Adds the shared options to a subcommand.
    void add_to(CLI::App& command, const CommonFlagNames& names = {});

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
    std::vector<std::string> excluded_directory_globs;
    bool stats = false;
    int verbose = 0;
    bool quiet = false;
    bool progress = false;
    bool no_progress = false;
};

}  // namespace ptool
