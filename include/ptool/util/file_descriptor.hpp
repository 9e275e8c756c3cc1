// FileDescriptor: owns one POSIX file descriptor and closes it exactly once. Every descriptor
// ptool opens lives in one of these; there is no bare close() anywhere else.
// Easy to get wrong: get() lends the descriptor; it is still closed when the owner dies.
#pragma once

#include <utility>

namespace ptool {

class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept {
        if (this != &other) {
            reset(std::exchange(other.fd_, -1));
        }
        return *this;
    }
    ~FileDescriptor() { reset(); }

    [[nodiscard]] int get() const { return fd_; }
    [[nodiscard]] bool valid() const { return fd_ >= 0; }
    explicit operator bool() const { return valid(); }
    void reset(int fd = -1);

private:
    int fd_ = -1;
};

}  // namespace ptool
