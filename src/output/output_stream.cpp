// OutputStream: buffering and the write loop that survives short writes and EINTR.
#include "ptool/output/output_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace ptool {
namespace {

// Linux's default pipe holds 64 KiB, so `ptool grep ... | sort` waited for the reader after
// every write and woke it for every few lines: 15 % of the wall time on a search that prints
// 40 MB. A larger pipe lets both sides move in large steps. Best effort: the kernel may refuse
// (a user's pipe memory is limited), and a pipe already larger is left as it is.
void enlarge_pipe(int fd) {
    constexpr int wanted = 1 << 20;
    struct stat status {};
    if (::fstat(fd, &status) == 0 && S_ISFIFO(status.st_mode) &&
        ::fcntl(fd, F_GETPIPE_SZ) < wanted) {
        static_cast<void>(::fcntl(fd, F_SETPIPE_SZ, wanted));
    }
}

}  // namespace

OutputStream::OutputStream(int fd, std::size_t buffer_size) : fd_(fd), capacity_(buffer_size) {
    buffer_.reserve(capacity_);
    enlarge_pipe(fd_);
}

void OutputStream::write(std::string_view bytes) {
    if (failed()) {
        return;
    }
    if (buffer_.size() + bytes.size() <= capacity_) {
        buffer_.append(bytes);
        return;
    }
    flush();
    if (bytes.size() >= capacity_) {
        write_all(bytes);  // too large to be worth copying into the buffer
    } else {
        buffer_.append(bytes);
    }
}

void OutputStream::flush() {
    if (!buffer_.empty()) {
        write_all(buffer_);
        buffer_.clear();
    }
}

bool OutputStream::reader_gone() const { return error_ == EPIPE; }

void OutputStream::write_all(std::string_view bytes) {
    while (!bytes.empty() && !failed()) {
        ssize_t written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno != EINTR) {
                error_ = errno;
            }
            continue;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace ptool
