// FileDescriptor closes what it owns, once, and hands ownership over on move.
#include "ptool/util/file_descriptor.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace ptool {
namespace {

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

TEST(FileDescriptor, ClosesOnDestruction) {
    int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(raw, 0);
    { FileDescriptor owner{raw}; EXPECT_TRUE(is_open(raw)); }
    EXPECT_FALSE(is_open(raw));
}

TEST(FileDescriptor, MoveTransfersOwnership) {
    FileDescriptor first{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
    int raw = first.get();
    FileDescriptor second{std::move(first)};
    EXPECT_FALSE(first.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
    EXPECT_EQ(second.get(), raw);
    EXPECT_TRUE(is_open(raw));
}

}  // namespace
}  // namespace ptool
