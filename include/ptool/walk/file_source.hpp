// FileSource: the producer side shared by every command that takes files: the PATH arguments
// (each walked by the Walker) or, with --files-from, a list of paths read from a file or from
// standard input, newline- or NUL-separated, streamed (never loaded whole).
// Easy to get wrong: a listed path is walked like an argument, so a directory in the list is
// walked too; an empty list entry is skipped, not taken as the current directory.
#pragma once

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "ptool/walk/walker.hpp"

namespace ptool {

struct FileSourceOptions {
    std::vector<std::string> paths;         // walked first; no paths and no list: "."
    std::optional<std::string> files_from;  // a file name, or "-" for standard input
    bool nul_separated_list = false;        // -0: the list is NUL-separated
    // A path `-` reaches on_file as WalkedFile::standard_input, in its place in the order.
    // Only among `paths`: a `-` inside a --files-from list is a file named `-`.
    bool dash_is_standard_input = false;
};

// Walks every source in order, calling the walker's callbacks. Returns when done or stopped.
void walk_file_sources(const FileSourceOptions& sources, const WalkOptions& walk_options,
                       const Walker::Callbacks& callbacks, const std::stop_token& stop);

}  // namespace ptool
