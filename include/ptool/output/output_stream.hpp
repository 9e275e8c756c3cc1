// OutputStream: the one buffered writer to standard output (or any descriptor). Results are
// appended into a large buffer that is written out when full and on flush(); a pipe is enlarged
// to 1 MiB, so that writer and reader both move in large steps. Write errors are
// kept, not thrown: EPIPE means the reader went away (`ptool ... | head -1`), anything else
// (ENOSPC on `> /dev/full`) is a real failure the command must report.
// Easy to get wrong: this class is not thread-safe; the OrderedWriter serialises all use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ptool {

class OutputStream {
public:
    explicit OutputStream(int fd, std::size_t buffer_size = 256 * 1024);
    OutputStream(const OutputStream&) = delete;
    OutputStream& operator=(const OutputStream&) = delete;

    void write(std::string_view bytes);
    void flush();

    // True once a write failed; later writes are dropped.
    [[nodiscard]] bool failed() const { return error_ != 0; }
    // The errno of the first failed write, 0 when none failed.
    [[nodiscard]] int error() const { return error_; }
    [[nodiscard]] bool reader_gone() const;
    [[nodiscard]] bool has_pending_bytes() const { return !buffer_.empty(); }

private:
    void write_all(std::string_view bytes);

    int fd_;
    std::size_t capacity_;
    std::string buffer_;
    int error_ = 0;
};

}  // namespace ptool
