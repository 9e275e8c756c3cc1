#include "ptool/hash/hasher.hpp"

#include <openssl/evp.h>
#include <xxhash.h>

#include <array>
#include <new>
#include <stdexcept>
#include <utility>

namespace ptool {
namespace {

template <auto free_function>
struct CallFree {
    template <typename T>
    void operator()(T* pointer) const {
        free_function(pointer);
    }
};

using Xxh32State = std::unique_ptr<XXH32_state_t, CallFree<XXH32_freeState>>;
using Xxh64State = std::unique_ptr<XXH64_state_t, CallFree<XXH64_freeState>>;
using Xxh3State = std::unique_ptr<XXH3_state_t, CallFree<XXH3_freeState>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, CallFree<EVP_MD_CTX_free>>;
using DigestMethod = std::unique_ptr<EVP_MD, CallFree<EVP_MD_free>>;

template <typename Owner>
Owner checked_allocation(typename Owner::pointer pointer) {
    if (pointer == nullptr) {
        throw std::bad_alloc();
    }
    return Owner{pointer};
}

void append_hex(std::string& out, std::span<const unsigned char> bytes) {
    static constexpr std::string_view digits = "0123456789abcdef";
    for (unsigned char byte : bytes) {
        out.push_back(digits[byte >> 4U]);
        out.push_back(digits[byte & 0x0FU]);
    }
}

void throw_if_openssl_failed(int status, const char* what) {
    if (status != 1) {
        throw std::runtime_error(std::string("OpenSSL SHA-256: ") + what + " failed");
    }
}

}  // namespace

// Only the member for the chosen algorithm is set; XXH3 and XXH128 share one XXH3 state.
struct Hasher::State {
    Xxh32State xxh32;
    Xxh64State xxh64;
    Xxh3State xxh3;
    DigestContext sha256_context;
    // Fetched once: with OpenSSL 3 an implicit fetch on every EVP_DigestInit_ex is measurable.
    DigestMethod sha256_method;
};

Hasher::Hasher(HashAlgorithm algorithm) : algorithm_(algorithm), state_(std::make_unique<State>()) {
    switch (algorithm_) {
        case HashAlgorithm::xxh32:
            state_->xxh32 = checked_allocation<Xxh32State>(XXH32_createState());
            break;
        case HashAlgorithm::xxh64:
            state_->xxh64 = checked_allocation<Xxh64State>(XXH64_createState());
            break;
        case HashAlgorithm::xxh3:
        case HashAlgorithm::xxh128:
            state_->xxh3 = checked_allocation<Xxh3State>(XXH3_createState());
            break;
        case HashAlgorithm::sha256:
            state_->sha256_context = checked_allocation<DigestContext>(EVP_MD_CTX_new());
            state_->sha256_method = DigestMethod{EVP_MD_fetch(nullptr, "SHA256", nullptr)};
            if (!state_->sha256_method) {
                throw std::runtime_error("OpenSSL SHA-256: the SHA256 digest is not available");
            }
            break;
    }
    reset();
}

Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;
Hasher::~Hasher() = default;

void Hasher::reset() {
    switch (algorithm_) {
        case HashAlgorithm::xxh32:
            XXH32_reset(state_->xxh32.get(), 0);
            break;
        case HashAlgorithm::xxh64:
            XXH64_reset(state_->xxh64.get(), 0);
            break;
        case HashAlgorithm::xxh3:
            XXH3_64bits_reset(state_->xxh3.get());
            break;
        case HashAlgorithm::xxh128:
            XXH3_128bits_reset(state_->xxh3.get());
            break;
        case HashAlgorithm::sha256:
            throw_if_openssl_failed(EVP_DigestInit_ex(state_->sha256_context.get(),
                                                      state_->sha256_method.get(), nullptr),
                                    "EVP_DigestInit_ex");
            break;
    }
}

void Hasher::update(std::span<const std::byte> bytes) {
    const void* data = bytes.data();
    const std::size_t size = bytes.size();
    switch (algorithm_) {
        case HashAlgorithm::xxh32:
            XXH32_update(state_->xxh32.get(), data, size);
            break;
        case HashAlgorithm::xxh64:
            XXH64_update(state_->xxh64.get(), data, size);
            break;
        case HashAlgorithm::xxh3:
            XXH3_64bits_update(state_->xxh3.get(), data, size);
            break;
        case HashAlgorithm::xxh128:
            XXH3_128bits_update(state_->xxh3.get(), data, size);
            break;
        case HashAlgorithm::sha256:
            throw_if_openssl_failed(EVP_DigestUpdate(state_->sha256_context.get(), data, size),
                                    "EVP_DigestUpdate");
            break;
    }
}

void Hasher::append_hex_digest(std::string& out) {
    switch (algorithm_) {
        case HashAlgorithm::xxh32: {
            XXH32_canonical_t canonical;
            XXH32_canonicalFromHash(&canonical, XXH32_digest(state_->xxh32.get()));
            append_hex(out, canonical.digest);
            break;
        }
        case HashAlgorithm::xxh64: {
            XXH64_canonical_t canonical;
            XXH64_canonicalFromHash(&canonical, XXH64_digest(state_->xxh64.get()));
            append_hex(out, canonical.digest);
            break;
        }
        case HashAlgorithm::xxh3: {
            XXH64_canonical_t canonical;
            XXH64_canonicalFromHash(&canonical, XXH3_64bits_digest(state_->xxh3.get()));
            append_hex(out, canonical.digest);
            break;
        }
        case HashAlgorithm::xxh128: {
            XXH128_canonical_t canonical;
            XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_->xxh3.get()));
            append_hex(out, canonical.digest);
            break;
        }
        case HashAlgorithm::sha256: {
            std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
            unsigned int length = 0;
            throw_if_openssl_failed(
                EVP_DigestFinal_ex(state_->sha256_context.get(), digest.data(), &length),
                "EVP_DigestFinal_ex");
            append_hex(out, std::span(digest).first(length));
            break;
        }
    }
}

std::string Hasher::hex_digest() {
    std::string digest;
    digest.reserve(digest_hex_length(algorithm_));
    append_hex_digest(digest);
    return digest;
}

}  // namespace ptool
