// Hasher: a streaming digest of one file at a time, owned by one worker and reused across files
// so that the hash state is allocated once per worker, not once per file.
// Easy to get wrong: call reset() before each file; the digest of a file is only defined between
// one reset() and the next, and SHA-256 cannot take more bytes once its digest has been taken.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "ptool/hash/hash_algorithm.hpp"

namespace ptool {

class Hasher {
  public:
    // Throws std::bad_alloc or std::runtime_error if the hash library cannot set up its state.
    explicit Hasher(HashAlgorithm algorithm);
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;
    Hasher(Hasher&&) noexcept;
    Hasher& operator=(Hasher&&) noexcept;
    ~Hasher();

    [[nodiscard]] HashAlgorithm algorithm() const { return algorithm_; }

    // Starts a new, empty input. The constructor has already done this once.
    void reset();
    void update(std::span<const std::byte> bytes);

    // Appends the digest as lowercase hex exactly as xxhsum and sha256sum print it: xxHash in its
    // canonical big-endian form (XXH128: high half first), without any `XXH3_` prefix. That
    // prefix belongs to the manifest line, not to the digest.
    void append_hex_digest(std::string& out);
    [[nodiscard]] std::string hex_digest();

  private:
    struct State;
    HashAlgorithm algorithm_;
    std::unique_ptr<State> state_;
};

}  // namespace ptool
