// Runs child processes for the integration tests with posix_spawn and collects their output
// through temporary files (no pipes, so a chatty child can never dead-lock the test).
#include "ptool_runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

extern char** environ;

namespace ptool::testing {
namespace {

std::string read_whole_file(const std::filesystem::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "waitpid");
        }
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

// Starts argv with the given file actions (which this destroys) and nothing blocked in its
// signal mask; throws when the program cannot be started.
pid_t spawn(const std::vector<std::string>& argv, posix_spawn_file_actions_t& actions) {
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t nothing_blocked;
    sigemptyset(&nothing_blocked);
    posix_spawnattr_setsigmask(&attributes, &nothing_blocked);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    std::vector<char*> raw_argv;
    for (const auto& argument : argv) {
        raw_argv.push_back(const_cast<char*>(argument.c_str()));
    }
    raw_argv.push_back(nullptr);
    pid_t pid = 0;
    int spawn_error =
        ::posix_spawnp(&pid, raw_argv[0], &actions, &attributes, raw_argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawn_error != 0) {
        throw std::system_error(spawn_error, std::generic_category(), "spawn " + argv[0]);
    }
    return pid;
}

}  // namespace

TemporaryDirectory::TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ptool-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ignored;
    // Unreadable directories made by a test must become removable again.
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied, ignored);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ignored)) {
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ignored);
    }
    std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::filesystem::path& path, std::string_view contents) {
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path());
    }
    std::ofstream out{path, std::ios::binary};
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

RunResult run_program(const std::vector<std::string>& argv, const RunOptions& options) {
    TemporaryDirectory capture;
    const auto out_path = options.stdout_path.value_or((capture.path() / "out").string());
    const auto err_path = capture.path() / "err";
    const auto in_path = options.stdin_path.value_or((capture.path() / "in").string());
    if (!options.stdin_path) {
        write_file(in_path, options.stdin_text.value_or(""));
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    if (!options.working_directory.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_directory.c_str());
    }
    const pid_t pid = spawn(argv, actions);
    RunResult result;
    result.exit_status = wait_for(pid);
    if (!options.stdout_path) {
        result.out = read_whole_file(out_path);
    }
    result.err = read_whole_file(err_path);
    return result;
}

RunningProgram::RunningProgram(const std::vector<std::string>& argv) {
    char pattern[] = "/tmp/ptool-running-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    capture_ = pattern;
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[0], 0);
    posix_spawn_file_actions_addopen(&actions, 1, (capture_ / "out").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (capture_ / "err").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    try {
        pid_ = spawn(argv, actions);
    } catch (...) {
        ::close(pipe_ends[0]);
        ::close(pipe_ends[1]);
        throw;
    }
    ::close(pipe_ends[0]);
    stdin_fd_ = pipe_ends[1];
}

RunningProgram::~RunningProgram() {
    close_stdin();
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait_for(pid_);
    }
    std::error_code ignored;
    std::filesystem::remove_all(capture_, ignored);
}

void RunningProgram::write_stdin(std::string_view text) {
    while (!text.empty()) {
        ssize_t written = ::write(stdin_fd_, text.data(), text.size());
        if (written < 0) {
            throw std::system_error(errno, std::generic_category(), "write to child");
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

bool RunningProgram::write_stdin_unless_closed(std::string_view text) {
    // SIGPIPE goes to the writing thread: block it here, and take it back if it was raised.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
    bool open = true;
    while (!text.empty() && open) {
        ssize_t written = ::write(stdin_fd_, text.data(), text.size());
        if (written < 0 && errno == EPIPE) {
            const timespec no_wait{};
            ::sigtimedwait(&pipe_signal, nullptr, &no_wait);
            open = false;
        } else if (written < 0 && errno != EINTR) {
            pthread_sigmask(SIG_SETMASK, &previous, nullptr);
            throw std::system_error(errno, std::generic_category(), "write to child");
        } else if (written > 0) {
            text.remove_prefix(static_cast<std::size_t>(written));
        }
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return open;
}

void RunningProgram::close_stdin() {
    if (stdin_fd_ >= 0) {
        ::close(stdin_fd_);
        stdin_fd_ = -1;
    }
}

void RunningProgram::send_signal(int signal) { ::kill(pid_, signal); }

void RunningProgram::wait_for_stdout_lines(std::size_t count) {
    // Polls the capture file: the child writes it, there is nothing to block on.
    for (;;) {
        const auto text = read_whole_file(capture_ / "out");
        if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) >= count) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
}

void RunningProgram::wait_for_stderr_text(std::string_view text) {
    while (read_whole_file(capture_ / "err").find(text) == std::string::npos) {
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
}

RunResult RunningProgram::wait() {
    RunResult result;
    result.exit_status = wait_for(pid_);
    pid_ = -1;
    result.out = read_whole_file(capture_ / "out");
    result.err = read_whole_file(capture_ / "err");
    return result;
}

RunResult run_ptool(const std::vector<std::string>& arguments, const RunOptions& options) {
    std::vector<std::string> argv{PTOOL_BINARY};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_program(argv, options);
}

RunResult run_program_without_privileges(const std::vector<std::string>& argv,
                                         const RunOptions& options) {
    if (::geteuid() != 0) {
        return run_program(argv, options);
    }
    std::vector<std::string> dropped{"setpriv", "--bounding-set=-dac_override,-dac_read_search"};
    dropped.insert(dropped.end(), argv.begin(), argv.end());
    return run_program(dropped, options);
}

RunResult run_ptool_without_privileges(const std::vector<std::string>& arguments,
                                       const RunOptions& options) {
    std::vector<std::string> argv{PTOOL_BINARY};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return run_program_without_privileges(argv, options);
}

}  // namespace ptool::testing
