// HashAlgorithm: the digests `ptool hash` can write and verify, with the names each format uses
// for them. Easy to get wrong: the CLI name (`xxh3`), the tag name (`XXH3`) and the hex length
// are three different things; XXH3 (64-bit) and XXH64 share a hex length, so a manifest line can
// only tell them apart by its tag or by the `XXH3_` prefix.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ptool {

enum class HashAlgorithm { xxh32, xxh64, xxh3, xxh128, sha256 };

inline constexpr std::array<HashAlgorithm, 5> all_hash_algorithms{
    HashAlgorithm::xxh32, HashAlgorithm::xxh64, HashAlgorithm::xxh3, HashAlgorithm::xxh128,
    HashAlgorithm::sha256};

// `xxh32`, `xxh64`, `xxh3`, `xxh128`, `sha256`: the names `--algorithm` accepts.
[[nodiscard]] std::string_view cli_name(HashAlgorithm algorithm);
[[nodiscard]] std::optional<HashAlgorithm> parse_hash_algorithm(std::string_view cli_name);

// `XXH32`, `XXH64`, `XXH3`, `XXH128`, `SHA256`: the names in BSD tag lines `ALGO (PATH) = HASH`.
[[nodiscard]] std::string_view tag_name(HashAlgorithm algorithm);
[[nodiscard]] std::optional<HashAlgorithm> hash_algorithm_from_tag(std::string_view tag);

// Number of hex digits in a digest (8, 16, 16, 32, 64), without any `XXH3_` prefix.
[[nodiscard]] std::size_t digest_hex_length(HashAlgorithm algorithm);

}  // namespace ptool
