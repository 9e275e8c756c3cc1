// FileHasher: the read loop and the changed-while-reading check.
#include "ptool/hash/file_hasher.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ptool {
namespace {

bool same_file_state(const struct stat& before, const struct stat& after) {
    return before.st_size == after.st_size && before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
           before.st_mtim.tv_nsec == after.st_mtim.tv_nsec;
}

}  // namespace

FileHasher::FileHasher(std::size_t buffer_size) : buffer_(buffer_size) {}

Hasher& FileHasher::hasher_for(HashAlgorithm algorithm) {
    auto& hasher = hashers_[static_cast<std::size_t>(algorithm)];
    if (!hasher) {
        hasher = std::make_unique<Hasher>(algorithm);
    }
    return *hasher;
}

FileDigestOutcome FileHasher::digest(int fd, const struct stat& before, HashAlgorithm algorithm) {
    Hasher& hasher = hasher_for(algorithm);
    hasher.reset();
    FileDigestOutcome outcome;
    for (;;) {
        ssize_t got = ::read(fd, buffer_.data(), buffer_.size());
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            outcome.error = std::strerror(errno);
            return outcome;
        }
        if (got == 0) {
            break;
        }
        hasher.update(std::as_bytes(std::span{buffer_.data(), static_cast<std::size_t>(got)}));
        outcome.size += static_cast<std::uint64_t>(got);
        // Read as much as fstat promised: skip the read that would only see the end; the
        // second fstat below tells whether the file grew meanwhile.
        if (before.st_size > 0 && outcome.size == static_cast<std::uint64_t>(before.st_size)) {
            break;
        }
    }
    struct stat after {};
    if (::fstat(fd, &after) != 0) {
        outcome.error = std::strerror(errno);
        return outcome;
    }
    // Pseudo-files (/proc) report size 0 yet have contents; a real file that changed also
    // changes its modification time.
    const bool size_known = after.st_size != 0;
    if (!same_file_state(before, after) ||
        (size_known && outcome.size != static_cast<std::uint64_t>(after.st_size))) {
        outcome.error = "file changed while it was being read";
        return outcome;
    }
    hasher.append_hex_digest(outcome.hex);
    return outcome;
}

}  // namespace ptool
