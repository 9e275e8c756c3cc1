// FileHasher: a digest only for a file that did not change while it was read.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "ptool/hash/file_hasher.hpp"
#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

class FileHasherTest : public ::testing::Test {
  protected:
    void SetUp() override {
        file_ = std::tmpfile();
        ASSERT_NE(file_, nullptr);
        std::fputs("some contents", file_);
        std::fflush(file_);
        std::rewind(file_);
        ASSERT_EQ(::fstat(::fileno(file_), &status_), 0);
    }
    void TearDown() override { std::fclose(file_); }

    std::FILE* file_ = nullptr;
    struct stat status_ {};
    FileHasher hasher_{4};  // a tiny buffer: several reads
};

TEST_F(FileHasherTest, AnUnchangedFileGetsItsDigest) {
    auto outcome = hasher_.digest(::fileno(file_), status_, HashAlgorithm::sha256);
    EXPECT_EQ(outcome.error, "");
    EXPECT_EQ(outcome.size, 13U);
    EXPECT_EQ(outcome.hex.size(), 64U);
}

// What the first fstat saw differs from the second: the file changed under the reader.
TEST_F(FileHasherTest, ASizeOrTimeChangeWhileReadingIsAnError) {
    struct stat grown = status_;
    grown.st_size -= 3;
    auto outcome = hasher_.digest(::fileno(file_), grown, HashAlgorithm::xxh64);
    EXPECT_EQ(outcome.error, "file changed while it was being read");
    EXPECT_EQ(outcome.hex, "");
    std::rewind(file_);
    struct stat touched = status_;
    touched.st_mtim.tv_nsec = (touched.st_mtim.tv_nsec + 1) % 1'000'000'000;
    outcome = hasher_.digest(::fileno(file_), touched, HashAlgorithm::xxh64);
    EXPECT_EQ(outcome.error, "file changed while it was being read");
}

}  // namespace
}  // namespace ptool
