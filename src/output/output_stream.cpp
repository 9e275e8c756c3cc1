// OutputStream: buffering and the write loop that survives short writes and EINTR.
#include "ptool/output/output_stream.hpp"

#include <unistd.h>

#include <cerrno>

namespace ptool {

OutputStream::OutputStream(int fd, std::size_t buffer_size) : fd_(fd), capacity_(buffer_size) {
    buffer_.reserve(capacity_);
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
