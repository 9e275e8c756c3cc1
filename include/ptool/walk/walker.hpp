// Walker: the one producer of file jobs. It walks each root depth-first, reads each directory
// with getdents, sorts the entries by the bytes of their names and hands every regular file to a
// callback, in that order. It never opens a file's contents: workers do, relative to the
// directory descriptor the walker hands them (so paths longer than PATH_MAX still work).
// Easy to get wrong: the callback may block (backpressure); the walker holds no lock while it
// runs, and it checks the stop token between entries so Ctrl-C stops the walk promptly.
#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "ptool/util/file_descriptor.hpp"
#include "ptool/walk/glob.hpp"

namespace ptool {

struct WalkOptions {
    bool follow_symlinks = false;            // -L: follow links, detecting loops by device+inode
    std::optional<std::size_t> max_depth;    // 0: only the roots themselves
    bool one_file_system = false;            // do not cross into other file systems
    bool include_hidden = true;              // names starting with '.'
    bool honour_ignore_files = false;        // .gitignore and .ignore, with git's semantics
    GlobSet file_globs;                      // --include / --exclude
    std::vector<Glob> excluded_directories;  // --exclude-dir
    // The excluded_directories also skip a directory named as a root, tested as GNU grep 3.8
    // tests command-line names: fnmatch(3) without flags ('*' matches '/' too) against the name
    // as given and against each part of it after a '/'. The implicit root is never skipped.
    bool exclude_named_root_directories = false;
};

// A regular file found by the walk. The job opens `name()` relative to `directory`.
struct WalkedFile {
    std::string path;                                 // as reached from the root argument
    std::shared_ptr<const FileDescriptor> directory;  // null: open `path` from the cwd
    std::size_t name_offset = 0;                      // where the name starts inside `path`
    // The path `-` given where FileSourceOptions::dash_is_standard_input: nothing to open, the
    // job reads the process's standard input (already open; it may be a pipe or a terminal).
    bool standard_input = false;

    [[nodiscard]] std::string_view name() const {
        return std::string_view{path}.substr(name_offset);
    }
    [[nodiscard]] int directory_fd() const;
};

// Opens a walked file for reading, refusing anything that is not a regular file (a FIFO put in
// place after the walk must never block a worker). Returns the descriptor and its fstat, or
// the errno of the failure (ENOENT when it vanished).
struct OpenedFile {
    FileDescriptor descriptor;
    struct stat status;
};
struct OpenResult {
    std::optional<OpenedFile> file;
    int error = 0;  // 0 with no file: not a regular file, skip quietly
};
OpenResult open_regular_file(const WalkedFile& file, bool follow_symlinks);

class Walker {
  public:
    struct Callbacks {
        std::function<void(WalkedFile&&)> on_file;
        // `reason` is strerror text or a sentence; the walk goes on.
        std::function<void(std::string_view path, std::string_view reason)> on_error;
        // Optional: the producer is about to wait for more input (a slow --files-from list);
        // hand over whatever is held back.
        std::function<void()> on_idle;
    };

    Walker(WalkOptions options, Callbacks callbacks, std::stop_token stop);
    Walker(const Walker&) = delete;
    Walker& operator=(const Walker&) = delete;
    ~Walker();

    enum class RootOrigin {
        named,     // given by the user (an argument, a listed path)
        implicit,  // the "." walked when none was given
    };

    // Walks one root (a file or a directory) given on the command line. Symbolic links named
    // on the command line are followed, as `grep -r` and `rg` do.
    void walk(const std::string& root, RootOrigin origin = RootOrigin::named);

  private:
    class DirectoryWalk;
    [[nodiscard]] bool excluded_root(const std::string& root) const;
    WalkOptions options_;
    Callbacks callbacks_;
    std::stop_token stop_;
};

}  // namespace ptool
