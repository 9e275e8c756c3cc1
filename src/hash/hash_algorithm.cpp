#include "ptool/hash/hash_algorithm.hpp"

namespace ptool {

std::string_view cli_name(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::xxh32:
            return "xxh32";
        case HashAlgorithm::xxh64:
            return "xxh64";
        case HashAlgorithm::xxh3:
            return "xxh3";
        case HashAlgorithm::xxh128:
            return "xxh128";
        case HashAlgorithm::sha256:
            return "sha256";
    }
    return {};
}

std::optional<HashAlgorithm> parse_hash_algorithm(std::string_view name) {
    for (HashAlgorithm algorithm : all_hash_algorithms) {
        if (cli_name(algorithm) == name) {
            return algorithm;
        }
    }
    return std::nullopt;
}

std::string_view tag_name(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::xxh32:
            return "XXH32";
        case HashAlgorithm::xxh64:
            return "XXH64";
        case HashAlgorithm::xxh3:
            return "XXH3";
        case HashAlgorithm::xxh128:
            return "XXH128";
        case HashAlgorithm::sha256:
            return "SHA256";
    }
    return {};
}

std::optional<HashAlgorithm> hash_algorithm_from_tag(std::string_view tag) {
    for (HashAlgorithm algorithm : all_hash_algorithms) {
        if (tag_name(algorithm) == tag) {
            return algorithm;
        }
    }
    return std::nullopt;
}

std::size_t digest_hex_length(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::xxh32:
            return 8;
        case HashAlgorithm::xxh64:
        case HashAlgorithm::xxh3:
            return 16;
        case HashAlgorithm::xxh128:
            return 32;
        case HashAlgorithm::sha256:
            return 64;
    }
    return 0;
}

}  // namespace ptool
