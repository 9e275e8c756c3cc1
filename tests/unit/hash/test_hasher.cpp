// Hasher gives the digests xxhsum 0.8.1 and sha256sum 9.1 print (expected values computed once
// with those tools), whether the input comes in one piece or many, and again after reset().
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ptool/hash/hasher.hpp"

namespace ptool {
namespace {

std::span<const std::byte> as_bytes(std::string_view text) {
    return std::as_bytes(std::span(text.data(), text.size()));
}

// "0000" "0001" ... "0249": 1000 bytes, long enough for XXH3's large-input path (> 240 bytes).
std::string thousand_bytes() {
    std::string text;
    for (int number = 0; number < 250; ++number) {
        std::string digits = std::to_string(number);
        text += std::string(4 - digits.size(), '0') + digits;
    }
    return text;
}

struct KnownDigest {
    HashAlgorithm algorithm;
    std::string_view of_empty;
    std::string_view of_abc;
    std::string_view of_thousand_bytes;
};

// xxhsum -H0 (xxh32), -H1 (xxh64), -H2 (xxh128), -H3 (xxh3); sha256sum.
constexpr std::array known_digests{
    KnownDigest{HashAlgorithm::xxh32, "02cc5d05", "32d153ff", "dd2de625"},
    KnownDigest{HashAlgorithm::xxh64, "ef46db3751d8e999", "44bc2cf5ad770999", "97fd9eb16bed112f"},
    KnownDigest{HashAlgorithm::xxh3, "2d06800538d394c2", "78af5f94892f3950", "3e5d92c14dea296b"},
    KnownDigest{HashAlgorithm::xxh128, "99aa06d3014798d86001c324468d497f",
                "06b05ab6733a618578af5f94892f3950", "64149d0ee219eef03e5d92c14dea296b"},
    KnownDigest{HashAlgorithm::sha256,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "757fdca3b47636bbee1ae822786ad933beb5020ef72f5b70396fb6ac383c2dde"},
};

class HasherKnownDigests : public ::testing::TestWithParam<KnownDigest> {};

TEST_P(HasherKnownDigests, EmptyInput) {
    Hasher hasher{GetParam().algorithm};
    EXPECT_EQ(hasher.hex_digest(), GetParam().of_empty);
}

TEST_P(HasherKnownDigests, WholeInputAtOnce) {
    Hasher hasher{GetParam().algorithm};
    hasher.update(as_bytes("abc"));
    EXPECT_EQ(hasher.hex_digest(), GetParam().of_abc);
}

TEST_P(HasherKnownDigests, InputInUnevenPieces) {
    const std::string input = thousand_bytes();
    Hasher hasher{GetParam().algorithm};
    std::size_t offset = 0;
    for (std::size_t piece = 1; offset < input.size(); piece = piece * 3 + 1) {
        std::string_view part = std::string_view(input).substr(offset, piece);
        hasher.update(as_bytes(part));
        offset += part.size();
    }
    EXPECT_EQ(hasher.hex_digest(), GetParam().of_thousand_bytes);
}

TEST_P(HasherKnownDigests, ResetStartsOverForTheNextFile) {
    Hasher hasher{GetParam().algorithm};
    hasher.update(as_bytes(thousand_bytes()));
    EXPECT_EQ(hasher.hex_digest(), GetParam().of_thousand_bytes);
    hasher.reset();
    hasher.update(as_bytes("abc"));
    EXPECT_EQ(hasher.hex_digest(), GetParam().of_abc);
    hasher.reset();
    EXPECT_EQ(hasher.hex_digest(), GetParam().of_empty);
}

TEST_P(HasherKnownDigests, AppendsAfterWhatTheBufferHolds) {
    Hasher hasher{GetParam().algorithm};
    hasher.update(as_bytes("abc"));
    std::string line = "prefix:";
    hasher.append_hex_digest(line);
    EXPECT_EQ(line, "prefix:" + std::string(GetParam().of_abc));
    EXPECT_EQ(GetParam().of_abc.size(), digest_hex_length(GetParam().algorithm));
}

TEST_P(HasherKnownDigests, MovedHasherKeepsItsState) {
    Hasher first{GetParam().algorithm};
    first.update(as_bytes("abc"));
    std::vector<Hasher> workers;
    workers.push_back(std::move(first));
    EXPECT_EQ(workers.front().algorithm(), GetParam().algorithm);
    EXPECT_EQ(workers.front().hex_digest(), GetParam().of_abc);
}

INSTANTIATE_TEST_SUITE_P(AllAlgorithms, HasherKnownDigests, ::testing::ValuesIn(known_digests),
                         [](const ::testing::TestParamInfo<KnownDigest>& info) {
                             return std::string(cli_name(info.param.algorithm));
                         });

TEST(HashAlgorithm, NamesAndLengthsAgree) {
    for (HashAlgorithm algorithm : all_hash_algorithms) {
        EXPECT_EQ(parse_hash_algorithm(cli_name(algorithm)), algorithm);
        EXPECT_EQ(hash_algorithm_from_tag(tag_name(algorithm)), algorithm);
    }
    EXPECT_EQ(tag_name(HashAlgorithm::xxh3), "XXH3");
    EXPECT_EQ(tag_name(HashAlgorithm::sha256), "SHA256");
    EXPECT_EQ(digest_hex_length(HashAlgorithm::xxh32), 8U);
    EXPECT_EQ(digest_hex_length(HashAlgorithm::xxh128), 32U);
    EXPECT_EQ(parse_hash_algorithm("XXH3"), std::nullopt);
    EXPECT_EQ(parse_hash_algorithm("md5"), std::nullopt);
    EXPECT_EQ(hash_algorithm_from_tag("xxh3"), std::nullopt);
}

}  // namespace
}  // namespace ptool
