// Helpers for integration tests: run the built ptool binary on files made in a temporary
// directory, capture its stdout, stderr and exit status. Easy to get wrong: the child must not
// inherit the test's blocked signal mask, or SIGINT tests would hang.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptool::testing {

struct RunResult {
    int exit_status = -1;  // 128 + signal number when the child was killed by a signal
    std::string out;
    std::string err;
};

struct RunOptions {
    std::optional<std::string> stdin_text;    // fed to the child's standard input (a file)
    std::optional<std::string> stdin_path;    // or: standard input opened from this path
    std::optional<std::string> stdout_path;   // redirect stdout to this file (e.g. /dev/full)
    std::filesystem::path working_directory;  // empty: the test's own
};

// Runs argv[0] with the arguments (argv[0] is a program found on PATH or a full path).
RunResult run_program(const std::vector<std::string>& argv, const RunOptions& options = {});

// Runs a program under permission checks even when the tests run as root: root's capabilities
// that bypass them are dropped (switching to another user would fail where that user cannot
// reach the build directory).
RunResult run_program_without_privileges(const std::vector<std::string>& argv,
                                         const RunOptions& options = {});

// The ptool binary, as run_program_without_privileges runs a program.
RunResult run_ptool_without_privileges(const std::vector<std::string>& arguments,
                                       const RunOptions& options = {});

// Runs the ptool binary under test with the given arguments.
RunResult run_ptool(const std::vector<std::string>& arguments, const RunOptions& options = {});

// A child started with a pipe on its standard input, for tests that feed it slowly or signal it
// part-way through.
class RunningProgram {
  public:
    explicit RunningProgram(const std::vector<std::string>& argv);
    RunningProgram(const RunningProgram&) = delete;
    RunningProgram& operator=(const RunningProgram&) = delete;
    ~RunningProgram();

    void write_stdin(std::string_view text);
    // Writes all of `text`, or returns false once the child has closed its standard input
    // (exited, usually), without the SIGPIPE that would kill the test.
    bool write_stdin_unless_closed(std::string_view text);
    void close_stdin();
    void send_signal(int signal);
    // Waits until the child has written at least `count` newline-terminated lines to stdout.
    void wait_for_stdout_lines(std::size_t count);
    // Waits until the child's stderr contains `text`.
    void wait_for_stderr_text(std::string_view text);
    // Waits for the child to exit; its standard input stays open until close_stdin().
    RunResult wait();

  private:
    std::filesystem::path capture_;
    int stdin_fd_ = -1;
    int pid_ = -1;
};

// A fresh temporary directory, removed with everything in it when the object dies.
class TemporaryDirectory {
  public:
    TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// Writes a file (creating parent directories) with the given contents.
void write_file(const std::filesystem::path& path, std::string_view contents);

}  // namespace ptool::testing
