// `ptool grep PATTERN [PATH...]`: walker -> pool -> one GrepEngine per worker -> ordered writer.
// Every file under the paths is searched; its lines are printed in walk order, the same bytes for
// any number of workers. Exit status as GNU grep: 0 a line was selected, 1 none, 2 an error
// (but 0 under -q once a line was selected, errors or not).
// Easy to get wrong: -q stops the walk through the session's stop source, which is not an
// interruption (only a received signal is); and a bad pattern must be reported before any file
// is opened, so run_grep checks the patterns first.
#pragma once

#include <optional>
#include <string>

#include "ptool/grep/grep_options.hpp"
#include "ptool/run/ordered_pipeline.hpp"
#include "ptool/run/session.hpp"
#include "ptool/walk/file_source.hpp"
#include "ptool/walk/walker.hpp"

namespace ptool {

struct GrepCommandOptions {
    FileSourceOptions sources;
    WalkOptions walk;
    PipelineOptions pipeline;
    GrepOptions grep;
    // -s: no messages about missing or unreadable files (they still make the exit status 2).
    bool no_file_messages = false;
};

// grep's exit statuses.
inline constexpr int grep_exit_selected = 0;
inline constexpr int grep_exit_none_selected = 1;
inline constexpr int grep_exit_error = 2;

// Runs the search. With no path and no --files-from it searches "." and prints `x`, not `./x`,
// as grep -r and rg do (the CLI passes "-" instead when standard input is to be searched; it is
// printed as "(standard input)", "<stdin>" in --json). The Session turns signals and output
// failures into their own statuses.
int run_grep(const GrepCommandOptions& options, Session& session);

}  // namespace ptool
