// FileSource: arguments, or a --files-from list read in chunks. Reading polls with a timeout
// so that a stop request (SIGTERM) ends a walk that waits on a slow or silent producer.
#include "ptool/walk/file_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <functional>

#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

constexpr int poll_interval_ms = 100;

// Reads `fd` to its end, calling on_entry with each separator-terminated (or final) entry.
// Returns 0, or the errno of a failed read.
template <typename OnEntry>
int read_entries(int fd, char separator, const std::stop_token& stop,
                 const std::function<void()>& on_idle, OnEntry on_entry) {
    std::array<char, 64 * 1024> chunk{};
    std::string pending;
    while (!stop.stop_requested()) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 0) == 0) {
            if (on_idle) {
                on_idle();
            }
            if (::poll(&ready, 1, poll_interval_ms) == 0) {
                continue;
            }
        }
        ssize_t got = ::read(fd, chunk.data(), chunk.size());
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return errno;
        }
        if (got == 0) {
            break;
        }
        std::string_view data{chunk.data(), static_cast<std::size_t>(got)};
        for (auto end = data.find(separator); end != std::string_view::npos;
             end = data.find(separator)) {
            pending.append(data.substr(0, end));
            on_entry(pending);
            pending.clear();
            data.remove_prefix(end + 1);
            if (stop.stop_requested()) {
                return 0;
            }
        }
        pending.append(data);
    }
    if (!pending.empty() && !stop.stop_requested()) {
        on_entry(pending);
    }
    return 0;
}

void walk_listed_paths(const std::string& list_name, char separator, Walker& walker,
                       const Walker::Callbacks& callbacks, const std::stop_token& stop) {
    FileDescriptor opened;
    int fd = STDIN_FILENO;
    if (list_name != "-") {
        opened.reset(::open(list_name.c_str(), O_RDONLY | O_CLOEXEC));
        if (!opened) {
            callbacks.on_error(list_name, std::strerror(errno));
            return;
        }
        fd = opened.get();
    }
    int error = read_entries(fd, separator, stop, callbacks.on_idle, [&](const std::string& path) {
        if (!path.empty()) {
            walker.walk(path);
        }
    });
    if (error != 0) {
        callbacks.on_error(list_name == "-" ? "standard input" : list_name, std::strerror(error));
    }
}

}  // namespace

void walk_file_sources(const FileSourceOptions& sources, const WalkOptions& walk_options,
                       const Walker::Callbacks& callbacks, const std::stop_token& stop) {
    Walker walker{walk_options, callbacks, stop};
    if (sources.paths.empty() && !sources.files_from) {
        walker.walk(".");
    }
    for (const auto& path : sources.paths) {
        if (stop.stop_requested()) {
            return;
        }
        walker.walk(path);
    }
    if (sources.files_from) {
        const char separator = sources.nul_separated_list ? '\0' : '\n';
        walk_listed_paths(*sources.files_from, separator, walker, callbacks, stop);
    }
}

}  // namespace ptool
