// FileHasher: one worker's means to digest whole files: a reusable read buffer and one Hasher
// per algorithm, made on first use. It streams a file through the buffer (never reads or maps
// it whole) and checks, with fstat on the same descriptor before and after, that the file did
// not change while it was read.
// Easy to get wrong: a digest is only valid when the outcome has no error and the file was
// unchanged; a file that shrank or grew mid-read must not get a manifest line.
#pragma once

#include <sys/stat.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ptool/hash/hash_algorithm.hpp"
#include "ptool/hash/hasher.hpp"
#include "ptool/util/byte_buffer.hpp"

namespace ptool {

struct FileDigestOutcome {
    std::string hex;         // the digest, when error is empty
    std::uint64_t size = 0;  // bytes read
    std::string error;       // empty when the digest is good; else why (strerror text)
};

class FileHasher {
  public:
    explicit FileHasher(std::size_t buffer_size = 256 * 1024);

    // Reads the open file `fd` (whose fstat before reading is `before`) to its end.
    FileDigestOutcome digest(int fd, const struct stat& before, HashAlgorithm algorithm);

  private:
    Hasher& hasher_for(HashAlgorithm algorithm);

    ByteBuffer buffer_;
    std::array<std::unique_ptr<Hasher>, all_hash_algorithms.size()> hashers_;
};

}  // namespace ptool
